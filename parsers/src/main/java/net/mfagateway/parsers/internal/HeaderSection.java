package net.mfagateway.parsers.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the header section at the start of an entity: where it ends and what fields it holds.
 * Lenient: a missing blank line, junk lines, 8-bit bytes and enormous headers are recorded as
 * problems and read past.
 */
record HeaderSection(Headers headers, int bodyStart) {

    private static final int MAX_SECTION = 256 * 1024;
    private static final int MAX_VALUE = 32 * 1024;
    private static final int MAX_FIELDS = 1000;

    static HeaderSection read(byte[] raw, int from, int to, Problems problems) {
        List<Headers.Field> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        int pos = from;
        boolean first = true;
        while (pos < to) {
            int eol = lineEnd(raw, pos, to);
            int next = eol < to ? eol + 1 : to;
            int contentEnd = eol > pos && raw[eol - 1] == '\r' ? eol - 1 : eol;
            if (contentEnd == pos) {
                flush(fields, name, value, problems);
                return new HeaderSection(new Headers(fields), next);
            }
            if (pos - from > MAX_SECTION) {
                problems.add("header section larger than " + MAX_SECTION / 1024 + " KB; rest treated as body");
                flush(fields, name, value, problems);
                return new HeaderSection(new Headers(fields), pos);
            }
            byte lead = raw[pos];
            if ((lead == ' ' || lead == '\t') && name != null) {
                if (value.length() < MAX_VALUE) {
                    value.append(Bytes.headerText(raw, pos, contentEnd));
                }
            } else if (first && startsWith(raw, pos, contentEnd, "From ")) {
                // An mbox "From " envelope line ahead of the real headers.
                first = false;
            } else {
                int colon = fieldNameEnd(raw, pos, contentEnd);
                if (colon < 0) {
                    problems.add(first ? "no header section" : "header section ends without a blank line");
                    flush(fields, name, value, problems);
                    return new HeaderSection(new Headers(fields), pos);
                }
                flush(fields, name, value, problems);
                if (fields.size() >= MAX_FIELDS) {
                    problems.add("more than " + MAX_FIELDS + " header fields");
                    name = null;
                } else {
                    name = new String(raw, pos, colon - pos, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
                    value.setLength(0);
                    value.append(Bytes.headerText(raw, colon + 1, contentEnd));
                }
            }
            first = false;
            pos = next;
        }
        flush(fields, name, value, problems);
        return new HeaderSection(new Headers(fields), to);
    }

    private static void flush(List<Headers.Field> fields, String name, StringBuilder value, Problems problems) {
        if (name == null) {
            return;
        }
        String text = value.toString().strip();
        if (text.length() > MAX_VALUE) {
            problems.add("header " + name + " truncated");
            text = text.substring(0, MAX_VALUE);
        }
        fields.add(new Headers.Field(name, text));
        value.setLength(0);
    }

    /** Index of the colon ending a field name, or -1 when the line is not a header field. */
    private static int fieldNameEnd(byte[] raw, int pos, int end) {
        for (int i = pos; i < end && i - pos < 80; i++) {
            byte b = raw[i];
            if (b == ':') {
                return i > pos ? i : -1;
            }
            boolean printable = b > 32 && b < 127;
            boolean trailingSpace = b == ' ' || b == '\t';
            if (!printable && !trailingSpace) {
                return -1;
            }
            if (trailingSpace && !onlySpaceUntilColon(raw, i, end)) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean onlySpaceUntilColon(byte[] raw, int i, int end) {
        for (int j = i; j < end; j++) {
            if (raw[j] == ':') {
                return true;
            }
            if (raw[j] != ' ' && raw[j] != '\t') {
                return false;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] raw, int pos, int end, String prefix) {
        if (end - pos < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (raw[pos + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int lineEnd(byte[] raw, int pos, int to) {
        for (int i = pos; i < to; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return to;
    }
}
