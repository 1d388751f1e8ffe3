package net.mfagateway.gateway.edge.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.mfagateway.gateway.support.Mails;
import net.mfagateway.gateway.support.SmtpConversation;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mail that parsers choke on, sent over loopback to a whole gateway: each is accepted with 250,
 * kept and reported as {@code message.unmatched}, and the same session then delivers a code.
 */
class MalformedMailTest {

    @TempDir
    static Path dir;
    private static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static final String HEAD = "From: noreply@coned.com\r\nTo: someone@mfa.localhost\r\n"
            + "Subject: Account notice\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n";

    static Stream<Arguments> malformed() {
        Random random = new Random(7);
        StringBuilder junk = new StringBuilder();
        for (int line = 0; line < 40; line++) {
            for (int i = 0; i < 70; i++) {
                junk.append((char) (0x80 + random.nextInt(0x80)));
            }
            junk.append("\r\n");
        }
        StringBuilder headers = new StringBuilder(HEAD);
        for (int i = 0; headers.length() < 500 * 1024; i++) {
            headers.append("X-Filler-").append(i).append(": ").append("a".repeat(90)).append("\r\n");
        }
        return Stream.of(
                Arguments.of("NUL bytes", HEAD + "Content-Type: text/plain\r\n\r\nHello\0\0\0 there\0\r\n"),
                Arguments.of("8-bit junk without a charset", HEAD + "Content-Type: text/plain\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\n" + junk),
                Arguments.of("500 KB of headers", headers + "\r\nNothing to see.\r\n"),
                Arguments.of("a multipart whose boundary never comes", HEAD + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b2\r\n"
                        + "Content-Type: text/plain\r\n\r\nno boundary of ours\r\n--b2--\r\n"),
                Arguments.of("broken multipart nesting and base64", HEAD + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\r\n\r\n--\r\nContent-Type: multipart/related;"
                        + " boundary=\"\"\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not*base64!!!\r\n--\r\n"),
                Arguments.of("header lines without a colon", "this is not a header\r\n" + HEAD
                        + "another bad line\r\n\r\nbody\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isKeptAsUnmatchedAndTheSessionStaysHealthy(String name, String message) throws Exception {
        JsonNode c = gw.createConnection("coned");
        String email = c.get("email").asText();
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            smtp.send("MAIL FROM:<noreply@coned.com>").expect("250");
            smtp.send("RCPT TO:<" + email + ">").expect("250");
            smtp.send("DATA").expect("354");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(message.getBytes(StandardCharsets.ISO_8859_1));
            bytes.writeBytes(".\r\n".getBytes(StandardCharsets.ISO_8859_1));
            smtp.sendRaw(bytes.toByteArray());
            smtp.expect("250");
            assertThat(smtp.mail("noreply@coned.com", email, Mails.codeMail("noreply@coned.com", email, "864209")))
                    .startsWith("250");
        }
        assertThat(eventTypes(c)).containsExactly("message.unmatched", "code.received");
    }

    private static List<String> eventTypes(JsonNode connection) throws Exception {
        JsonNode events = TestGateway.json(gw.get("/v1/connections/" + connection.get("id").asText() + "/events"));
        List<String> types = new ArrayList<>();
        events.get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
