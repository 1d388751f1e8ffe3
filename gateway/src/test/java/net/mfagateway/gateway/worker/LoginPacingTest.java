package net.mfagateway.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.support.TestGateway;
import net.mfagateway.gateway.worker.simulated.PortalAccount;
import net.mfagateway.gateway.worker.simulated.SimulatedPortal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrency, per-utility pacing and backoff: the portal is never hammered. */
class LoginPacingTest {

    @TempDir
    Path dir;

    private static JsonNode connection(TestGateway gateway, SimulatedPortal portal, String user) throws Exception {
        var r = gateway.post("/v1/connections", "{\"utility\":\"sdge\",\"login\":{\"driver\":\"simulated\",\"url\":\""
                + portal.url() + "\",\"username\":\"" + user + "\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode c = TestGateway.json(r);
        portal.addAccount(PortalAccount.emailCode(user, c.get("email").asText(), "myaccount@sdge.com",
                "Your SDG&E verification code"));
        return c;
    }

    private static CompletableFuture<LoginReport> logIn(TestGateway gateway, JsonNode c) {
        return gateway.workers().logInNow(c.get("id").asText());
    }

    @Test
    void loginsToOneUtilityStartTheConfiguredIntervalApart() throws Exception {
        try (TestGateway gateway = TestGateway.start(dir, Map.of("MFA_GATEWAY_WORKER_UTILITY_INTERVAL_SECONDS", "2"));
                SimulatedPortal portal = new SimulatedPortal("127.0.0.1", gateway.smtpPort(), Clock.systemUTC())) {
            JsonNode a = connection(gateway, portal, "ann");
            JsonNode b = connection(gateway, portal, "bob");

            CompletableFuture<LoginReport> first = logIn(gateway, a);
            CompletableFuture<LoginReport> second = logIn(gateway, b);

            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
            List<Instant> starts = portal.loginTimes();
            assertThat(starts).hasSize(2);
            assertThat(Duration.between(starts.get(0), starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        }
    }

    @Test
    void noMoreLoginsRunAtOnceThanTheConcurrencyAllows() throws Exception {
        try (TestGateway gateway = TestGateway.start(dir, Map.of("MFA_GATEWAY_WORKER_CONCURRENCY", "1",
                "MFA_GATEWAY_WORKER_UTILITY_INTERVAL_SECONDS", "0", "MFA_GATEWAY_WORKER_CODE_WAIT_SECONDS", "2"));
                SimulatedPortal portal = new SimulatedPortal("127.0.0.1", gateway.smtpPort(), Clock.systemUTC())) {
            // Both codes are lost, so each login holds the only slot for its whole 2 s wait.
            JsonNode a = connection(gateway, portal, "ann");
            JsonNode b = connection(gateway, portal, "bob");
            portal.addAccount(PortalAccount.emailCode("ann", a.get("email").asText(), "myaccount@sdge.com", "Code")
                    .withMail(PortalAccount.Mail.DROP));
            portal.addAccount(PortalAccount.emailCode("bob", b.get("email").asText(), "myaccount@sdge.com", "Code")
                    .withMail(PortalAccount.Mail.DROP));

            CompletableFuture<LoginReport> first = logIn(gateway, a);
            CompletableFuture<LoginReport> second = logIn(gateway, b);

            assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOf(LoginReport.CodeTimedOut.class);
            assertThat(second.get(30, TimeUnit.SECONDS)).isInstanceOf(LoginReport.CodeTimedOut.class);
            // Whichever went first, the other started only once it had given up waiting.
            List<Instant> starts = portal.loginTimes();
            assertThat(Duration.between(starts.get(0), starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        }
    }

    @Test
    void aSecondLoginOfTheSameConnectionIsRefusedWhileOneRuns() throws Exception {
        try (TestGateway gateway = TestGateway.start(dir, Map.of("MFA_GATEWAY_WORKER_CODE_WAIT_SECONDS", "2"));
                SimulatedPortal portal = new SimulatedPortal("127.0.0.1", gateway.smtpPort(), Clock.systemUTC())) {
            JsonNode a = connection(gateway, portal, "ann");
            portal.addAccount(PortalAccount.emailCode("ann", a.get("email").asText(), "myaccount@sdge.com", "Code")
                    .withMail(PortalAccount.Mail.DROP));

            CompletableFuture<LoginReport> first = logIn(gateway, a);
            CompletableFuture<LoginReport> again = logIn(gateway, a);

            assertThat(again).isCompletedExceptionally();
            first.get(30, TimeUnit.SECONDS);
            assertThat(portal.logins()).isEqualTo(1);
        }
    }

    @Test
    void anUnreachablePortalIsWebsiteDownAndNotCountedAsAFailedLogin() throws Exception {
        try (TestGateway gateway = TestGateway.start(dir)) {
            var r = gateway.post("/v1/connections", "{\"utility\":\"sdge\",\"login\":{\"driver\":\"simulated\","
                    + "\"url\":\"http://127.0.0.1:9\",\"username\":\"ann\"}}");
            JsonNode c = TestGateway.json(r);

            LoginReport outcome = logIn(gateway, c).get(30, TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOf(LoginReport.WebsiteDown.class);
            assertThat(((LoginReport.WebsiteDown) outcome).detail()).contains("unreachable");
            JsonNode after = TestGateway.json(gateway.get("/v1/connections/" + c.get("id").asText()));
            assertThat(after.get("status").asText()).isEqualTo("website_down");
            assertThat(after.get("diagnosis").get("message").asText()).contains("http://127.0.0.1:9");
            String events = gateway.get("/v1/connections/" + c.get("id").asText() + "/events").body();
            assertThat(events).contains("login.website_down").doesNotContain("login.failed");
        }
    }

    @Test
    void aPortalThatErrsPausesEveryLoginToItsUtility() {
        UtilityGate gate = new UtilityGate(Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(5));
        Instant now = Instant.parse("2026-11-23T08:00:00Z");
        assertThat(gate.tryStart(now)).isNull();

        gate.portalFailed(now);
        // A pause is between half and all of its doubling step (the Backoff's equal jitter).
        assertThat(gate.tryStart(now.plusSeconds(1))).isBetween(now.plusSeconds(5), now.plusSeconds(10));
        gate.portalFailed(now);
        assertThat(gate.tryStart(now.plusSeconds(1))).isBetween(now.plusSeconds(10), now.plusSeconds(20));

        gate.portalAnswered();
        assertThat(gate.tryStart(now.plusSeconds(60))).isNull();
    }
}
