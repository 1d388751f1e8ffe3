package net.mfagateway.parsers.internal;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses raw bytes into a {@link MimeEntity} tree with Angus, leniently: the header section is
 * checked first ({@link HeaderBlock}), multiparts are read by {@link LenientMultipart} (a boundary
 * that does not match is found from the parts themselves, one never closed ends at the end of the
 * input), and each repair is recorded as a problem. Bodies are not copied: every part shares the
 * message's bytes until its text is asked for.
 */
final class MimeTree {

    private static final int MAX_DEPTH = 12;
    private static final int MAX_PARTS = 500;

    private final Problems problems;
    private int partCount;

    private MimeTree(Problems problems) {
        this.problems = problems;
    }

    static MimeEntity read(byte[] raw, Problems problems) throws MessagingException {
        return new MimeTree(problems).message(raw, 0);
    }

    private MimeEntity message(byte[] raw, int depth) throws MessagingException {
        byte[] bytes = HeaderBlock.repaired(raw, problems);
        // No Session: nothing here sends or stores mail, and parsing needs none of its properties.
        return entity(new MimeMessage(null, new SharedByteArrayInputStream(bytes)), depth);
    }

    private MimeEntity entity(MimePart part, int depth) throws MessagingException {
        Headers headers = Headers.of(part, problems);
        MediaType type = MediaType.parse(headers.first("Content-Type"), problems);
        MimeEntity entity = new MimeEntity(part, headers, type, List.of(), null);
        if (depth >= MAX_DEPTH && (type.isMultipart() || type.value().startsWith("message/"))) {
            problems.add("MIME nesting deeper than " + MAX_DEPTH + " levels; inner parts skipped");
            return entity;
        }
        if (type.isMultipart()) {
            List<MimeEntity> parts = parts(entity, depth);
            return parts == null
                    ? new MimeEntity(part, headers, MediaType.TEXT_PLAIN, List.of(), null)
                    : entity.withParts(parts);
        }
        if (entity.holdsMessage()) {
            return entity.withMessage(message(entity.body(problems), depth + 1));
        }
        return entity;
    }

    /** The parts of a multipart body, or null when no part can be found at all. */
    private List<MimeEntity> parts(MimeEntity entity, int depth) throws MessagingException {
        LenientMultipart multipart = multipart(entity);
        if (multipart == null) {
            return null;
        }
        List<MimeEntity> parts = new ArrayList<>();
        int count = multipart.getCount();
        for (int i = 0; i < count; i++) {
            if (++partCount > MAX_PARTS) {
                problems.add("more than " + MAX_PARTS + " MIME parts; rest skipped");
                return parts;
            }
            BodyPart part = multipart.getBodyPart(i);
            parts.add(entity((MimePart) part, depth + 1));
        }
        if (!multipart.isComplete()) {
            problems.add("multipart never closed");
        }
        return parts;
    }

    private LenientMultipart multipart(MimeEntity entity) {
        String declared = entity.type().param("boundary");
        String contentType = entity.type().parsed().toString();
        boolean hasBoundary = declared != null && !declared.isEmpty();
        try {
            LenientMultipart multipart = LenientMultipart.parse(entity::raw, contentType, !hasBoundary);
            if (!hasBoundary) {
                problems.add("multipart without boundary; parts found by their delimiters");
            }
            return multipart;
        } catch (MessagingException e) {
            if (!hasBoundary) {
                problems.add("multipart without boundary; read as text");
                return null;
            }
        }
        try {
            LenientMultipart multipart = LenientMultipart.parse(entity::raw, contentType, true);
            problems.add("declared multipart boundary does not match the parts; used the one they carry");
            return multipart;
        } catch (MessagingException e) {
            problems.add("multipart boundary never occurs; read as text");
            return null;
        }
    }
}
