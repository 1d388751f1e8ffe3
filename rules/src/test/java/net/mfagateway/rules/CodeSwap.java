package net.mfagateway.rules;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One code replaced by another of the same shape wherever a message shows it: position by
 * position a digit stays a digit and a letter a letter of the same case, and whatever the message
 * puts between the characters (spaces, no-break spaces, hyphens, HTML tags, one cell per
 * character) stays as it was. The normalised new code is therefore exactly {@link #newCode()}.
 */
final class CodeSwap {

    /**
     * What may sit between two characters of a displayed code: a space, a no-break space (also as
     * an entity), a hyphen, a line break, or tags (a code split across spans or table cells).
     */
    private static final String BETWEEN = "(?:[ \\u00A0\\t\\n\\-]|&nbsp;|&#160;|&#xa0;|<[^<>]{0,500}>){0,16}";

    private final String oldCode;
    private final String newCode;
    private final Pattern shown;

    private CodeSwap(String oldCode, String newCode) {
        this.oldCode = oldCode;
        this.newCode = newCode;
        this.shown = shownAs(oldCode);
    }

    /** A swap to a new code of {@code code}'s shape that occurs nowhere in {@code message}. */
    static CodeSwap of(String code, Random random, String message) {
        for (int attempt = 0; attempt < 100; attempt++) {
            StringBuilder fresh = new StringBuilder();
            for (char c : code.toCharArray()) {
                fresh.append(Character.isDigit(c) ? (char) ('0' + random.nextInt(10))
                        : Character.isUpperCase(c) ? (char) ('A' + random.nextInt(26))
                        : (char) ('a' + random.nextInt(26)));
            }
            String candidate = fresh.toString();
            if (!candidate.equals(code) && !message.contains(candidate)) {
                return new CodeSwap(code, candidate);
            }
        }
        throw new IllegalStateException("no fresh code of the shape of " + code);
    }

    /** The pattern of {@code code} as a message may show it, not inside a longer word or number. */
    static Pattern shownAs(String code) {
        StringBuilder regex = new StringBuilder("(?<![A-Za-z0-9])");
        for (int i = 0; i < code.length(); i++) {
            if (i > 0) {
                regex.append(BETWEEN);
            }
            regex.append(Pattern.quote(String.valueOf(code.charAt(i))));
        }
        return Pattern.compile(regex.append("(?![A-Za-z0-9])").toString());
    }

    /** The pattern of {@code code} shown in one run of text: only a space, no-break space or hyphen between characters. */
    static Pattern shownInOneRun(String code) {
        StringBuilder regex = new StringBuilder("(?<![A-Za-z0-9])");
        for (int i = 0; i < code.length(); i++) {
            if (i > 0) {
                regex.append("(?:[ \\u00A0\\-]|&nbsp;)?");
            }
            regex.append(Pattern.quote(String.valueOf(code.charAt(i))));
        }
        return Pattern.compile(regex.append("(?![A-Za-z0-9])").toString());
    }

    String oldCode() {
        return oldCode;
    }

    String newCode() {
        return newCode;
    }

    /** How many times {@code text} shows the old code. */
    int countIn(String text) {
        return (int) shown.matcher(text).results().count();
    }

    String applyTo(String text) {
        return shown.matcher(text).replaceAll(m -> Matcher.quoteReplacement(rewritten(m.group())));
    }

    /** The shown code with its characters replaced in order, tags and entities between them untouched. */
    private String rewritten(String shownCode) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < shownCode.length(); i++) {
            char c = shownCode.charAt(i);
            int skip = c == '<' ? shownCode.indexOf('>', i) : c == '&' ? shownCode.indexOf(';', i) : -1;
            if (skip >= 0) {
                out.append(shownCode, i, skip + 1);
                i = skip;
            } else if (Character.isLetterOrDigit(c)) {
                out.append(newCode.charAt(next++));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
