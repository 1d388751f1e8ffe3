package net.mfagateway.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.mfagateway.parsers.InboundMessage;

/**
 * Evaluates rules against one message. Immutable and thread-safe: evaluate concurrently.
 *
 * <p>This first engine knows only the generic rule: a 4-8 character code that follows an anchor
 * phrase ("code", "passcode", ...), and exactly one distinct candidate. Per-utility rule files
 * come with the full engine.
 */
public final class RuleEngine {

    private static final Pattern ANCHORED = Pattern.compile(
            "(?i)(?:verification|security|one[- ]time|access|login|sign[- ]in|authentication)?\\s*"
                    + "(?:code|passcode|pin)\\b[^0-9A-Za-z\\n]{0,20}(?:is)?[:\\s]*"
                    + "\\b([0-9](?:[ -]?[0-9]){3,7})\\b");

    private RuleEngine() {
    }

    /** The engine with the rules shipped in this module. */
    public static RuleEngine builtIn() {
        return new RuleEngine();
    }

    /**
     * Decides what {@code message} carries for a connection of {@code utility} (null when the
     * connection's utility is not known).
     */
    public Extraction evaluate(InboundMessage message, String utility, SenderHistory history) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String source : List.of(message.subject(), message.text())) {
            Matcher m = ANCHORED.matcher(source);
            while (m.find()) {
                candidates.add(m.group(1).replaceAll("[ -]", ""));
            }
        }
        List<String> reasons = new ArrayList<>();
        if (candidates.size() == 1) {
            String code = candidates.iterator().next();
            return new Extraction.CodeFound(code, utility, "generic.code", 0.6, SenderStatus.UNKNOWN);
        }
        reasons.add(candidates.isEmpty() ? "no anchored code candidate" : "competing candidates: " + candidates.size());
        return new Extraction.NoCode(reasons);
    }
}
