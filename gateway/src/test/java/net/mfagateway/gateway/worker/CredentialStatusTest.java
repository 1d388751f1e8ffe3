package net.mfagateway.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.support.Await;
import net.mfagateway.gateway.support.Logins;
import net.mfagateway.gateway.support.PageClient;
import net.mfagateway.gateway.support.TestGateway;
import net.mfagateway.gateway.worker.simulated.PortalAccount;
import net.mfagateway.gateway.worker.simulated.SimulatedPortal;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What portals say about the password: refused ({@code password_incorrect}), to be changed
 * ({@code new_password_needed}), or nothing because they are down ({@code website_down}); each
 * with its event and the next step a person can take, against the simulated portal over HTTP.
 */
class CredentialStatusTest {

    private static final String RIGHT = "correct horse battery staple";

    @TempDir
    Path dir;

    private TestGateway gw;
    private SimulatedPortal portal;
    private Logins logins;

    @BeforeEach
    void start() throws Exception {
        gw = TestGateway.start(dir, Map.of("MFA_GATEWAY_WORKER_UTILITY_INTERVAL_SECONDS", "0",
                "MFA_GATEWAY_WORKER_RETRY_BASE_SECONDS", "1", "MFA_GATEWAY_ATTENTION_AFTER_FAILURES", "2"));
        portal = new SimulatedPortal("127.0.0.1", gw.smtpPort(), Clock.systemUTC());
        logins = new Logins(gw, portal);
    }

    @AfterEach
    void stop() {
        portal.close();
        gw.close();
    }

    private JsonNode connection(String user, long everySeconds, PortalAccountEdit edit) throws Exception {
        JsonNode c = logins.connection("sdge", user, everySeconds, Map.of());
        portal.addAccount(edit.apply(PortalAccount.emailCode(user, c.get("email").asText(), "myaccount@sdge.com",
                "Your SDG&E verification code").withPassword(RIGHT)));
        return c;
    }

    private interface PortalAccountEdit {
        PortalAccount apply(PortalAccount a);
    }

    @Test
    void aRefusedPasswordIsPasswordIncorrectWithTheWayToSetIt() throws Exception {
        JsonNode c = connection("ann", 0, a -> a);
        assertThat(logins.setPassword(c, "Tr0ub4dor&3").statusCode()).isEqualTo(204);

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.PasswordIncorrect(true));

        JsonNode after = logins.get(c);
        assertThat(after.get("status").asText()).isEqualTo("password_incorrect");
        assertThat(after.get("diagnosis").get("reason").asText()).isEqualTo("password_incorrect");
        assertThat(after.get("diagnosis").get("message").asText()).contains("stored password");
        assertThat(after.get("diagnosis").get("advice").get(0).asText())
                .contains("PUT /v1/connections/" + Logins.id(c) + "/portal-password").contains("invitation");
        assertThat(logins.eventTypes(c)).containsSubsequence("portal_password.updated", "login.failed",
                "connection.status");
        assertThat(TestGateway.json(gw.get("/v1/connections?status=password_incorrect")).get("connections"))
                .extracting(n -> n.get("id").asText()).containsExactly(Logins.id(c));
        assertThat(gw.metric("mfa_gateway_logins_total", "outcome=\"password_incorrect\"", "mfa=\"none\""))
                .isEqualTo(1.0);
    }

    @Test
    void noStoredPasswordIsNamedAsTheReason() throws Exception {
        JsonNode c = connection("bob", 0, a -> a);

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.PasswordIncorrect(false));
        assertThat(logins.get(c).get("diagnosis").get("message").asText())
                .contains("no portal password is stored");
    }

    @Test
    void scheduledLoginsWaitForANewPasswordAndGoAtOnceWhenItIsSet() throws Exception {
        JsonNode c = connection("cat", 0, a -> a);
        logins.setPassword(c, "wrong one");
        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.PasswordIncorrect(true));
        assertThat(gw.patch("/v1/connections/" + Logins.id(c), "{\"login\":{\"driver\":\"simulated\",\"url\":\""
                + portal.url() + "\",\"username\":\"cat\",\"everySeconds\":1}}").statusCode()).isEqualTo(200);
        int tried = portal.logins();

        // At least one scan of the schedule (every 5 s) with a one-second period: no retry storm.
        Thread.sleep(6_000);
        assertThat(portal.logins()).isEqualTo(tried);

        assertThat(logins.setPassword(c, RIGHT).statusCode()).isEqualTo(204);
        logins.awaitStatus(c, "connected");
        assertThat(logins.get(c).has("diagnosis")).isFalse();
    }

    @Test
    void aPortalThatWantsANewPasswordGetsOneThroughTheInvitationPage() throws Exception {
        JsonNode c = connection("dee", 0, a -> a.withPasswordExpired(true));
        logins.setPassword(c, RIGHT);

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.NewPasswordNeeded());
        JsonNode after = logins.get(c);
        assertThat(after.get("status").asText()).isEqualTo("new_password_needed");
        assertThat(after.get("diagnosis").get("advice").get(0).asText())
                .contains("POST /v1/connections/" + Logins.id(c) + "/invitations");

        // The owner chooses a new password at the portal, then gives it to the gateway on their page.
        portal.changePassword("dee", "a brand new passphrase");
        HttpResponse<String> invited = gw.post("/v1/connections/" + Logins.id(c) + "/invitations", "");
        PageClient owner = new PageClient(gw);
        owner.claim(TestGateway.json(invited).get("url").asText());
        Document page = Jsoup.parse(owner.get("/i/").body());
        assertThat(page.selectFirst("#password-problem").text()).contains("asks for a new password");
        String csrf = owner.formToken();

        HttpResponse<String> typo = owner.post("/i/password", Map.of("csrf", csrf, "password",
                "a brand new passphrase", "password2", "a brand new passphrose"));
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("differ").doesNotContain("a brand new pass");
        assertThat(owner.post("/i/password", Map.of("password", "a brand new passphrase", "password2",
                "a brand new passphrase")).statusCode()).isEqualTo(403);
        assertThat(owner.post("/i/password", Map.of("csrf", csrf, "password", "a brand new passphrase", "password2",
                "a brand new passphrase")).statusCode()).isEqualTo(303);

        logins.awaitStatus(c, "connected");
        assertThat(logins.events(c)).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("portal_password.updated");
            assertThat(e.get("data").get("via").asText()).isEqualTo("invitation");
        });
        assertThat(Jsoup.parse(owner.get("/i/?done=password").body()).selectFirst("#flash").text())
                .contains("password is saved");
    }

    @Test
    void aPortalThatIsDownIsWebsiteDownAndNeverCountsTowardsNeedsAttention() throws Exception {
        JsonNode c = connection("eli", 0, a -> a);
        logins.setPassword(c, RIGHT);
        portal.down(true);

        for (int i = 0; i < 3; i++) {
            assertThat(logins.logIn(c)).isInstanceOf(LoginReport.WebsiteDown.class);
        }

        JsonNode after = logins.get(c);
        assertThat(after.get("status").asText()).isEqualTo("website_down");
        assertThat(after.get("diagnosis").get("message").asText()).contains("HTTP 503").contains("maintenance");
        assertThat(logins.statusChanges(c)).containsExactly("website_down");
        assertThat(logins.eventTypes(c)).doesNotContain("login.failed");
        assertThat(TestGateway.json(gw.get("/v1/connections/" + Logins.id(c) + "/logins")).get("websiteDown").asInt())
                .isEqualTo(3);

        portal.down(false);
        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
        assertThat(logins.statusChanges(c)).containsExactly("website_down", "mfa_required", "connected");
    }

    @Test
    void aScheduledConnectionKeepsRetryingWhileThePortalIsDownAndRecoversByItself() throws Exception {
        JsonNode c = connection("fay", 2, a -> a);
        logins.setPassword(c, RIGHT);
        portal.down(true);
        logins.awaitStatus(c, "website_down", Duration.ofSeconds(25));
        int tried = portal.logins();
        Await.until("a retry while down", Duration.ofSeconds(15), () -> portal.logins() > tried);

        portal.down(false);

        Await.until(Logins.id(c) + " connected again", Duration.ofSeconds(25),
                () -> logins.get(c).get("status").asText().equals("connected"));
    }

    @Test
    void outsideCollectorsReportTheNewOutcomesToo() throws Exception {
        JsonNode c = TestGateway.json(gw.post("/v1/connections", "{\"utility\":\"sdge\"}"));
        String reports = "/v1/connections/" + Logins.id(c) + "/login-reports";

        assertThat(gw.post(reports, "{\"outcome\":\"connected\"}").statusCode()).isEqualTo(200);
        JsonNode down = TestGateway.json(gw.post(reports, "{\"outcome\":\"website_down\",\"detail\":\"HTTP 502\"}"));
        assertThat(down.get("status").asText()).isEqualTo("website_down");
        assertThat(TestGateway.json(gw.get("/v1/connections?status=website_down")).get("connections")).hasSize(1);
        // The portal answered again, but the login failed otherwise: back to where it was before.
        JsonNode back = TestGateway.json(gw.post(reports, "{\"outcome\":\"failed\",\"detail\":\"layout changed\"}"));
        assertThat(back.get("status").asText()).isEqualTo("connected");
        JsonNode refused = TestGateway.json(gw.post(reports, "{\"outcome\":\"password_incorrect\"}"));
        assertThat(refused.get("status").asText()).isEqualTo("password_incorrect");
        assertThat(refused.get("diagnosis").get("advice").get(0).asText()).contains("collector");
        assertThat(TestGateway.json(gw.post(reports, "{\"outcome\":\"new_password_needed\"}")).get("status").asText())
                .isEqualTo("new_password_needed");
        JsonNode unreachable = TestGateway.json(gw.post(reports, "{\"outcome\":\"mfa_unreachable\","
                + "\"offered\":[\"email to j***@gmail.com\"]}"));
        assertThat(unreachable.get("status").asText()).isEqualTo("needs_attention");
        assertThat(unreachable.get("diagnosis").get("message").asText()).contains("j***@gmail.com");
        gw.post(reports, "{\"outcome\":\"mfa_required\",\"method\":\"email\"}");
        gw.post(reports, "{\"outcome\":\"connected\"}");
        gw.post(reports, "{\"outcome\":\"connected\",\"mfa\":\"skipped\"}");
        JsonNode counts = TestGateway.json(gw.get("/v1/connections/" + Logins.id(c) + "/logins"));
        assertThat(counts.get("mfaRequired").asInt()).isEqualTo(1);
        assertThat(counts.get("mfaSkipped").asInt()).isEqualTo(2);
        assertThat(counts.get("websiteDown").asInt()).isEqualTo(1);

        assertThat(gw.post(reports, "{\"outcome\":\"connected\",\"mfa\":\"maybe\"}").statusCode()).isEqualTo(400);
        assertThat(gw.post(reports, "{\"outcome\":\"mfa_unreachable\",\"offered\":\"email\"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> bogus = gw.get("/v1/connections?status=asleep");
        assertThat(bogus.statusCode()).isEqualTo(400);
        assertThat(bogus.body()).contains("website_down").contains("new_password_needed");
    }
}
