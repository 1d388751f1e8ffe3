package net.mfagateway.gateway.edge.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.mfagateway.gateway.support.Mails;
import net.mfagateway.gateway.support.SmtpConversation;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each SMTP limit against a whole gateway over loopback, set small through its setting: the
 * reply code, that the session goes on (or is closed) as documented, and the metric.
 */
class SmtpLimitsTest {

    @TempDir
    Path dir;
    private TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private TestGateway start(Map<String, String> env) throws Exception {
        gw = TestGateway.start(dir, env);
        return gw;
    }

    private String email(JsonNode connection) {
        return connection.get("email").asText();
    }

    @Test
    void recipientsOverTheLimitGet452AndTheOthersStillGetTheMessage() throws Exception {
        start(Map.of("MFA_GATEWAY_SMTP_MAX_RECIPIENTS", "2"));
        JsonNode a = gw.createConnection("coned");
        JsonNode b = gw.createConnection("coned");
        JsonNode c = gw.createConnection("coned");
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            smtp.send("MAIL FROM:<noreply@coned.com>").expect("250");
            smtp.send("RCPT TO:<" + email(a) + ">").expect("250");
            smtp.send("RCPT TO:<" + email(b) + ">").expect("250");
            smtp.send("RCPT TO:<" + email(c) + ">").expect("452 4.5.3");
            smtp.send("DATA").expect("354");
            smtp.sendRaw((Mails.codeMail("noreply@coned.com", email(a), "123456") + ".\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            smtp.expect("250");
        }
        assertThat(eventTypes(a)).containsExactly("code.received");
        assertThat(eventTypes(b)).containsExactly("code.received");
        assertThat(eventTypes(c)).isEmpty();
        assertThat(metrics()).contains("mfa_gateway_smtp_messages_total{result=\"too_many_recipients\"} 1.0");
    }

    @Test
    void aLineOverTheLimitGets500AndTheSessionGoesOn() throws Exception {
        start(Map.of("MFA_GATEWAY_SMTP_MAX_LINE_BYTES", "1000"));
        JsonNode c = gw.createConnection("coned");
        String ok = Mails.codeMail("noreply@coned.com", email(c), "654321") + "x".repeat(1000) + "\r\n";
        String tooLong = Mails.codeMail("noreply@coned.com", email(c), "111111") + "x".repeat(1001) + "\r\n";
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            assertThat(smtp.mail("noreply@coned.com", email(c), tooLong)).startsWith("500 5.5.2 Line too long");
            assertThat(smtp.mail("noreply@coned.com", email(c), ok)).startsWith("250");
        }
        assertThat(eventTypes(c)).containsExactly("code.received");
        assertThat(metrics()).contains("mfa_gateway_smtp_messages_total{result=\"line_too_long\"} 1.0");
    }

    @Test
    void tooManyCommandsWithoutAMessageGet421AndTheConnectionIsClosed() throws Exception {
        start(Map.of("MFA_GATEWAY_SMTP_MAX_RECIPIENTS", "5", "MFA_GATEWAY_SMTP_MAX_COMMANDS_BEFORE_DATA", "10"));
        JsonNode c = gw.createConnection("coned");
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            for (int i = 0; i < 5; i++) {
                smtp.send("NOOP").expect("250");
            }
            // EHLO, 5 NOOPs, MAIL, RCPT, DATA: 9 of 10, and the message starts the count again.
            assertThat(smtp.mail("noreply@coned.com", email(c), Mails.codeMail("noreply@coned.com", email(c),
                    "246810"))).startsWith("250");
            for (int i = 0; i < 10; i++) {
                smtp.send(i % 2 == 0 ? "RSET" : "VRFY postmaster").reply();
            }
            smtp.send("NOOP").expect("421 4.7.0");
            assertThat(smtp.closedByServer()).isTrue();
        }
        assertThat(eventTypes(c)).containsExactly("code.received");
        assertThat(metrics()).contains("mfa_gateway_smtp_session_refusals_total{reason=\"too_many_commands\"} 1.0");
    }

    @Test
    void anIdleSessionGets421AndIsClosed() throws Exception {
        start(Map.of("MFA_GATEWAY_SMTP_IDLE_TIMEOUT_SECONDS", "1"));
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            long start = System.nanoTime();
            smtp.expect("421 4.4.2 Idle timeout");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(800L, 4000L);
            assertThat(smtp.closedByServer()).isTrue();
        }
        assertThat(metrics()).contains("mfa_gateway_smtp_session_refusals_total{reason=\"idle_timeout\"} 1.0");
    }

    @Test
    void aSenderFallingSilentInsideDataGets421AndNothingIsStored() throws Exception {
        start(Map.of("MFA_GATEWAY_SMTP_IDLE_TIMEOUT_SECONDS", "1"));
        JsonNode c = gw.createConnection("coned");
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            smtp.send("MAIL FROM:<noreply@coned.com>").expect("250");
            smtp.send("RCPT TO:<" + email(c) + ">").expect("250");
            smtp.send("DATA").expect("354");
            smtp.sendRaw(Mails.codeMail("noreply@coned.com", email(c), "135790").getBytes(StandardCharsets.UTF_8));
            smtp.expect("421 4.4.2 Idle timeout");
            assertThat(smtp.closedByServer()).isTrue();
        }
        assertThat(eventTypes(c)).isEmpty();
    }

    @Test
    void aSessionOverItsTotalTimeGets421EvenWhileBusy() throws Exception {
        start(Map.of("MFA_GATEWAY_SMTP_IDLE_TIMEOUT_SECONDS", "1", "MFA_GATEWAY_SMTP_SESSION_TIMEOUT_SECONDS", "2",
                "MFA_GATEWAY_SMTP_MAX_COMMANDS_BEFORE_DATA", "100000"));
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            long start = System.nanoTime();
            String reply = "";
            // Never idle: a NOOP every 100 ms until the session's time is up.
            while (System.nanoTime() - start < 6_000_000_000L) {
                reply = smtp.send("NOOP").reply();
                if (!reply.startsWith("250")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(reply).startsWith("421 4.4.2 Session time limit");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1500L, 4000L);
        }
        assertThat(metrics()).contains("mfa_gateway_smtp_session_refusals_total{reason=\"session_timeout\"} 1.0");
    }

    @Test
    void sessionsOverTheOverallLimitGet421AndAClosedOneMakesRoom() throws Exception {
        start(Map.of("MFA_GATEWAY_SMTP_MAX_SESSIONS", "2"));
        List<SmtpConversation> open = new ArrayList<>();
        try {
            open.add(new SmtpConversation(gw.smtpPort(), "127.0.0.1", "220"));
            open.add(new SmtpConversation(gw.smtpPort(), "127.0.0.2", "220"));
            try (SmtpConversation third = new SmtpConversation(gw.smtpPort(), "127.0.0.3", "421 4.3.2")) {
                assertThat(third.closedByServer()).isTrue();
            }
            open.remove(0).send("QUIT").expect("221");
            open.add(eventuallyGreeted("127.0.0.3"));
        } finally {
            for (SmtpConversation c : open) {
                c.close();
            }
        }
        assertThat(metrics()).contains("mfa_gateway_smtp_session_refusals_total{reason=\"too_many_sessions\"}");
    }

    @Test
    void sessionsOverTheLimitOfOneClientAddressGet421AndOtherClientsAreServed() throws Exception {
        start(Map.of("MFA_GATEWAY_SMTP_MAX_SESSIONS_PER_CLIENT", "2"));
        try (SmtpConversation one = new SmtpConversation(gw.smtpPort(), "127.0.0.1", "220");
                SmtpConversation two = new SmtpConversation(gw.smtpPort(), "127.0.0.1", "220");
                SmtpConversation three = new SmtpConversation(gw.smtpPort(), "127.0.0.1", "421 4.7.0");
                SmtpConversation elsewhere = new SmtpConversation(gw.smtpPort(), "127.0.0.9", "220")) {
            assertThat(three.closedByServer()).isTrue();
            elsewhere.send("EHLO other.test").expect("250");
            one.send("EHLO client.test").expect("250");
            two.send("EHLO client.test").expect("250");
        }
        assertThat(metrics())
                .contains("mfa_gateway_smtp_session_refusals_total{reason=\"too_many_sessions_per_client\"} 1.0");
    }

    @Test
    void aConnectionOverItsMessageRateGets450WhileOthersStillReceive() throws Exception {
        start(Map.of("MFA_GATEWAY_SMTP_MESSAGES_PER_CONNECTION_PER_MINUTE", "2"));
        JsonNode flooded = gw.createConnection("coned");
        JsonNode other = gw.createConnection("coned");
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            for (String code : List.of("100001", "100002")) {
                assertThat(smtp.mail("noreply@coned.com", email(flooded),
                        Mails.codeMail("noreply@coned.com", email(flooded), code))).startsWith("250");
            }
            smtp.send("MAIL FROM:<noreply@coned.com>").expect("250");
            smtp.send("RCPT TO:<" + email(flooded) + ">").expect("450 4.7.1");
            smtp.send("RSET").expect("250");
            assertThat(smtp.mail("noreply@coned.com", email(other),
                    Mails.codeMail("noreply@coned.com", email(other), "100003"))).startsWith("250");
        }
        assertThat(eventTypes(flooded)).containsExactly("code.received", "code.received");
        assertThat(metrics()).contains("mfa_gateway_smtp_messages_total{result=\"rate_limited\"} 1.0");
    }

    @Test
    void theOpenSessionsAreAGauge() throws Exception {
        start(Map.of());
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            assertThat(metrics()).contains("mfa_gateway_smtp_sessions 1.0");
        }
    }

    /** A freed place shows once the server has seen the QUIT through; bounded. */
    private SmtpConversation eventuallyGreeted(String localAddress) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                return new SmtpConversation(gw.smtpPort(), localAddress, "220");
            } catch (AssertionError | IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private List<String> eventTypes(JsonNode connection) throws Exception {
        JsonNode events = TestGateway.json(gw.get("/v1/connections/" + connection.get("id").asText() + "/events"));
        List<String> types = new ArrayList<>();
        events.get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private String metrics() throws Exception {
        return gw.get("/metrics").body();
    }
}
