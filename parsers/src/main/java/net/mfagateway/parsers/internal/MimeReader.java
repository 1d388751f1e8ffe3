package net.mfagateway.parsers.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses raw bytes into a {@link MimeEntity} tree, leniently: a boundary that does not match the
 * declared one is found from the parts themselves, a multipart never closed ends at the end of
 * the input, and each repair is recorded as a problem.
 */
final class MimeReader {

    private static final int MAX_DEPTH = 12;
    private static final int MAX_PARTS = 500;

    private final byte[] raw;
    private final Problems problems;
    private int partCount;

    private MimeReader(byte[] raw, Problems problems) {
        this.raw = raw;
        this.problems = problems;
    }

    static MimeEntity read(byte[] raw, Problems problems) {
        return new MimeReader(raw, problems).entity(0, raw.length, 0);
    }

    private MimeEntity entity(int from, int to, int depth) {
        HeaderSection section = HeaderSection.read(raw, from, to, problems);
        Headers headers = section.headers();
        ContentType type = ContentType.parse(headers.first("Content-Type"));
        int bodyStart = section.bodyStart();
        if (depth >= MAX_DEPTH && (type.isMultipart() || type.value().startsWith("message/"))) {
            problems.add("MIME nesting deeper than " + MAX_DEPTH + " levels; inner parts skipped");
            return new MimeEntity(headers, type, raw, bodyStart, to, List.of(), null);
        }
        if (type.isMultipart()) {
            List<MimeEntity> parts = parts(type, bodyStart, to, depth);
            if (parts == null) {
                return new MimeEntity(headers, ContentType.TEXT_PLAIN, raw, bodyStart, to, List.of(), null);
            }
            return new MimeEntity(headers, type, raw, bodyStart, to, parts, null);
        }
        MimeEntity plain = new MimeEntity(headers, type, raw, bodyStart, to, List.of(), null);
        if (plain.holdsMessage()) {
            return new MimeEntity(headers, type, raw, bodyStart, to, List.of(), enclosed(plain, depth));
        }
        return plain;
    }

    private MimeEntity enclosed(MimeEntity holder, int depth) {
        String encoding = holder.headers().first("Content-Transfer-Encoding");
        String name = encoding == null ? "" : encoding.strip();
        boolean identity = !name.equalsIgnoreCase("base64") && !name.equalsIgnoreCase("quoted-printable");
        if (identity) {
            return entity(holder.bodyStart(), holder.bodyEnd(), depth + 1);
        }
        byte[] decoded = holder.body(problems);
        return new MimeReader(decoded, problems).entity(0, decoded.length, depth + 1);
    }

    /** The parts of a multipart body, or null when no part can be found at all. */
    private List<MimeEntity> parts(ContentType type, int from, int to, int depth) {
        String boundary = type.param("boundary");
        List<Delimiter> delimiters = boundary == null || boundary.isEmpty()
                ? List.of() : delimiters(boundary, from, to);
        if (delimiters.isEmpty()) {
            String found = Delimiter.guessBoundary(raw, from, to);
            if (found == null) {
                problems.add(boundary == null ? "multipart without boundary; read as text"
                        : "multipart boundary never occurs; read as text");
                return null;
            }
            problems.add(boundary == null ? "multipart without boundary; parts found by their delimiters"
                    : "declared multipart boundary does not match the parts; used the one they carry");
            delimiters = delimiters(found, from, to);
        }
        List<MimeEntity> parts = new ArrayList<>();
        boolean closed = false;
        for (int i = 0; i < delimiters.size() && !closed; i++) {
            Delimiter delimiter = delimiters.get(i);
            if (delimiter.close()) {
                closed = true;
                break;
            }
            int partEnd = i + 1 < delimiters.size() ? delimiters.get(i + 1).partEnd() : to;
            if (++partCount > MAX_PARTS) {
                problems.add("more than " + MAX_PARTS + " MIME parts; rest skipped");
                break;
            }
            parts.add(entity(delimiter.after(), Math.max(delimiter.after(), partEnd), depth + 1));
        }
        if (!closed && partCount <= MAX_PARTS) {
            problems.add("multipart never closed");
        }
        return parts;
    }

    private List<Delimiter> delimiters(String boundary, int from, int to) {
        List<Delimiter> found = new ArrayList<>();
        byte[] marker = ("--" + boundary).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int pos = from;
        while (pos < to) {
            int eol = HeaderSection.lineEnd(raw, pos, to);
            Delimiter delimiter = Delimiter.at(raw, pos, eol, to, marker);
            if (delimiter != null) {
                found.add(delimiter);
                if (delimiter.close()) {
                    break;
                }
            }
            pos = eol + 1;
        }
        return found;
    }
}
