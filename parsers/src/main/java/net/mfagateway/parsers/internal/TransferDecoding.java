package net.mfagateway.parsers.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.eclipse.angus.mail.util.BASE64DecoderStream;
import org.eclipse.angus.mail.util.QPDecoderStream;

/**
 * Undoes Content-Transfer-Encoding with Angus's decoders, leniently: what can be decoded is, and
 * the rest is a problem. Angus's own switch for damaged base64 (mail.mime.base64.ignoreerrors) is
 * JVM-wide, so damaged base64 is decoded strictly first and, when Angus reports damage, again
 * with the per-stream ignore-errors flag of its {@link BASE64DecoderStream}.
 */
final class TransferDecoding {

    /** The raw (still encoded) body, opened afresh on each call. */
    interface Source {
        InputStream open() throws MessagingException;
    }

    private TransferDecoding() {
    }

    static byte[] decode(Source body, String encoding, Problems problems) {
        String name = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        try {
            return switch (name) {
                case "7bit", "8bit", "binary", "" -> readAll(body.open());
                case "base64" -> base64(body, problems);
                // Angus's decoder directly: MimeUtility.decode would look its provider up again.
                case "quoted-printable" -> readAll(new QPDecoderStream(body.open()));
                default -> decoded(body, name, problems);
            };
        } catch (MessagingException | IOException e) {
            problems.add("body unreadable: " + e.getClass().getSimpleName());
            return new byte[0];
        }
    }

    private static byte[] base64(Source body, Problems problems) throws MessagingException, IOException {
        try {
            return readAll(new BASE64DecoderStream(body.open(), false));
        } catch (IOException e) {
            // Angus's message names the damage; EOF means the encoded text was cut short.
            String message = String.valueOf(e.getMessage());
            problems.add(message.contains("EOF") ? "base64 body is truncated" : "base64 body is damaged");
            return readAll(new BASE64DecoderStream(body.open(), true));
        }
    }

    /** uuencode and the other encodings Angus knows; any other is read as is. */
    private static byte[] decoded(Source body, String name, Problems problems) throws MessagingException, IOException {
        InputStream decoder;
        try {
            decoder = MimeUtility.decode(body.open(), name);
        } catch (MessagingException e) {
            problems.add("unknown transfer encoding " + (name.length() > 30 ? name.substring(0, 30) : name));
            return readAll(body.open());
        }
        try {
            return readAll(decoder);
        } catch (IOException e) {
            problems.add(name + " body is damaged; read as is");
            return readAll(body.open());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
