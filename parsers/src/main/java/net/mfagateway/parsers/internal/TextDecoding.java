package net.mfagateway.parsers.internal;

import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bytes to text by a declared charset, falling back as a browser would when the label is
 * missing, unknown or wrong: valid UTF-8 is read as UTF-8, anything else as windows-1252.
 * Angus maps the label ({@link MimeUtility#javaCharset}) but decodes strictly by it; the guessing
 * is ours, because mislabelled mail is common and a wrong guess loses the code.
 */
final class TextDecoding {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {
    }

    static String decode(byte[] bytes, String declared, Problems problems) {
        Charset charset = charset(declared, problems);
        String text;
        if (isAscii(bytes)) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        } else if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
            text = strictUtf8(bytes);
            if (text == null) {
                if (charset != null) {
                    problems.add("text declared utf-8 is not valid UTF-8; read as windows-1252");
                }
                text = new String(bytes, WINDOWS_1252);
            }
        } else if (isSingleByte(charset)) {
            String utf8 = strictUtf8(bytes);
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

    /**
     * A header value as Angus read it (each byte one char, as it does without mail.mime.allowutf8)
     * as a reader sees it: UTF-8 when the bytes are valid UTF-8 (RFC 6532), else windows-1252, NULs
     * dropped.
     */
    static String headerText(String latin1) {
        boolean plain = true;
        for (int i = 0; i < latin1.length() && plain; i++) {
            char c = latin1.charAt(i);
            plain = c != 0 && c < 0x80;
        }
        if (plain) {
            return latin1;
        }
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        String text = strictUtf8(bytes);
        return (text == null ? new String(bytes, WINDOWS_1252) : text).replace("\0", "");
    }

    /** The charset a label names, or null (meaning: guess) when it is missing or unknown. */
    static Charset charset(String declared, Problems problems) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String label = declared.strip().toLowerCase(Locale.ROOT);
        Charset charset;
        try {
            charset = Charset.forName(MimeUtility.javaCharset(label));
        } catch (IllegalArgumentException e) {
            problems.add("unknown charset " + truncate(label));
            return null;
        }
        // WHATWG reads ISO-8859-1 and US-ASCII labels as windows-1252, a superset mail clients use.
        if (charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)) {
            return WINDOWS_1252;
        }
        return charset;
    }

    /** The bytes as UTF-8, or null when they are not valid UTF-8. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSingleByte(Charset charset) {
        return charset.newEncoder().maxBytesPerChar() <= 1.0f;
    }

    private static String truncate(String label) {
        return label.length() > 40 ? label.substring(0, 40) + "..." : label;
    }
}
