package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Literal strings that every match of one pattern contains, read from the pattern's source when
 * the rules load: all of a sequence's literal runs and required groups, any one of an
 * alternation's branches ({@code \bpayment (?:confirmation|received)\b} needs "payment " and one
 * of "confirmation" or "received"). A text without them cannot match, so the regex is not run on
 * it. Kept in ASCII lower case and compared with an ASCII-lower-cased text ({@link Haystack}),
 * which is how {@link Pattern#CASE_INSENSITIVE} without {@link Pattern#UNICODE_CASE} compares
 * letters, so the check never refuses a text the pattern would match. A pattern this reader does not follow
 * (back-references, unusual escapes, comments mode, Unicode case) gets no needles and always runs.
 */
final class Needles {

    static final Needles NONE = new Needles(Need.ANYTHING);
    private static final int UNSUPPORTED_FLAGS = Pattern.COMMENTS | Pattern.LITERAL | Pattern.UNICODE_CASE
            | Pattern.CANON_EQ | Pattern.UNICODE_CHARACTER_CLASS;

    private final Need need;

    private Needles(Need need) {
        this.need = need;
    }

    static Needles of(Pattern pattern) {
        if ((pattern.flags() & UNSUPPORTED_FLAGS) != 0) {
            return NONE;
        }
        try {
            return new Needles(new Reader(pattern.pattern()).whole());
        } catch (Unsupported | IndexOutOfBoundsException e) {
            return NONE;
        }
    }

    /** False only when {@code text} lacks what every match contains. */
    boolean mayOccurIn(Haystack text) {
        return need.in(text);
    }

    /** What a match needs, written out: {@code a & (b | c)}; "" when nothing is known. */
    @Override
    public String toString() {
        return need.toString();
    }

    /** {@code s} with A-Z turned into a-z and every other character kept: same length, same indexes. */
    static String lower(String s) {
        int i = 0;
        while (i < s.length() && !isUpper(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        char[] out = s.toCharArray();
        for (; i < out.length; i++) {
            if (isUpper(out[i])) {
                out[i] = (char) (out[i] + ('a' - 'A'));
            }
        }
        return new String(out);
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** A condition on a text: literals combined with and / or. */
    private sealed interface Need {

        Need ANYTHING = new All(List.of());

        boolean in(Haystack text);

        /** The length of the shortest literal this condition may be met by: how selective it is. */
        int weight();

        /** One literal, with its character pairs for {@link Haystack#contains}. */
        final class Literal implements Need {
            private final String text;
            private final int[] pairs;
            private final boolean hasLetter;

            Literal(String text) {
                this.text = text;
                this.pairs = Haystack.pairs(text);
                this.hasLetter = Haystack.hasLetter(text);
            }

            @Override
            public boolean in(Haystack haystack) {
                return haystack.contains(text, pairs, hasLetter);
            }

            @Override
            public int weight() {
                return text.length();
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Literal other && other.text.equals(text);
            }

            @Override
            public int hashCode() {
                return text.hashCode();
            }

            @Override
            public String toString() {
                return text;
            }
        }

        record All(List<Need> parts) implements Need {
            @Override
            public boolean in(Haystack text) {
                for (Need part : parts) {
                    if (!part.in(text)) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public int weight() {
                return parts.stream().mapToInt(Need::weight).max().orElse(0);
            }

            @Override
            public String toString() {
                return String.join(" & ", parts.stream().map(p -> p instanceof AnyOf ? "(" + p + ")" : p.toString())
                        .toList());
            }
        }

        record AnyOf(List<Need> branches) implements Need {
            @Override
            public boolean in(Haystack text) {
                for (Need branch : branches) {
                    if (branch.in(text)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public int weight() {
                return branches.stream().mapToInt(Need::weight).min().orElse(0);
            }

            @Override
            public String toString() {
                return String.join(" | ", branches.stream().map(b -> b instanceof All ? "(" + b + ")" : b.toString())
                        .toList());
            }
        }

        /** All of {@code parts}, most selective first; ANYTHING when there are none. */
        static Need all(List<Need> parts) {
            LinkedHashSet<Need> distinct = new LinkedHashSet<>();
            for (Need part : parts) {
                if (part instanceof All all) {
                    distinct.addAll(all.parts());
                } else {
                    distinct.add(part);
                }
            }
            List<Need> flat = new ArrayList<>(distinct);
            flat.sort(Comparator.comparingInt(Need::weight).reversed());
            return flat.size() == 1 ? flat.get(0) : new All(flat);
        }

        /** Any of {@code branches}; ANYTHING when one of them is. */
        static Need anyOf(List<Need> branches) {
            if (branches.contains(ANYTHING)) {
                return ANYTHING;
            }
            List<Need> distinct = new ArrayList<>(new LinkedHashSet<>(branches));
            return distinct.size() == 1 ? distinct.get(0) : new AnyOf(distinct);
        }
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /**
     * A recursive reader of Java regex syntax that keeps only what is certain: runs of literal
     * characters that every match passes through in order. Anything it is unsure of ends a run.
     */
    private static final class Reader {

        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Need whole() {
            Need found = alternation();
            if (i != s.length()) {
                throw new Unsupported();
            }
            return found;
        }

        /** What {@code a|b|...} needs: what one of its branches needs. */
        private Need alternation() {
            List<Need> branches = new ArrayList<>();
            while (true) {
                branches.add(sequence());
                if (i < s.length() && s.charAt(i) == '|') {
                    i++;
                } else {
                    return Need.anyOf(branches);
                }
            }
        }

        /** What a sequence needs: all its literal runs and all its required groups. */
        private Need sequence() {
            List<Need> required = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '|' || c == ')') {
                    break;
                }
                if (c == '(') {
                    i++;
                    Need inner = group();
                    endRun(run, required);
                    int min = quantifier();
                    if (min != 0) { // none (-1) or at least once
                        required.add(inner);
                    }
                    continue;
                }
                int literal = -1;
                if (c == '\\') {
                    char e = s.charAt(i + 1);
                    if (e == 'Q') {
                        int end = s.indexOf("\\E", i + 2);
                        String quoted = end < 0 ? s.substring(i + 2) : s.substring(i + 2, end);
                        i = end < 0 ? s.length() : end + 2;
                        if (quoted.isEmpty()) {
                            continue;
                        }
                        for (int k = 0; k < quoted.length() - 1; k++) {
                            run.append(lowerChar(checked(quoted.charAt(k))));
                        }
                        literal = checked(quoted.charAt(quoted.length() - 1));
                    } else if ("bBAzZG".indexOf(e) >= 0) {
                        i += 2;
                        endRun(run, required);
                        continue;
                    } else if ("sSdDwWhHvVRX".indexOf(e) >= 0) {
                        i += 2;
                    } else if (e == 'p' || e == 'P') {
                        i += 2;
                        if (s.charAt(i) == '{') {
                            i = s.indexOf('}', i) + 1;
                            if (i == 0) {
                                throw new Unsupported();
                            }
                        } else {
                            i++;
                        }
                    } else if (e < 128 && !Character.isLetterOrDigit(e)) {
                        literal = e;
                        i += 2;
                    } else {
                        throw new Unsupported(); // escapes of control characters, hex and Unicode, back-references, named refs
                    }
                } else if (c == '[') {
                    skipClass();
                } else if (c == '.') {
                    i++;
                } else if (c == '^' || c == '$') {
                    i++;
                    endRun(run, required);
                    continue;
                } else if ("*+?{".indexOf(c) >= 0) {
                    throw new Unsupported();
                } else {
                    literal = checked(c);
                    i++;
                }
                int min = quantifier();
                if (literal < 0) {
                    endRun(run, required);
                } else if (min == NO_QUANTIFIER) {
                    run.append(lowerChar((char) literal));
                } else if (min == 0) {
                    endRun(run, required);
                } else {
                    // "ab+c": "ab" and "bc" are both in every match.
                    run.append(lowerChar((char) literal));
                    endRun(run, required);
                    run.append(lowerChar((char) literal));
                }
            }
            endRun(run, required);
            return Need.all(required);
        }

        private static final int NO_QUANTIFIER = -1;

        /** The minimum count of the quantifier at {@code i}, or NO_QUANTIFIER; consumes it. */
        private int quantifier() {
            if (i >= s.length()) {
                return NO_QUANTIFIER;
            }
            char c = s.charAt(i);
            int min;
            if (c == '?' || c == '*') {
                min = 0;
                i++;
            } else if (c == '+') {
                min = 1;
                i++;
            } else if (c == '{') {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    throw new Unsupported();
                }
                String body = s.substring(i + 1, end);
                int comma = body.indexOf(',');
                String low = (comma < 0 ? body : body.substring(0, comma)).strip();
                if (low.isEmpty() || !low.chars().allMatch(Character::isDigit) || low.length() > 6) {
                    throw new Unsupported();
                }
                min = Integer.parseInt(low);
                i = end + 1;
            } else {
                return NO_QUANTIFIER;
            }
            if (i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '+')) {
                i++; // lazy or possessive: the same minimum
            }
            return min;
        }

        /** After "(": what the group needs; nothing for a look-around or a bare flag group. */
        private Need group() {
            boolean zeroWidth = false;
            if (s.charAt(i) == '?') {
                char k = s.charAt(i + 1);
                if (k == ':' || k == '>') {
                    i += 2;
                } else if (k == '=' || k == '!') {
                    i += 2;
                    zeroWidth = true;
                } else if (k == '<' && (s.charAt(i + 2) == '=' || s.charAt(i + 2) == '!')) {
                    i += 3;
                    zeroWidth = true;
                } else if (k == '<') {
                    int end = s.indexOf('>', i);
                    if (end < 0) {
                        throw new Unsupported();
                    }
                    i = end + 1;
                } else {
                    int start = i + 1;
                    int end = start;
                    while (end < s.length() && (Character.isLetter(s.charAt(end)) || s.charAt(end) == '-')) {
                        end++;
                    }
                    String flags = s.substring(start, end);
                    if (flags.indexOf('u') >= 0 || flags.indexOf('U') >= 0 || flags.indexOf('x') >= 0) {
                        throw new Unsupported();
                    }
                    i = end;
                    if (s.charAt(i) == ')') {
                        i++;
                        return Need.ANYTHING;
                    }
                    if (s.charAt(i) != ':') {
                        throw new Unsupported();
                    }
                    i++;
                }
            }
            Need inner = alternation();
            if (i >= s.length() || s.charAt(i) != ')') {
                throw new Unsupported();
            }
            i++;
            return zeroWidth ? Need.ANYTHING : inner;
        }

        private void skipClass() {
            int depth = 0;
            do {
                char c = s.charAt(i);
                if (c == '\\') {
                    if (s.charAt(i + 1) == 'Q') {
                        throw new Unsupported();
                    }
                    i += 2;
                    continue;
                }
                if (c == '[') {
                    depth++;
                    i++;
                    if (s.charAt(i) == '^') {
                        i++;
                    }
                    if (s.charAt(i) == ']') {
                        throw new Unsupported();
                    }
                    continue;
                }
                if (c == ']') {
                    depth--;
                }
                i++;
            } while (depth > 0);
        }

        private static char checked(char c) {
            if (Character.isSurrogate(c)) {
                throw new Unsupported();
            }
            return c;
        }

        private static char lowerChar(char c) {
            return isUpper(c) ? (char) (c + ('a' - 'A')) : c;
        }

        private static void endRun(StringBuilder run, List<Need> required) {
            if (!run.isEmpty()) {
                required.add(new Need.Literal(run.toString()));
                run.setLength(0);
            }
        }
    }
}
