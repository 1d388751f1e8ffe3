package net.mfagateway.parsers.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a message's header section really ends, checked before Angus reads it. Angus's
 * {@code InternetHeaders} reads header lines up to the first blank line and keeps a line without
 * a colon as a header named by the whole line, so mail with no header section, or whose body
 * starts without the blank line, would lose its first lines of text into the headers. This scan
 * finds the first line that is neither a field, a continuation nor an mbox "From " envelope
 * line, and the blank line is put back there. Each repair is recorded as a problem.
 */
final class HeaderBlock {

    private static final byte[] BLANK_LINE = {'\r', '\n'};

    private HeaderBlock() {
    }

    /** The bytes Angus should read as this message: {@code raw} itself unless a repair was needed. */
    static byte[] repaired(byte[] raw, Problems problems) {
        int start = 0;
        int pos = 0;
        boolean first = true;
        while (pos < raw.length) {
            int eol = lineEnd(raw, pos);
            int next = eol < raw.length ? eol + 1 : raw.length;
            int contentEnd = eol > pos && raw[eol - 1] == '\r' ? eol - 1 : eol;
            if (contentEnd == pos) {
                return slice(raw, start, raw.length);
            }
            byte lead = raw[pos];
            if (first && start == 0 && startsWith(raw, pos, contentEnd, "From ")) {
                // An mbox envelope line ahead of the real headers: not a field, so not Angus's to read.
                start = next;
                pos = next;
                continue;
            }
            boolean continuation = (lead == ' ' || lead == '\t') && !first;
            if (!continuation && !isField(raw, pos, contentEnd)) {
                problems.add(first ? "no header section" : "header section ends without a blank line");
                return withBlankLineAt(raw, start, pos);
            }
            first = false;
            pos = next;
        }
        return slice(raw, start, raw.length);
    }

    private static byte[] slice(byte[] raw, int from, int to) {
        return from == 0 && to == raw.length ? raw : Arrays.copyOfRange(raw, from, to);
    }

    private static byte[] withBlankLineAt(byte[] raw, int start, int pos) {
        byte[] fixed = new byte[raw.length - start + BLANK_LINE.length];
        System.arraycopy(raw, start, fixed, 0, pos - start);
        System.arraycopy(BLANK_LINE, 0, fixed, pos - start, BLANK_LINE.length);
        System.arraycopy(raw, pos, fixed, pos - start + BLANK_LINE.length, raw.length - pos);
        return fixed;
    }

    /** A field name (printable ASCII, at most 80 characters, optional trailing space) then a colon. */
    private static boolean isField(byte[] raw, int pos, int end) {
        boolean trailingSpace = false;
        for (int i = pos; i < end && i - pos < 80; i++) {
            byte b = raw[i];
            if (b == ':') {
                return i > pos;
            }
            if (b == ' ' || b == '\t') {
                trailingSpace = true;
            } else if (b <= 32 || b >= 127 || trailingSpace) {
                return false;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] raw, int pos, int end, String prefix) {
        return end - pos >= prefix.length()
                && new String(raw, pos, prefix.length(), StandardCharsets.ISO_8859_1).equals(prefix);
    }

    private static int lineEnd(byte[] raw, int pos) {
        for (int i = pos; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return raw.length;
    }
}
