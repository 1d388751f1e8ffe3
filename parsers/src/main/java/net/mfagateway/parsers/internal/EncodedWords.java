package net.mfagateway.parsers.internal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes RFC 2047 encoded-words ({@code =?charset?B|Q?text?=}) in a header value. */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,40})\\?([BbQq])\\?([^?]*?)\\?=");

    private EncodedWords() {
    }

    static String decode(String value) {
        if (value == null || !value.contains("=?")) {
            return value == null ? "" : value;
        }
        Matcher m = WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        int last = 0;
        boolean previousWasWord = false;
        while (m.find()) {
            String between = value.substring(last, m.start());
            // White space between two adjacent encoded-words is not displayed (RFC 2047 section 6.2).
            if (!(previousWasWord && between.isBlank())) {
                out.append(between);
            }
            out.append(word(m.group(1), m.group(2), m.group(3)));
            last = m.end();
            previousWasWord = true;
        }
        out.append(value, last, value.length());
        return out.toString();
    }

    private static String word(String charset, String encoding, String text) {
        int star = charset.indexOf('*');
        String name = star < 0 ? charset : charset.substring(0, star);
        byte[] ascii = text.getBytes(StandardCharsets.ISO_8859_1);
        Problems ignored = new Problems();
        byte[] bytes = encoding.equalsIgnoreCase("B")
                ? TransferEncoding.base64(ascii, 0, ascii.length, ignored)
                : TransferEncoding.quotedPrintable(underscoresAsSpaces(ascii), 0, ascii.length);
        return TextDecoding.decode(bytes, name, ignored);
    }

    private static byte[] underscoresAsSpaces(byte[] ascii) {
        for (int i = 0; i < ascii.length; i++) {
            if (ascii[i] == '_') {
                ascii[i] = ' ';
            }
        }
        return ascii;
    }
}
