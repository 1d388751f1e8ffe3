package net.mfagateway.parsers.internal;

import java.util.List;
import java.util.Locale;

/**
 * One node of a parsed MIME tree: its headers, its body as a slice of the raw bytes (still
 * transfer-encoded), its children when it is a multipart, and the enclosed message when it is a
 * message/rfc822 part or an attached .eml file.
 */
record MimeEntity(Headers headers, ContentType type, byte[] raw, int bodyStart, int bodyEnd,
                  List<MimeEntity> parts, MimeEntity message) {

    MimeEntity {
        parts = List.copyOf(parts);
    }

    /** The body with its transfer encoding undone. */
    byte[] body(Problems problems) {
        return TransferEncoding.decode(raw, bodyStart, bodyEnd, headers.first("Content-Transfer-Encoding"), problems);
    }

    /** The body as text in its declared charset, with the fallbacks of {@link TextDecoding}. */
    String text(Problems problems) {
        return TextDecoding.decode(body(problems), type.param("charset"), problems);
    }

    /** True when the sender marked this part as a file to save rather than content to show. */
    boolean isAttachment() {
        String disposition = headers.first("Content-Disposition");
        return disposition != null && ContentType.disposition(disposition).is("attachment");
    }

    /** The file name from Content-Disposition or Content-Type, or "". */
    String fileName() {
        String disposition = headers.first("Content-Disposition");
        String name = disposition == null ? null : ContentType.disposition(disposition).param("filename");
        if (name == null) {
            name = type.param("name");
        }
        return name == null ? "" : EncodedWords.decode(name).strip();
    }

    /** message/rfc822, message/global, or a file whose name ends in .eml. */
    boolean holdsMessage() {
        return type.is("message/rfc822") || type.is("message/global")
                || fileName().toLowerCase(Locale.ROOT).endsWith(".eml");
    }
}
