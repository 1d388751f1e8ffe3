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
    private final Prefilter prefilter;
    private final List<String> subjectAndText;
    private final Joined subjectAndTextJoined;
    private final List<String> outer;
    private List<String> withOuter;
    private Joined withOuterJoined;

    ProviderCheck(Budget budget, Prefilter prefilter, List<String> subjectAndText, Joined subjectAndTextJoined,
            List<String> outer) {
        this.budget = budget;
        this.prefilter = prefilter;
        this.subjectAndText = subjectAndText;
        this.subjectAndTextJoined = subjectAndTextJoined;
        this.outer = outer;
    }

    Optional<Extraction> apply(ProviderRule rule, InboundMessage message) {
        List<String> lines = subjectAndText;
        Joined joined = subjectAndTextJoined;
        if (rule.outerToo()) {
            if (withOuter == null) {
                withOuter = new ArrayList<>(subjectAndText);
                withOuter.addAll(outer);
                withOuterJoined = Joined.of(withOuter);
            }
            lines = withOuter;
            joined = withOuterJoined;
        }
        for (var required : rule.require()) {
            if (!prefilter.mayFind(required, joined.haystack()) || !required.matcher(budget.wrap(joined.text())).find()) {
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
