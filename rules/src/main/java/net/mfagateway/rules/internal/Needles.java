package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Literal strings of which every match of one pattern contains at least one, read from the
 * pattern's source when the rules load: a text holding none of them cannot match, so the regex is
 * not run on it. Kept in ASCII lower case and compared with an ASCII-lower-cased text, which is
 * how {@link Pattern#CASE_INSENSITIVE} without {@link Pattern#UNICODE_CASE} compares letters, so
 * the check never refuses a text the pattern would match. A pattern this reader does not follow
 * (back-references, unusual escapes, comments mode, Unicode case) gets no needles and always runs.
 */
final class Needles {

    static final Needles NONE = new Needles(List.of());
    private static final int UNSUPPORTED_FLAGS = Pattern.COMMENTS | Pattern.LITERAL | Pattern.UNICODE_CASE
            | Pattern.CANON_EQ | Pattern.UNICODE_CHARACTER_CLASS;

    private final String[] needles;

    private Needles(List<String> needles) {
        this.needles = needles.toArray(String[]::new);
    }

    static Needles of(Pattern pattern) {
        if ((pattern.flags() & UNSUPPORTED_FLAGS) != 0) {
            return NONE;
        }
        try {
            List<String> found = new Reader(pattern.pattern()).whole();
            return found == null ? NONE : new Needles(found);
        } catch (Unsupported | IndexOutOfBoundsException e) {
            return NONE;
        }
    }

    /** False only when {@code lower} (an {@link #lower(String)} text) holds none of the needles. */
    boolean mayOccurIn(String lower) {
        if (needles.length == 0) {
            return true;
        }
        for (String needle : needles) {
            if (lower.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    List<String> strings() {
        return List.of(needles);
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

        List<String> whole() {
            List<String> found = alternation();
            if (i != s.length()) {
                throw new Unsupported();
            }
            return found;
        }

        /** Needles of {@code a|b|...}: the union of each branch's, none if one branch has none. */
        private List<String> alternation() {
            LinkedHashSet<String> union = new LinkedHashSet<>();
            boolean certain = true;
            while (true) {
                List<String> branch = sequence();
                if (branch == null) {
                    certain = false;
                } else {
                    union.addAll(branch);
                }
                if (i < s.length() && s.charAt(i) == '|') {
                    i++;
                } else {
                    return certain ? new ArrayList<>(union) : null;
                }
            }
        }

        /** The best-choice requirement of a sequence: its literal runs and required groups. */
        private List<String> sequence() {
            List<List<String>> required = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '|' || c == ')') {
                    break;
                }
                if (c == '(') {
                    i++;
                    List<String> inner = group();
                    endRun(run, required);
                    int min = quantifier();
                    if (inner != null && min != 0) { // none (-1) or at least once
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
            return best(required);
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

        /** After "(": the group's requirement, or null for a look-around or a bare flag group. */
        private List<String> group() {
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
                        return null;
                    }
                    if (s.charAt(i) != ':') {
                        throw new Unsupported();
                    }
                    i++;
                }
            }
            List<String> inner = alternation();
            if (i >= s.length() || s.charAt(i) != ')') {
                throw new Unsupported();
            }
            i++;
            return zeroWidth ? null : inner;
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

        private static void endRun(StringBuilder run, List<List<String>> required) {
            if (!run.isEmpty()) {
                required.add(List.of(run.toString()));
                run.setLength(0);
            }
        }

        /** The requirement whose shortest needle is longest (fewest needles on a tie), or null. */
        private static List<String> best(List<List<String>> required) {
            List<String> best = null;
            int bestShortest = 0;
            for (List<String> r : required) {
                int shortest = r.stream().mapToInt(String::length).min().orElse(0);
                if (shortest == 0) {
                    continue;
                }
                if (best == null || shortest > bestShortest || shortest == bestShortest && r.size() < best.size()) {
                    best = r;
                    bestShortest = shortest;
                }
            }
            return best;
        }
    }
}
