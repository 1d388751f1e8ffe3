package net.mfagateway.parsers.internal;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;

/** Decodes RFC 2047 encoded-words ({@code =?charset?B|Q?text?=}) in a header value, with Angus. */
final class EncodedWords {

    private EncodedWords() {
    }

    static String decode(String value) {
        if (value == null || !value.contains("=?")) {
            return value == null ? "" : value;
        }
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            // A word in a charset Java does not know: Angus gives up on the whole value; show it raw.
            return value;
        }
    }
}
