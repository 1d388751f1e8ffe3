package net.mfagateway.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.support.Await;
import net.mfagateway.gateway.support.SmtpConversation;
import net.mfagateway.gateway.support.TestGateway;
import net.mfagateway.gateway.worker.simulated.PortalAccount;
import net.mfagateway.gateway.worker.simulated.SimulatedPortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-service login workers against the simulated portal over loopback HTTP, the portal mailing
 * its codes to the gateway over SMTP: statuses, events and diagnoses as a person would see them
 * through the API.
 */
class LoginWorkersTest {

    private static final Path CORPUS = Path.of(System.getProperty("mfa.corpus.dir"), "email");

    @TempDir
    Path dir;

    private TestGateway gateway;
    private SimulatedPortal portal;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateway.start(dir, Map.of("MFA_GATEWAY_WORKER_CODE_WAIT_SECONDS", "3",
                "MFA_GATEWAY_WORKER_UTILITY_INTERVAL_SECONDS", "0"));
        portal = new SimulatedPortal("127.0.0.1", gateway.smtpPort(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        portal.close();
        gateway.close();
    }

    /** A connection whose worker logs into the simulated portal as {@code user}, only when asked. */
    private JsonNode connection(String utility, String user, long everySeconds) throws Exception {
        var r = gateway.post("/v1/connections", "{\"utility\":\"" + utility + "\",\"label\":\"home\",\"login\":"
                + "{\"driver\":\"simulated\",\"url\":\"" + portal.url() + "\",\"username\":\"" + user
                + "\",\"everySeconds\":" + everySeconds + "}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestGateway.json(r);
    }

    private PortalAccount sdgeAccount(String user, JsonNode connection) {
        return PortalAccount.emailCode(user, connection.get("email").asText(), "myaccount@sdge.com",
                "Your SDG&E verification code");
    }

    private LoginReport logIn(JsonNode connection) throws Exception {
        return gateway.workers().logInNow(connection.get("id").asText()).get(30, TimeUnit.SECONDS);
    }

    private JsonNode get(JsonNode connection) throws Exception {
        return TestGateway.json(gateway.get("/v1/connections/" + connection.get("id").asText()));
    }

    private List<String> statusChanges(JsonNode connection) throws Exception {
        List<String> seen = new ArrayList<>();
        for (JsonNode e : TestGateway.json(gateway.get("/v1/connections/" + connection.get("id").asText() + "/events"))
                .get("events")) {
            if (e.get("type").asText().equals("connection.status")) {
                seen.add(e.get("data").get("status").asText());
            }
        }
        return seen;
    }

    private void mail(JsonNode connection, String corpusFile) throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(gateway.smtpPort())) {
            String reply = smtp.mail("relay@example.net", connection.get("email").asText(),
                    Files.readString(CORPUS.resolve(corpusFile)));
            assertThat(reply).startsWith("250");
        }
    }

    @Test
    void anEmailCodeLoginEndsConnectedAfterMfaRequired() throws Exception {
        JsonNode c = connection("sdge", "ann", 0);
        portal.addAccount(sdgeAccount("ann", c));

        assertThat(logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));

        assertThat(get(c).get("status").asText()).isEqualTo("connected");
        assertThat(statusChanges(c)).containsExactly("mfa_required", "connected");
        assertThat(portal.mailsSent()).isEqualTo(1);
        JsonNode code = TestGateway.json(gateway.get("/v1/connections/" + c.get("id").asText()
                + "/codes/next?after=2020-01-01T00:00:00Z&wait=1"));
        assertThat(code.get("sender").asText()).isEqualTo("myaccount@sdge.com");
        assertThat(code.get("senderStatus").asText()).isEqualTo("known");
    }

    @Test
    void aCodeThatNeverComesExpiresTheTokenAndThreeInARowNeedAttention() throws Exception {
        JsonNode c = connection("sdge", "bob", 0);
        portal.addAccount(sdgeAccount("bob", c).withMail(PortalAccount.Mail.DROP));

        assertThat(logIn(c)).isInstanceOf(LoginReport.CodeTimedOut.class);
        JsonNode after = get(c);
        assertThat(after.get("status").asText()).isEqualTo("mfa_token_expired");
        assertThat(after.get("diagnosis").get("reason").asText()).isEqualTo("never_received");
        assertThat(after.get("diagnosis").get("message").asText()).contains(c.get("email").asText());

        logIn(c);
        assertThat(get(c).get("status").asText()).isEqualTo("mfa_token_expired");
        logIn(c);
        JsonNode third = get(c);
        assertThat(third.get("status").asText()).isEqualTo("needs_attention");
        assertThat(third.get("diagnosis").get("message").asText()).startsWith("3 logins in a row failed");

        JsonNode listed = TestGateway.json(gateway.get("/v1/connections?status=needs_attention"));
        assertThat(listed.get("connections")).extracting(n -> n.get("id").asText())
                .containsExactly(c.get("id").asText());
        // mfa_required before each try, then the failure it ended in.
        assertThat(statusChanges(c)).containsExactly("mfa_required", "mfa_token_expired", "mfa_required",
                "mfa_token_expired", "mfa_required", "needs_attention");
    }

    @Test
    void codesThatCameByAutoForwardingAndStoppedAreDiagnosedAsForwardingStopped() throws Exception {
        JsonNode c = connection("sdge", "cat", 0);
        mail(c, "sdge-auto-m365-01.eml");
        portal.addAccount(sdgeAccount("cat", c).withMail(PortalAccount.Mail.DROP));

        logIn(c);

        JsonNode diagnosis = get(c).get("diagnosis");
        assertThat(diagnosis.get("reason").asText()).isEqualTo("forwarding_stopped");
        assertThat(diagnosis.get("message").asText()).contains("forwarded from the customer's inbox")
                .contains("auto-forwarding");
        assertThat(diagnosis.get("advice").get(0).asText()).startsWith("Managed forwarding: make "
                + c.get("email").asText());
        assertThat(diagnosis.get("advice")).anySatisfy(a -> assertThat(a.asText()).startsWith("Upload bills"));
    }

    @Test
    void mailWithNoRecognisableCodeIsDiagnosedAsUnmatched() throws Exception {
        JsonNode c = connection("sdge", "dan", 0);
        portal.addAccount(sdgeAccount("dan", c).withMail(PortalAccount.Mail.UNRECOGNISABLE));

        assertThat(logIn(c)).isInstanceOf(LoginReport.CodeTimedOut.class);

        JsonNode diagnosis = get(c).get("diagnosis");
        assertThat(diagnosis.get("reason").asText()).isEqualTo("message_unmatched");
        assertThat(diagnosis.get("message").asText()).contains("myaccount@sdge.com");
    }

    @Test
    void securityQuestionsAreAnsweredFromTheStoredAnswers() throws Exception {
        JsonNode ok = connection("coned", "eve", 0);
        JsonNode wrong = connection("coned", "fay", 0);
        JsonNode none = connection("coned", "gus", 0);
        portal.addAccount(PortalAccount.securityQuestion("eve", "What was the name of your first pet?", "Rex"));
        portal.addAccount(PortalAccount.securityQuestion("fay", "What was the name of your first pet?", "Rex"));
        portal.addAccount(PortalAccount.securityQuestion("gus", "What was the name of your first pet?", "Rex"));
        String answers = "{\"answers\":[{\"question\":\"First pet's name?\",\"answer\":\"%s\"}]}";
        gateway.send(put("/v1/connections/" + ok.get("id").asText() + "/security-answers", answers.formatted("rex")));
        gateway.send(put("/v1/connections/" + wrong.get("id").asText() + "/security-answers",
                answers.formatted("Fido")));

        assertThat(logIn(ok)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
        assertThat(logIn(wrong)).isInstanceOf(LoginReport.AnswerRejected.class);
        assertThat(logIn(none)).isInstanceOf(LoginReport.NoAnswer.class);

        assertThat(get(ok).get("status").asText()).isEqualTo("connected");
        assertThat(get(wrong).get("diagnosis").get("reason").asText()).isEqualTo("security_answer_rejected");
        assertThat(get(none).get("diagnosis").get("reason").asText()).isEqualTo("security_answer_missing");
        // The answer itself never shows in what the API tells about the failure.
        assertThat(gateway.get("/v1/connections/" + wrong.get("id").asText() + "/events").body()).doesNotContain("Fido");
    }

    private java.net.http.HttpRequest put(String path, String json) {
        return java.net.http.HttpRequest.newBuilder(gateway.uri(path)).header("Authorization", "Bearer " + gateway.token())
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    @Test
    void aBlockedForwardingReportNeedsAttentionAtOnce() throws Exception {
        JsonNode c = connection("nve", "hal", 0);

        mail(c, "nve-attached-ndr-outlook-01.eml");

        JsonNode now = awaitStatus(c, "needs_attention");
        assertThat(now.get("diagnosis").get("reason").asText()).isEqualTo("forwarding_blocked");
    }

    private JsonNode awaitStatus(JsonNode c, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode now = get(c);
        while (!now.get("status").asText().equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = get(c);
        }
        assertThat(now.get("status").asText()).isEqualTo(status);
        return now;
    }

    @Test
    void outsideCollectorsReportLoginsAndMoveTheStatusTheSameWay() throws Exception {
        JsonNode c = TestGateway.json(gateway.post("/v1/connections", "{\"utility\":\"sdge\"}"));
        String reports = "/v1/connections/" + c.get("id").asText() + "/login-reports";

        assertThat(gateway.post(reports, "{\"outcome\":\"mfa_required\",\"method\":\"email\"}").statusCode())
                .isEqualTo(200);
        JsonNode expired = TestGateway.json(gateway.post(reports, "{\"outcome\":\"code_timeout\",\"waitedSeconds\":120}"));
        assertThat(expired.get("status").asText()).isEqualTo("mfa_token_expired");
        assertThat(expired.get("diagnosis").get("reason").asText()).isEqualTo("never_received");
        JsonNode back = TestGateway.json(gateway.post(reports, "{\"outcome\":\"connected\"}"));
        assertThat(back.get("status").asText()).isEqualTo("connected");
        assertThat(back.has("diagnosis")).isFalse();

        assertThat(gateway.post(reports, "{\"outcome\":\"sleepy\"}").statusCode()).isEqualTo(400);
        assertThat(gateway.post(reports, "{\"outcome\":\"answer_rejected\"}").statusCode()).isEqualTo(400);
        assertThat(gateway.post(reports, "not json").statusCode()).isEqualTo(400);
        assertThat(gateway.post("/v1/connections/c_nope/login-reports", "{\"outcome\":\"connected\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theApiStartsALoginNowAndRefusesWithoutLoginSettings() throws Exception {
        JsonNode c = connection("sdge", "ida", 0);
        portal.addAccount(sdgeAccount("ida", c));
        JsonNode plain = TestGateway.json(gateway.post("/v1/connections", "{\"utility\":\"sdge\"}"));

        assertThat(gateway.post("/v1/connections/" + c.get("id").asText() + "/logins", "").statusCode()).isEqualTo(202);
        awaitStatus(c, "connected");
        var refused = gateway.post("/v1/connections/" + plain.get("id").asText() + "/logins", "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("no login settings");
        assertThat(gateway.post("/v1/connections", "{\"utility\":\"sdge\",\"login\":{\"driver\":\"selenium\","
                + "\"url\":\"http://x\",\"username\":\"u\"}}").statusCode()).isEqualTo(400);
    }

    @Test
    void loginSettingsAreSetAndRemovedWithPatch() throws Exception {
        JsonNode plain = TestGateway.json(gateway.post("/v1/connections", "{\"utility\":\"sdge\"}"));
        String path = "/v1/connections/" + plain.get("id").asText();
        portal.addAccount(sdgeAccount("kim", plain));

        var set = gateway.patch(path, "{\"login\":{\"driver\":\"simulated\",\"url\":\"" + portal.url()
                + "\",\"username\":\"kim\",\"everySeconds\":0}}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(TestGateway.json(set).get("login").get("username").asText()).isEqualTo("kim");
        assertThat(logIn(plain)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));

        JsonNode removed = TestGateway.json(gateway.patch(path, "{\"login\":null}"));
        assertThat(removed.has("login")).isFalse();
        assertThat(gateway.post(path + "/logins", "").statusCode()).isEqualTo(409);
    }

    @Test
    void scheduledLoginsRunWithoutBeingAsked() throws Exception {
        JsonNode c = connection("sdge", "joe", 1);
        portal.addAccount(sdgeAccount("joe", c));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (portal.logins() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(portal.logins()).isGreaterThanOrEqualTo(2);
        awaitStatus(c, "connected");
        // The first login needs its code; the portal remembers the device, so the next one does not.
        Await.until("a login without a code is counted", Duration.ofSeconds(10), () -> gateway.get("/metrics").body()
                .contains("mfa_gateway_logins_total{mfa=\"skipped\",outcome=\"connected\",utility=\"sdge\"}"));
        String metrics = gateway.get("/metrics").body();
        assertThat(metrics).contains("mfa_gateway_connections{status=\"connected\"} 1.0");
        assertThat(metrics).contains("mfa_gateway_logins_total{mfa=\"required\",outcome=\"connected\",utility=\"sdge\"} 1.0");
        assertThat(portal.mailsSent()).isEqualTo(1);
    }
}
