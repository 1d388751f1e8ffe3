package net.mfagateway.rules.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** One utility's compiled file: who sends its mail, the shape of its codes, its own extra phrases. */
public record UtilityRules(String id, String name, List<Sender> senders, Set<String> smsSenders,
        List<String> relatedDomains, List<String> nameTokens, Shape shape, List<Pattern> anchors, List<Veto> vetoes,
        List<String> linkHosts, List<Example> examples) {

    public UtilityRules {
        senders = List.copyOf(senders);
        smsSenders = Set.copyOf(smsSenders);
        relatedDomains = List.copyOf(relatedDomains);
        nameTokens = List.copyOf(nameTokens);
        anchors = List.copyOf(anchors);
        vetoes = List.copyOf(vetoes);
        linkHosts = List.copyOf(linkHosts);
        examples = List.copyOf(examples);
    }

    boolean declares(String author) {
        return senders.stream().anyMatch(s -> s.matches(author));
    }

    /** A domain of the utility, a subdomain of one, or a domain whose labels carry the utility's name. */
    boolean relatedDomain(String domain) {
        if (domain.isEmpty()) {
            return false;
        }
        for (String d : relatedDomains) {
            if (domain.equals(d) || domain.endsWith("." + d)) {
                return true;
            }
        }
        for (String label : domain.split("\\.")) {
            for (String token : nameTokens) {
                if (label.equals(token) || label.startsWith(token + "-") || label.endsWith("-" + token)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean linkHost(String host) {
        for (String d : linkHosts.isEmpty() ? relatedDomains : linkHosts) {
            if (host.equals(d) || host.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }
}
