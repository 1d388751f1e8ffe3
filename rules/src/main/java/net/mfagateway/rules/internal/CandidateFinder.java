package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds anchored codes in lines: a code in the same line as an anchor phrase ("Your code is
 * 482913"), or a line holding only a code right below a line naming it ("Your one-time code:").
 * A token is dropped when the words before it make it something else (promo code, account
 * number, reference, phone) or when a person speaks of it in the first person.
 */
final class CandidateFinder {

    static final double SAME_LINE = 0.9;
    static final double LINE_BELOW = 0.85;

    private static final Pattern ALONE = Pattern.compile("^" + CodeToken.REGEX + "\\s*\\.?$");

    private final GenericRules generic;
    private final List<Pattern> anchors;
    private final Shape shape;
    private final Prefilter prefilter;
    private final Budget budget;

    CandidateFinder(GenericRules generic, List<Pattern> extraAnchors, Shape shape, Prefilter prefilter,
            Budget budget) {
        this.generic = generic;
        List<Pattern> all = new ArrayList<>(extraAnchors);
        all.addAll(generic.anchors());
        this.anchors = all;
        this.shape = shape;
        this.prefilter = prefilter;
        this.budget = budget;
    }

    List<Candidate> find(List<String> lines, String where) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!hasDigit(line)) {
                continue; // every code holds a digit: most lines of a message are skipped here
            }
            Haystack haystack = new Haystack(line);
            for (Pattern anchor : anchors) {
                if (!prefilter.mayFind(anchor, haystack)) {
                    continue;
                }
                Matcher m = anchor.matcher(budget.wrap(line));
                while (m.find()) {
                    accepted(line, m, m.start("code")).ifPresent(code -> out.add(new Candidate(code, SAME_LINE, where)));
                }
            }
            Matcher alone = ALONE.matcher(budget.wrap(line));
            if (alone.matches() && labelAbove(lines, i)) {
                normalised(alone.group("code")).ifPresent(code -> out.add(new Candidate(code, LINE_BELOW, where)));
            }
        }
        return out;
    }

    private Optional<String> accepted(String line, Matcher m, int codeStart) {
        String before = line.substring(0, codeStart);
        if (hasWord(m) && qualified(line.substring(0, m.start("word")))) {
            return Optional.empty();
        }
        if (generic.notCodeContext().matcher(budget.wrap(before)).find()
                || generic.personWords().matcher(budget.wrap(before)).find()
                || insideUrl(before)) {
            return Optional.empty();
        }
        return normalised(m.group("code"));
    }

    private static boolean hasDigit(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private boolean labelAbove(List<String> lines, int i) {
        for (int j = i - 1; j >= Math.max(0, i - 2); j--) {
            if (!prefilter.mayFind(generic.lineAnchor(), new Haystack(lines.get(j)))) {
                continue;
            }
            Matcher label = generic.lineAnchor().matcher(budget.wrap(lines.get(j)));
            if (label.find()) {
                return !qualified(lines.get(j).substring(0, label.start()))
                        && !generic.personWords().matcher(budget.wrap(lines.get(j))).find();
            }
        }
        return false;
    }

    private boolean qualified(String beforeWord) {
        return generic.notCodeWords().matcher(budget.wrap(beforeWord)).find();
    }

    private static boolean hasWord(Matcher m) {
        try {
            return m.start("word") >= 0;
        } catch (IllegalArgumentException noSuchGroup) {
            return false;
        }
    }

    private static boolean insideUrl(String before) {
        int space = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t'));
        String word = before.substring(space + 1);
        return word.contains("://") || word.startsWith("www.");
    }

    private Optional<String> normalised(String raw) {
        return CodeToken.normalise(raw, shape, generic.notCodeToken());
    }
}
