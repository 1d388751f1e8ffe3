package net.mfagateway.parsers.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Byte-level reading shared by the MIME classes: header text and strict UTF-8 checks. */
final class Bytes {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Bytes() {
    }

    /** Header bytes as text: UTF-8 when valid (RFC 6532), else windows-1252, NULs dropped. */
    static String headerText(byte[] raw, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (raw[i] < 0 || raw[i] == 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
        }
        String text = strictUtf8(raw, from, to);
        if (text == null) {
            text = new String(raw, from, to - from, WINDOWS_1252);
        }
        return text.replace("\0", "");
    }

    /** The bytes as UTF-8, or null when they are not valid UTF-8. */
    static String strictUtf8(byte[] raw, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static boolean isAscii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
