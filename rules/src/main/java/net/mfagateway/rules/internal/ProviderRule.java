package net.mfagateway.rules.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A mail provider's message about forwarding: Gmail's confirmation or Microsoft 365's report that
 * external forwarding is blocked. {@code code}, {@code link} and {@code detail} may be null.
 */
public record ProviderRule(String id, Kind kind, boolean outerToo, Set<String> senders, List<Pattern> require,
        Pattern code, Pattern link, Pattern detail, List<Example> examples) {

    /** What a provider rule reports. */
    public enum Kind { FORWARDING_CONFIRMATION, FORWARDING_BLOCKED }

    public ProviderRule {
        senders = Set.copyOf(senders);
        require = List.copyOf(require);
        examples = List.copyOf(examples);
    }
}
