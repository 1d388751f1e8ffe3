package net.mfagateway.parsers.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.ParseException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * One node of a message's MIME tree as Angus parsed it: the part (a {@link MimeMessage} or
 * {@link MimeBodyPart} whose body still shares the raw bytes), its headers and type, its children
 * when it is a multipart, and the enclosed message when it is a message/rfc822 part or an
 * attached .eml file.
 */
record MimeEntity(MimePart part, Headers headers, MediaType type, List<MimeEntity> parts, MimeEntity message) {

    MimeEntity {
        parts = List.copyOf(parts);
    }

    MimeEntity withParts(List<MimeEntity> children) {
        return new MimeEntity(part, headers, type, children, null);
    }

    MimeEntity withMessage(MimeEntity enclosed) {
        return new MimeEntity(part, headers, type, parts, enclosed);
    }

    /** The body still transfer-encoded, opened afresh on each call. */
    InputStream raw() throws MessagingException {
        return part instanceof MimeMessage message ? message.getRawInputStream()
                : ((MimeBodyPart) part).getRawInputStream();
    }

    /** The body with its transfer encoding undone. */
    byte[] body(Problems problems) {
        return TransferDecoding.decode(this::raw, headers.first("Content-Transfer-Encoding"), problems);
    }

    /** The body as text in its declared charset, with the fallbacks of {@link TextDecoding}. */
    String text(Problems problems) {
        return TextDecoding.decode(body(problems), type.param("charset"), problems);
    }

    /** True when the sender marked this part as a file to save rather than content to show. */
    boolean isAttachment() {
        String disposition = headers.first("Content-Disposition");
        if (disposition == null) {
            return false;
        }
        try {
            return "attachment".equalsIgnoreCase(new ContentDisposition(disposition).getDisposition());
        } catch (ParseException e) {
            return disposition.strip().toLowerCase(Locale.ROOT).startsWith("attachment");
        }
    }

    /** The file name from Content-Disposition or Content-Type, or "". */
    String fileName() {
        // Not MimePart.getFileName(): it parses Content-Type again, for every part.
        String disposition = headers.first("Content-Disposition");
        String name = null;
        if (disposition != null) {
            try {
                name = new ContentDisposition(disposition).getParameter("filename");
            } catch (ParseException e) {
                // unreadable disposition: fall back to the type's name parameter
            }
        }
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
