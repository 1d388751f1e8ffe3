package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A code-shaped token and its normalisation: what a person would type. Spaces, no-break spaces
 * and hyphens inside the code go; case and leading zeros stay. Digit groups must look like one
 * code ("482 913", "48 29 13", "5714-1745", "4 8 2 9 1 3"); a shorter trailing group that breaks
 * the pattern ("482 913 10 minutes") is dropped.
 */
final class CodeToken {

    /** The {code} placeholder. Never starts inside a word, a number, an amount, a colour or a URL. */
    static final String REGEX = "(?<code>(?<![\\w$#@/.,+\\-])"
            + "(?:\\d[\\d \\u00A0\\-]{2,14}\\d|[A-Za-z0-9]{3,4}-[A-Za-z0-9]{3,4}|[A-Za-z0-9]{4,8})"
            + "(?![\\w@/%]|[.,:]\\d|-\\w|[ \\u00A0]\\d))";

    private static final Pattern HYPHENATED = Pattern.compile("[A-Za-z0-9]{3,4}-[A-Za-z0-9]{3,4}");
    private static final Pattern DIGIT_RUN = Pattern.compile("[\\d \\u00A0\\-]+");
    private static final Pattern ALNUM = Pattern.compile("[A-Za-z0-9]{4,8}");

    private CodeToken() {
    }

    static Optional<String> normalise(String raw, Shape shape, Pattern notCodeToken) {
        String code;
        if (DIGIT_RUN.matcher(raw).matches()) {
            code = digits(raw);
        } else if (HYPHENATED.matcher(raw).matches()) {
            code = raw.replace("-", "");
        } else if (ALNUM.matcher(raw).matches()) {
            code = raw;
        } else {
            return Optional.empty();
        }
        if (code == null || code.chars().noneMatch(Character::isDigit)) {
            return Optional.empty();
        }
        if (notCodeToken != null && notCodeToken.matcher(code).matches()) {
            return Optional.empty();
        }
        return shape.fits(code) ? Optional.of(code) : Optional.empty();
    }

    private static String digits(String raw) {
        List<String> groups = new ArrayList<>(Arrays.asList(raw.split("[ \\u00A0\\-]", -1)));
        while (!grouped(groups)) {
            // Only a shorter trailing group ("482 913 10 minutes") is dropped; a run of equal
            // groups too long for a code ("1234 5678 9012") is some other number.
            if (groups.size() < 2 || groups.get(groups.size() - 1).length() >= groups.get(0).length()) {
                return null;
            }
            groups.remove(groups.size() - 1);
        }
        return String.join("", groups);
    }

    private static boolean grouped(List<String> groups) {
        int n = groups.size();
        int total = groups.stream().mapToInt(String::length).sum();
        if (groups.stream().anyMatch(String::isEmpty) || total < 4 || total > 8) {
            return false;
        }
        if (n == 1 || groups.stream().allMatch(g -> g.length() == 1)) {
            return true;
        }
        if (n == 2) {
            return groups.get(0).length() >= 2 && groups.get(1).length() >= 2;
        }
        int len = groups.get(0).length();
        return len >= 2 && len <= 3 && groups.stream().allMatch(g -> g.length() == len);
    }
}
