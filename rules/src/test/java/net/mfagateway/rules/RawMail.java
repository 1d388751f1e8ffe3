package net.mfagateway.rules;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw message edited the way a variant needs, every byte it does not touch kept as it was. Text
 * parts are decoded (transfer encoding, then charset), edited as text and encoded again the same
 * way, so an edit reaches a code inside quoted-printable or base64 just as a reader sees it.
 * Multipart bodies and attached messages ({@code message/rfc822}) are walked into, so the
 * utility's own message inside a forward is edited too. Only as lenient as the corpus's
 * well-formed mail needs: callers leave malformed mail out.
 */
final class RawMail {

    /** One char per byte: a raw message as a string that maps back to the same bytes. */
    private static final Charset BYTES = StandardCharsets.ISO_8859_1;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)(?:^|;)\\s*boundary\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");
    private static final Pattern CHARSET = Pattern.compile("(?i)(;\\s*charset\\s*=\\s*)(?:\"([^\"]*)\"|([^;\\s]+))");

    private RawMail() {
    }

    /** Each text/plain and text/html part's decoded text through {@code edit(subtype, text)}. */
    static byte[] editText(byte[] raw, BiFunction<String, String, String> edit) {
        return walk(raw, new Walk(UnaryOperator.identity(), edit, null));
    }

    /** Every header {@code name} (outer and attached messages) through {@code edit(decoded value)}, which returns a raw value. */
    static byte[] editHeader(byte[] raw, String name, UnaryOperator<String> edit) {
        return walk(raw, new Walk(head -> withHeader(head, name, edit), (subtype, text) -> text, null));
    }

    /** The outer message's header {@code name} through {@code edit(decoded value)}, which returns a raw value. */
    static byte[] editOuterHeader(byte[] raw, String name, UnaryOperator<String> edit) {
        String message = new String(raw, BYTES);
        int split = headerEnd(message);
        return (withHeader(message.substring(0, split), name, edit) + message.substring(split)).getBytes(BYTES);
    }

    /** The message with each multipart/alternative's {@code text/SUBTYPE} part removed when another part remains. */
    static byte[] withoutAlternative(byte[] raw, String subtype) {
        return walk(raw, new Walk(UnaryOperator.identity(), (s, text) -> text, subtype));
    }

    /** Whether some multipart/alternative holds a {@code text/SUBTYPE} part beside another part. */
    static boolean hasAlternative(byte[] raw, String subtype) {
        return !java.util.Arrays.equals(raw, withoutAlternative(raw, subtype));
    }

    /** A header value as written in mail: plain when ASCII, else an RFC 2047 encoded-word. */
    static String encodedWord(String value) {
        try {
            return MimeUtility.encodeText(value, "UTF-8", "Q");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Walk(UnaryOperator<String> headers, BiFunction<String, String, String> text, String dropAlternative) {
    }

    private static byte[] walk(byte[] raw, Walk walk) {
        return entity(new String(raw, BYTES), walk).getBytes(BYTES);
    }

    private static String entity(String entity, Walk walk) {
        int split = headerEnd(entity);
        String head = walk.headers().apply(entity.substring(0, split));
        String body = entity.substring(split);
        String type = contentType(head);
        String mediaType = type.isEmpty() ? "text/plain" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String encoding = header(head, "Content-Transfer-Encoding").strip().toLowerCase(Locale.ROOT);
        if (mediaType.startsWith("multipart/")) {
            return head + multipart(body, boundary(type), mediaType.equals("multipart/alternative"), walk);
        }
        if (mediaType.equals("message/rfc822") && !encoding.equals("base64") && !encoding.equals("quoted-printable")) {
            return head + entity(body, walk);
        }
        if (mediaType.equals("text/plain") || mediaType.equals("text/html")) {
            return textPart(head, body, mediaType.substring(5), encoding, walk);
        }
        return head + body;
    }

    private static String textPart(String head, String body, String subtype, String encoding, Walk walk) {
        Charset charset = charset(contentType(head));
        String decoded = new String(decode(body, encoding), charset);
        boolean crlf = decoded.contains("\r\n");
        String text = crlf ? decoded.replace("\r\n", "\n") : decoded;
        String edited = walk.text().apply(subtype, text);
        if (edited.equals(text)) {
            return head + body;
        }
        if (!charset.newEncoder().canEncode(edited)) {
            charset = StandardCharsets.UTF_8;
            head = withCharset(head, "utf-8");
        }
        byte[] bytes = (crlf ? edited.replace("\n", "\r\n") : edited).getBytes(charset);
        String trailer = body.endsWith("\r\n") ? "\r\n" : body.endsWith("\n") ? "\n" : "";
        switch (encoding) {
            case "base64" -> {
                return head + Base64.getMimeEncoder(76, "\r\n".getBytes(BYTES)).encodeToString(bytes) + trailer;
            }
            case "quoted-printable" -> {
                return head + quotedPrintable(bytes) + trailer;
            }
            case "8bit", "binary" -> {
                return head + new String(bytes, BYTES);
            }
            default -> {
                boolean ascii = true;
                for (byte b : bytes) {
                    ascii &= b >= 0;
                }
                if (ascii) {
                    return head + new String(bytes, BYTES);
                }
                // A 7bit part cannot carry the new characters: say quoted-printable, as a sender would.
                return withHeader(head, "Content-Transfer-Encoding", v -> "quoted-printable") + quotedPrintable(bytes)
                        + trailer;
            }
        }
    }

    private static String multipart(String body, String boundary, boolean alternative, Walk walk) {
        if (boundary == null) {
            return body;
        }
        String delimiter = "--" + boundary;
        List<Integer> starts = new ArrayList<>();
        for (int i = body.indexOf(delimiter); i >= 0; i = body.indexOf(delimiter, i + 1)) {
            if (i == 0 || body.charAt(i - 1) == '\n') {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            return body;
        }
        List<String> parts = new ArrayList<>();
        List<String> delimiters = new ArrayList<>();
        String epilogue = "";
        for (int k = 0; k < starts.size(); k++) {
            int lineEnd = body.indexOf('\n', starts.get(k));
            int contentStart = lineEnd < 0 ? body.length() : lineEnd + 1;
            String line = body.substring(starts.get(k), contentStart);
            delimiters.add(line);
            if (line.strip().equals(delimiter + "--")) {
                epilogue = body.substring(contentStart);
                break;
            }
            int next = k + 1 < starts.size() ? starts.get(k + 1) : body.length();
            parts.add(body.substring(contentStart, next));
        }
        boolean dropping = alternative && walk.dropAlternative() != null && parts.size() > 1;
        StringBuilder out = new StringBuilder(body.substring(0, starts.get(0)));
        for (int k = 0; k < delimiters.size(); k++) {
            if (k < parts.size()) {
                String part = parts.get(k);
                if (dropping && contentType(part.substring(0, headerEnd(part))).toLowerCase(Locale.ROOT)
                        .startsWith("text/" + walk.dropAlternative())) {
                    continue;
                }
                out.append(delimiters.get(k));
                String eol = part.endsWith("\r\n") ? "\r\n" : part.endsWith("\n") ? "\n" : "";
                out.append(entity(part.substring(0, part.length() - eol.length()), walk)).append(eol);
            } else {
                out.append(delimiters.get(k));
            }
        }
        return out.append(epilogue).toString();
    }

    /** The index just past the blank line that ends the header block (the whole text when there is none). */
    private static int headerEnd(String entity) {
        if (entity.startsWith("\r\n")) {
            return 2;
        }
        if (entity.startsWith("\n")) {
            return 1;
        }
        int crlf = entity.indexOf("\r\n\r\n");
        int lf = entity.indexOf("\n\n");
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            return crlf + 4;
        }
        return lf >= 0 ? lf + 2 : entity.length();
    }

    private static Pattern field(String name) {
        return Pattern.compile("(?im)^" + Pattern.quote(name) + "[ \\t]*:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)");
    }

    /** The unfolded value of the first header {@code name}, or "". */
    static String header(String head, String name) {
        Matcher m = field(name).matcher(head);
        return m.find() ? m.group(1).replaceAll("\\r?\\n(?=[ \\t])", "").replace("\r", "").strip() : "";
    }

    private static String contentType(String head) {
        return header(head, "Content-Type");
    }

    private static String withHeader(String head, String name, UnaryOperator<String> edit) {
        Matcher m = field(name).matcher(head);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).replaceAll("\\r?\\n(?=[ \\t])", "").replace("\r", "").strip();
            String decoded;
            try {
                decoded = MimeUtility.decodeText(value);
            } catch (IOException e) {
                decoded = value;
            }
            String replaced = edit.apply(decoded);
            if (replaced.equals(decoded) || replaced.equals(encodedWord(decoded))) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group())); // unchanged: keep its folding and encoding
                continue;
            }
            String line = m.group().substring(0, m.group().indexOf(':')) + ": " + replaced + carriageReturn(m);
            m.appendReplacement(out, Matcher.quoteReplacement(line));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The CR of the field's CRLF, which "." takes into the match; the LF stays outside it. */
    private static String carriageReturn(Matcher field) {
        return field.group().endsWith("\r") ? "\r" : "";
    }

    private static String boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    private static Charset charset(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        String name = m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : "us-ascii";
        try {
            // US-ASCII as Java reads it would turn stray 8-bit bytes into U+FFFD; windows-1252 keeps them.
            return name.equalsIgnoreCase("us-ascii") ? Charset.forName("windows-1252") : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.forName("windows-1252");
        }
    }

    private static String withCharset(String head, String charset) {
        return withHeaderRaw(head, "Content-Type", value -> {
            Matcher m = CHARSET.matcher(value);
            return m.find() ? m.replaceFirst("$1" + charset) : value + "; charset=" + charset;
        });
    }

    /** Like {@link #withHeader} but on the raw (unfolded, not decoded) value. */
    private static String withHeaderRaw(String head, String name, UnaryOperator<String> edit) {
        Matcher m = field(name).matcher(head);
        if (!m.find()) {
            return head;
        }
        String value = m.group(1).replaceAll("\\r?\\n(?=[ \\t])", "").replace("\r", "").strip();
        String line = m.group().substring(0, m.group().indexOf(':')) + ": " + edit.apply(value) + carriageReturn(m);
        return head.substring(0, m.start()) + line + head.substring(m.end());
    }

    private static byte[] decode(String body, String encoding) {
        byte[] raw = body.getBytes(BYTES);
        if (!encoding.equals("base64") && !encoding.equals("quoted-printable")) {
            return raw;
        }
        try {
            return MimeUtility.decode(new ByteArrayInputStream(raw), encoding).readAllBytes();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot decode a " + encoding + " part: " + e.getMessage(), e);
        }
    }

    private static String quotedPrintable(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream qp = MimeUtility.encode(out, "quoted-printable")) {
            qp.write(bytes);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(BYTES);
    }
}
