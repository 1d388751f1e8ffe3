package net.mfagateway.parsers.internal;

/**
 * Character-level cleaning shared by plain and HTML text: characters that take no space on screen
 * are dropped, every kind of space becomes an ordinary space, and lines lose trailing blanks.
 */
final class VisibleChars {

    private VisibleChars() {
    }

    /** Zero-width space/joiners, word joiner, BOM, soft hyphen, combining grapheme joiner. */
    static boolean isInvisible(char c) {
        return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF'
                || c == '\u00AD' || c == '\u034F' || c == '\u180E' || c == '\0';
    }

    /** No-break and typographic spaces read as a space. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u202F' || c == '\u3000'
                || (c >= '\u2000' && c <= '\u200A') || c == '\f' || c == '\u000B';
    }

    /** Plain text: CRLF and CR to LF, spaces to ' ', at most one blank line in a row, trimmed. */
    static String normalise(String body) {
        StringBuilder out = new StringBuilder(body.length());
        int newlines = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\r') {
                if (i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                    continue;
                }
                c = '\n';
            }
            if (isInvisible(c)) {
                continue;
            }
            if (c == '\n') {
                trimTrailingSpaces(out);
                newlines++;
                if (newlines <= 2 && !out.isEmpty()) {
                    out.append('\n');
                }
                continue;
            }
            if (isSpace(c)) {
                // A line of blanks is a blank line: it does not end a run of them.
                out.append(c == '\t' ? c : ' ');
                continue;
            }
            newlines = 0;
            out.append(c);
        }
        trimTrailingSpaces(out);
        while (!out.isEmpty() && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    static void trimTrailingSpaces(StringBuilder out) {
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
            end--;
        }
        out.setLength(end);
    }

    /** True when the text looks like decoded binary: many control or replacement characters. */
    static boolean looksBinary(String text) {
        int sample = Math.min(text.length(), 4096);
        if (sample == 0) {
            return false;
        }
        int bad = 0;
        for (int i = 0; i < sample; i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
                    || (c >= 0x7F && c <= 0x9F) || c == '\uFFFD';
            if (control) {
                bad++;
            }
        }
        return bad * 20 > sample;
    }
}
