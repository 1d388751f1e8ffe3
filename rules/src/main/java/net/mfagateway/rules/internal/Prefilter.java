package net.mfagateway.rules.internal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@link Needles} of every pattern that runs on whole texts or on many lines (anchors, vetoes,
 * provider requirements, link patterns, origin-bound lines), read once when the rules load. A
 * pattern without an entry always runs. Immutable after construction; safe to share.
 */
final class Prefilter {

    private final Map<Pattern, Needles> needles = new IdentityHashMap<>();

    Prefilter(Ruleset rules) {
        GenericRules generic = rules.generic();
        addAll(generic.anchors());
        add(generic.lineAnchor());
        add(generic.linkContext());
        add(generic.linkUrl());
        add(generic.linkDecoys());
        add(generic.originBound());
        generic.vetoes().forEach(v -> add(v.pattern()));
        for (ProviderRule provider : rules.providers()) {
            addAll(provider.require());
        }
        for (UtilityRules utility : rules.utilities().values()) {
            addAll(utility.anchors());
            utility.vetoes().forEach(v -> add(v.pattern()));
        }
    }

    /** False only when {@code pattern} cannot find a match in {@code text}. */
    boolean mayFind(Pattern pattern, Haystack text) {
        Needles n = needles.get(pattern);
        return n == null || n.mayOccurIn(text);
    }

    private void addAll(List<Pattern> patterns) {
        patterns.forEach(this::add);
    }

    private void add(Pattern pattern) {
        if (pattern != null) {
            needles.put(pattern, Needles.of(pattern));
        }
    }
}
