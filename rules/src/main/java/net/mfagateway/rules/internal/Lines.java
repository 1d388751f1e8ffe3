package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A text as the lines a reader sees: quote markers ("> ") and surrounding blanks stripped, empty
 * lines dropped, and a run of one-character lines (a code drawn one character per table cell)
 * joined into one line.
 */
final class Lines {

    /** Mail texts beyond this are cut: no MFA message is this long, and it bounds the work. */
    static final int MAX_CHARS = 64 * 1024;

    private Lines() {
    }

    static List<String> of(String text) {
        String bounded = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<String> out = new ArrayList<>();
        StringBuilder cells = new StringBuilder();
        int start = 0;
        while (start <= bounded.length()) {
            int end = lineEnd(bounded, start);
            String line = withoutQuote(bounded, start, end).strip();
            start = end < bounded.length() && bounded.charAt(end) == '\r' && end + 1 < bounded.length()
                    && bounded.charAt(end + 1) == '\n' ? end + 2 : end + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() == 1 && Character.isLetterOrDigit(line.charAt(0))) {
                cells.append(line);
                continue;
            }
            flush(cells, out);
            out.add(line);
        }
        flush(cells, out);
        return out;
    }

    /** The index of the line break ("\r\n", "\n" or "\r") at or after {@code from}, or the text's length. */
    private static int lineEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return text.length();
    }

    /** The line without its leading run of quote markers, blanks and no-break spaces ({@code ^[\s>|\u00A0]+}). */
    private static String withoutQuote(String text, int start, int end) {
        int i = start;
        while (i < end && isQuoteOrBlank(text.charAt(i))) {
            i++;
        }
        return text.substring(i, end);
    }

    private static boolean isQuoteOrBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '>' || c == '|'
                || c == '\u00A0';
    }

    private static void flush(StringBuilder cells, List<String> out) {
        if (cells.length() >= 4) {
            out.add(cells.toString());
        } else if (!cells.isEmpty()) {
            cells.chars().forEach(c -> out.add(String.valueOf((char) c)));
        }
        cells.setLength(0);
    }
}
