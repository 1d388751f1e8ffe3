package net.mfagateway.parsers.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Bytes to text by a declared charset, falling back as a browser would when the label is
 * missing, unknown or wrong: valid UTF-8 is read as UTF-8, anything else as windows-1252.
 */
final class TextDecoding {

    /** WHATWG maps all of these labels to windows-1252, which is a superset of ISO-8859-1. */
    private static final Set<String> WINDOWS_1252_LABELS = Set.of("iso-8859-1", "iso8859-1", "iso_8859-1",
            "latin1", "latin-1", "l1", "us-ascii", "ascii", "ansi_x3.4-1968", "cp1252", "windows-1252",
            "cp819", "ibm819", "iso-ir-100", "x-cp1252");

    private TextDecoding() {
    }

    static String decode(byte[] bytes, String declared, Problems problems) {
        Charset charset = charset(declared, problems);
        String text;
        if (Bytes.isAscii(bytes)) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        } else if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
            text = Bytes.strictUtf8(bytes, 0, bytes.length);
            if (text == null) {
                if (charset != null) {
                    problems.add("text declared utf-8 is not valid UTF-8; read as windows-1252");
                }
                text = new String(bytes, Bytes.WINDOWS_1252);
            }
        } else if (isSingleByte(charset)) {
            String utf8 = Bytes.strictUtf8(bytes, 0, bytes.length);
            if (utf8 != null) {
                problems.add("text declared " + charset.name().toLowerCase(Locale.ROOT) + " is UTF-8; read as UTF-8");
                text = utf8;
            } else {
                text = new String(bytes, charset);
            }
        } else {
            text = new String(bytes, charset);
        }
        if (text.indexOf('\0') >= 0) {
            problems.add("NUL characters removed");
            text = text.replace("\0", "");
        }
        return text;
    }

    /** The charset a label names, or null (meaning: guess) when it is missing or unknown. */
    static Charset charset(String declared, Problems problems) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String label = declared.strip().toLowerCase(Locale.ROOT);
        if (WINDOWS_1252_LABELS.contains(label)) {
            return Bytes.WINDOWS_1252;
        }
        if (label.equals("utf8") || label.equals("utf-8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(label);
        } catch (IllegalArgumentException e) {
            problems.add("unknown charset " + truncate(label));
            return null;
        }
    }

    private static boolean isSingleByte(Charset charset) {
        return charset.newEncoder().maxBytesPerChar() <= 1.0f;
    }

    private static String truncate(String label) {
        return label.length() > 40 ? label.substring(0, 40) + "..." : label;
    }
}
