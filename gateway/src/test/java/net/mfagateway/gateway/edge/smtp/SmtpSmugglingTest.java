package net.mfagateway.gateway.edge.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.mfagateway.gateway.support.Mails;
import net.mfagateway.gateway.support.SmtpConversation;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMTP smuggling against a whole gateway over loopback: only {@code <CR><LF>.<CR><LF>} ends
 * DATA, a bare CR or LF anywhere in it refuses the whole message, and what follows a fake end
 * marker is never run as commands nor stored as a second message.
 */
class SmtpSmugglingTest {

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

    static Stream<Arguments> fakeEndMarkers() {
        return Stream.of(
                Arguments.of("<LF>.<CR><LF>", "\n.\r\n"),
                Arguments.of("<CR><LF>.<LF>", "\r\n.\n"),
                Arguments.of("<LF>.<LF>", "\n.\n"),
                Arguments.of("<CR>.<CR><LF>", "\r.\r\n"),
                Arguments.of("<CR><LF>.<CR>", "\r\n.\r"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fakeEndMarkers")
    void aFakeEndOfDataRefusesTheWholeMessageAndRunsNoSmuggledCommand(String name, String marker) throws Exception {
        JsonNode c = gw.createConnection("coned");
        String email = c.get("email").asText();
        String first = Mails.codeMail("noreply@coned.com", email, "111111").stripTrailing();
        String smuggled = Mails.codeMail("noreply@coned.com", email, "999999");
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            smtp.send("MAIL FROM:<noreply@coned.com>").expect("250");
            smtp.send("RCPT TO:<" + email + ">").expect("250");
            smtp.send("DATA").expect("354");
            smtp.sendRaw((first + marker + "MAIL FROM:<attacker@evil.test>\r\nRCPT TO:<" + email + ">\r\nDATA\r\n"
                    + smuggled + ".\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(smtp.reply()).startsWith("550 5.5.2").contains("bare CR or LF");
            // In step with the client: this answers our NOOP, not a smuggled MAIL, RCPT or DATA,
            // and no transaction was left open by them.
            smtp.send("NOOP").expect("250");
            assertThat(smtp.mail("noreply@coned.com", email, Mails.codeMail("noreply@coned.com", email, "222222")))
                    .startsWith("250");
        }
        assertThat(eventTypes(c)).containsExactly("code.received");
        assertThat(newestCode(c)).isEqualTo("222222");
    }

    @Test
    void bareLfLineEndingsAreRefusedWithAClear5xx() throws Exception {
        JsonNode c = gw.createConnection("coned");
        String email = c.get("email").asText();
        String lfOnly = Mails.codeMail("noreply@coned.com", email, "333333").replace("\r\n", "\n");
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            sendData(smtp, email, lfOnly + "\r\n.\r\n");
            assertThat(smtp.reply()).isEqualTo("550 5.5.2 Message refused: bare CR or LF in DATA; lines must end"
                    + " with CRLF (SMTP smuggling protection)");
        }
        assertThat(eventTypes(c)).isEmpty();
        assertThat(gw.get("/metrics").body()).contains("mfa_gateway_smtp_messages_total{result=\"bare_newline\"}");
    }

    @Test
    void aBareCrInsideALineIsRefused() throws Exception {
        JsonNode c = gw.createConnection("coned");
        String email = c.get("email").asText();
        String mail = Mails.codeMail("noreply@coned.com", email, "444444").replace("It expires", "It\rexpires");
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            sendData(smtp, email, mail + ".\r\n");
            smtp.expect("550 5.5.2");
        }
        assertThat(eventTypes(c)).isEmpty();
    }

    @Test
    void aCommandEndingInBareLfGets501AndTheConnectionIsClosed() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.sendRaw("HELO client.test\nMAIL FROM:<a@sender.test>\r\n".getBytes(StandardCharsets.ISO_8859_1));
            smtp.expect("501");
            assertThat(smtp.closedByServer()).isTrue();
        }
    }

    @Test
    void bdatIsFramedByLengthSoItsBareLfsCannotSmuggleAndAreKept() throws Exception {
        JsonNode c = gw.createConnection("coned");
        String email = c.get("email").asText();
        byte[] lfOnly = Mails.codeMail("noreply@coned.com", email, "555555").replace("\r\n", "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            assertThat(smtp.send("EHLO client.test").expect("250")).contains("CHUNKING");
            smtp.send("MAIL FROM:<noreply@coned.com>").expect("250");
            smtp.send("RCPT TO:<" + email + ">").expect("250");
            smtp.sendRaw(("BDAT " + lfOnly.length + " LAST\r\n").getBytes(StandardCharsets.ISO_8859_1));
            smtp.sendRaw(lfOnly);
            smtp.expect("250");
        }
        assertThat(newestCode(c)).isEqualTo("555555");
    }

    private static void sendData(SmtpConversation smtp, String email, String rawData) throws Exception {
        smtp.send("MAIL FROM:<noreply@coned.com>").expect("250");
        smtp.send("RCPT TO:<" + email + ">").expect("250");
        smtp.send("DATA").expect("354");
        smtp.sendRaw(rawData.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<String> eventTypes(JsonNode connection) throws Exception {
        JsonNode events = TestGateway.json(gw.get("/v1/connections/" + connection.get("id").asText() + "/events"));
        List<String> types = new ArrayList<>();
        events.get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static String newestCode(JsonNode connection) throws Exception {
        var r = gw.get("/v1/connections/" + connection.get("id").asText()
                + "/codes/next?after=2000-01-01T00:00:00Z&wait=0");
        return r.statusCode() == 200 ? TestGateway.json(r).get("code").asText() : "none (" + r.statusCode() + ")";
    }
}
