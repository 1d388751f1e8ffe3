package net.mfagateway.rules.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Picks the one verify / approve / finish-sign-in URL of a message that asks for a click. A URL
 * counts when its path says so, no decoy word (unsubscribe, privacy, "not you?", reset ...) is in
 * it or its anchor text, and its host belongs to the sender; two different such URLs give none.
 */
final class LinkChooser {

    private final GenericRules generic;
    private final Prefilter prefilter;
    private final Budget budget;

    LinkChooser(GenericRules generic, Prefilter prefilter, Budget budget) {
        this.generic = generic;
        this.prefilter = prefilter;
        this.budget = budget;
    }

    boolean asksForClick(Joined lines) {
        return prefilter.mayFind(generic.linkContext(), lines.haystack())
                && generic.linkContext().matcher(budget.wrap(lines.text())).find();
    }

    /** The distinct qualifying URLs; the caller wants exactly one. */
    Set<String> verificationLinks(Map<String, List<String>> urls, Predicate<String> hostAllowed) {
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> e : urls.entrySet()) {
            String url = e.getKey();
            if (!finds(generic.linkUrl(), url) || finds(generic.linkDecoys(), url) || !hostAllowed.test(Urls.host(url))) {
                continue;
            }
            boolean decoyText = e.getValue().stream().anyMatch(text -> finds(generic.linkDecoys(), text));
            if (!decoyText) {
                out.add(url);
            }
        }
        return out;
    }

    private boolean finds(Pattern pattern, String text) {
        return prefilter.mayFind(pattern, new Haystack(text)) && pattern.matcher(budget.wrap(text)).find();
    }
}
