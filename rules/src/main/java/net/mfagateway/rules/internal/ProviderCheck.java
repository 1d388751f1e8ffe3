package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.rules.Extraction;

/** Applies one provider rule (Gmail confirmation, Microsoft 365 blocked forwarding) to a message. */
final class ProviderCheck {

    private final Budget budget;

    ProviderCheck(Budget budget) {
        this.budget = budget;
    }

    Optional<Extraction> apply(ProviderRule rule, InboundMessage message, List<String> subjectAndText,
            List<String> outer) {
        List<String> lines = new ArrayList<>(subjectAndText);
        if (rule.outerToo()) {
            lines.addAll(outer);
        }
        CharSequence joined = budget.wrap(String.join("\n", lines));
        for (var required : rule.require()) {
            if (!required.matcher(joined).find()) {
                return Optional.empty();
            }
        }
        boolean knownSender = rule.senders().isEmpty() || rule.senders().contains(message.originalSender());
        double confidence = knownSender ? 0.95 : 0.6;
        return Optional.of(switch (rule.kind()) {
            case FORWARDING_BLOCKED -> new Extraction.ForwardingBlocked(detail(rule, lines), rule.id(), confidence);
            case FORWARDING_CONFIRMATION -> confirmation(rule, message, lines, confidence);
        });
    }

    private Extraction confirmation(ProviderRule rule, InboundMessage message, List<String> lines, double confidence) {
        Set<String> codes = new LinkedHashSet<>();
        if (rule.code() != null) {
            for (String line : lines) {
                Matcher m = rule.code().matcher(budget.wrap(line));
                while (m.find()) {
                    codes.add(m.group("code"));
                }
            }
        }
        if (codes.size() > 1) {
            return new Extraction.NoCode(List.of(rule.id() + ": different confirmation codes " + codes));
        }
        String link = null;
        if (rule.link() != null) {
            for (Map.Entry<String, List<String>> url : Urls.of(message.links(), lines).entrySet()) {
                if (rule.link().matcher(budget.wrap(url.getKey())).find()) {
                    link = url.getKey();
                    break;
                }
            }
        }
        String code = codes.isEmpty() ? null : codes.iterator().next();
        return new Extraction.ForwardingConfirmation(code, link, rule.id(), confidence);
    }

    private String detail(ProviderRule rule, List<String> lines) {
        if (rule.detail() != null) {
            for (String line : lines) {
                Matcher m = rule.detail().matcher(budget.wrap(line));
                if (m.find()) {
                    return line.strip();
                }
            }
        }
        return rule.id();
    }
}
