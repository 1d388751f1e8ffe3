package net.mfagateway.parsers.internal;

/**
 * One boundary line of a multipart body (RFC 2046 section 5.1.1): where the part before it ends
 * (the line break ahead of the line belongs to the delimiter), where the next part starts, and
 * whether it is the closing one.
 */
record Delimiter(int partEnd, int after, boolean close) {

    /** The delimiter on the line [lineStart, eol), or null when the line is not one. */
    static Delimiter at(byte[] raw, int lineStart, int eol, int to, byte[] marker) {
        if (eol - lineStart < marker.length) {
            return null;
        }
        for (int i = 0; i < marker.length; i++) {
            if (raw[lineStart + i] != marker[i]) {
                return null;
            }
        }
        int rest = lineStart + marker.length;
        boolean close = rest + 1 < eol && raw[rest] == '-' && raw[rest + 1] == '-';
        int tail = close ? rest + 2 : rest;
        for (int i = tail; i < eol; i++) {
            if (raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\r') {
                return null;
            }
        }
        int partEnd = lineStart;
        if (partEnd > 0 && raw[partEnd - 1] == '\n') {
            partEnd--;
            if (partEnd > 0 && raw[partEnd - 1] == '\r') {
                partEnd--;
            }
        }
        return new Delimiter(partEnd, Math.min(eol + 1, to), close);
    }

    /**
     * The boundary the parts actually use when the declared one never occurs: the first line that
     * starts with "--", has no spaces, and is followed by a Content- header line.
     */
    static String guessBoundary(byte[] raw, int from, int to) {
        int pos = from;
        while (pos < to) {
            int eol = HeaderSection.lineEnd(raw, pos, to);
            int end = eol > pos && raw[eol - 1] == '\r' ? eol - 1 : eol;
            if (end - pos > 3 && end - pos < 200 && raw[pos] == '-' && raw[pos + 1] == '-'
                    && noSpace(raw, pos, end) && nextLineIsContentHeader(raw, eol + 1, to)) {
                String line = new String(raw, pos + 2, end - pos - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
                return line.endsWith("--") ? line.substring(0, line.length() - 2) : line;
            }
            pos = eol + 1;
        }
        return null;
    }

    private static boolean noSpace(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] <= ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean nextLineIsContentHeader(byte[] raw, int pos, int to) {
        String prefix = "content-";
        if (to - pos < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) raw[pos + i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
