package net.mfagateway.parsers.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/** Undoes Content-Transfer-Encoding leniently: what can be decoded is, and the rest is a problem. */
final class TransferEncoding {

    private static final int[] BASE64 = new int[128];

    static {
        Arrays.fill(BASE64, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = i;
        }
        // base64url letters, which some senders use by mistake
        BASE64['-'] = 62;
        BASE64['_'] = 63;
    }

    private TransferEncoding() {
    }

    static byte[] decode(byte[] raw, int from, int to, String encoding, Problems problems) {
        String name = encoding == null ? "7bit" : encoding.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "base64" -> base64(raw, from, to, problems);
            case "quoted-printable" -> quotedPrintable(raw, from, to);
            case "7bit", "8bit", "binary", "" -> Arrays.copyOfRange(raw, from, to);
            default -> {
                problems.add("unknown transfer encoding " + (name.length() > 30 ? name.substring(0, 30) : name));
                yield Arrays.copyOfRange(raw, from, to);
            }
        };
    }

    static byte[] base64(byte[] raw, int from, int to, Problems problems) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 3 / 4 + 3);
        int buffer = 0;
        int count = 0;
        int invalid = 0;
        boolean padded = false;
        for (int i = from; i < to; i++) {
            int b = raw[i] & 0xff;
            if (b == '=') {
                padded = true;
                continue;
            }
            int value = b < 128 ? BASE64[b] : -1;
            if (value < 0) {
                if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                    invalid++;
                }
                continue;
            }
            if (padded) {
                // Data after padding: a new encoded run concatenated to the first. Keep reading.
                padded = false;
            }
            buffer = (buffer << 6) | value;
            count++;
            if (count == 4) {
                out.write(buffer >> 16);
                out.write(buffer >> 8);
                out.write(buffer);
                buffer = 0;
                count = 0;
            }
        }
        if (count == 2) {
            out.write(buffer >> 4);
        } else if (count == 3) {
            out.write(buffer >> 10);
            out.write(buffer >> 2);
        }
        if (invalid > 0) {
            problems.add("base64 body has " + invalid + " invalid characters");
        }
        if (count == 1 || (count > 1 && !padded)) {
            problems.add("base64 body is truncated");
        }
        return out.toByteArray();
    }

    static byte[] quotedPrintable(byte[] raw, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            int b = raw[i] & 0xff;
            if (b != '=') {
                out.write(b);
                i++;
                continue;
            }
            int soft = softBreakEnd(raw, i + 1, to);
            if (soft >= 0) {
                i = soft;
            } else if (i + 2 < to && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                out.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 3;
            } else {
                // A stray '=' is kept as written (RFC 2045 section 6.7, note 1).
                out.write(b);
                i++;
            }
        }
        return out.toByteArray();
    }

    /** After '=', optional trailing white space then a line break is a soft break; returns its end. */
    private static int softBreakEnd(byte[] raw, int pos, int to) {
        int i = pos;
        while (i < to && (raw[i] == ' ' || raw[i] == '\t')) {
            i++;
        }
        if (i == to) {
            return to;
        }
        if (raw[i] == '\r') {
            i++;
        }
        return i < to && raw[i] == '\n' ? i + 1 : (i == to ? to : -1);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
