package net.mfagateway.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain text laid out differently with the same meaning, as other senders and mail clients write it. */
final class PlainReflow {

    /**
     * A forward's header or separator line ("From: ...", "----- Forwarded message from ... -----"):
     * the forwarding client writes those itself, whole.
     */
    private static final Pattern FORWARD_LINE = Pattern.compile("^[>\\s]*(?:[A-Za-z][\\w-]{0,20}:\\s|-{2,}.*-{2,}\\s*$)");
    private static final Pattern QUOTE = Pattern.compile("^(?:>\\s?)*");

    private PlainReflow() {
    }

    /** A blank line after every line. */
    static String blankLines(String text) {
        return text.replace("\n", "\n\n");
    }

    /** Spaces left at the end of each line, as editors and some gateways leave them. */
    static String trailingSpaces(String text) {
        return text.replace("\n", "  \n");
    }

    /** Every space a no-break space, as some clients write text copied from a web page. */
    static String noBreakSpaces(String text) {
        return text.replace(' ', '\u00A0');
    }

    /**
     * Lines longer than {@code width} broken at spaces, as a narrow client wraps them; quoted lines
     * keep their quote marks. The code itself is never broken, nor a forward's header lines.
     */
    static String rewrapped(String text, int width, Pattern code) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line.length() <= width || FORWARD_LINE.matcher(line).find() ? line : wrapped(line, width, code));
        }
        return out.toString();
    }

    private static String wrapped(String line, int width, Pattern code) {
        Matcher quote = QUOTE.matcher(line);
        quote.lookingAt();
        String prefix = quote.group();
        String rest = line.substring(prefix.length());
        List<int[]> unbreakable = new ArrayList<>();
        code.matcher(rest).results().forEach(r -> unbreakable.add(new int[] {r.start(), r.end()}));
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int lastBreak = -1;
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == ' ' && !inside(unbreakable, i)) {
                if (i - start > width - prefix.length() && lastBreak > start) {
                    pieces.add(rest.substring(start, lastBreak));
                    start = lastBreak + 1;
                }
                lastBreak = i;
            }
        }
        if (rest.length() - start > width - prefix.length() && lastBreak > start) {
            pieces.add(rest.substring(start, lastBreak));
            start = lastBreak + 1;
        }
        pieces.add(rest.substring(start));
        return prefix + String.join("\n" + prefix, pieces);
    }

    private static boolean inside(List<int[]> spans, int i) {
        return spans.stream().anyMatch(s -> i > s[0] && i < s[1]);
    }
}
