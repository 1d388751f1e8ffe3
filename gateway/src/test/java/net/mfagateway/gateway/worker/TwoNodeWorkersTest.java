package net.mfagateway.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.store.postgres.PostgresServer;
import net.mfagateway.gateway.support.TestGateway;
import net.mfagateway.gateway.worker.simulated.PortalAccount;
import net.mfagateway.gateway.worker.simulated.SimulatedPortal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login workers on two nodes sharing one PostgreSQL store: a connection's scheduled logins run
 * on one node at a time and no sooner than its period apart, whichever node's scan finds them
 * due; a code mailed to the one node reaches the worker waiting on the other.
 */
class TwoNodeWorkersTest {

    @TempDir
    Path dir;

    @Test
    void scheduledLoginsRunOnOneNodeAtATimeAndNoSoonerThanTheirPeriod() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of(
                "MFA_GATEWAY_STORE", PostgresServer.freshDatabase(),
                "MFA_GATEWAY_SECRET_KEY", Base64.getEncoder().encodeToString(key),
                "MFA_GATEWAY_ADMIN_TOKEN", "two-node-workers-admin",
                "MFA_GATEWAY_WORKER_CODE_WAIT_SECONDS", "10",
                "MFA_GATEWAY_WORKER_UTILITY_INTERVAL_SECONDS", "0");
        try (TestGateway a = TestGateway.start(dir.resolve("a"), env);
                TestGateway b = TestGateway.start(dir.resolve("b"), env);
                // Every code goes to node A's SMTP; the login may run on either node.
                SimulatedPortal portal = new SimulatedPortal("127.0.0.1", a.smtpPort(), Clock.systemUTC())) {
            long every = 2;
            var created = b.post("/v1/connections", "{\"utility\":\"sdge\",\"login\":{\"driver\":\"simulated\","
                    + "\"url\":\"" + portal.url() + "\",\"username\":\"zoe\",\"everySeconds\":" + every + "}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode c = TestGateway.json(created);
            portal.addAccount(PortalAccount.emailCode("zoe", c.get("email").asText(), "myaccount@sdge.com",
                    "Your SDG&E verification code"));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (portal.logins() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Instant> starts = portal.loginTimes();
            assertThat(starts).hasSizeGreaterThanOrEqualTo(4);
            List<Long> gapsMs = new ArrayList<>();
            for (int i = 1; i < starts.size(); i++) {
                gapsMs.add(Duration.between(starts.get(i - 1), starts.get(i)).toMillis());
            }
            System.out.println("two-node workers: logins=" + starts.size() + " gaps_ms=" + gapsMs + " mails="
                    + portal.mailsSent());
            // A login starts when the last one ended plus the period: never two at once, never early.
            assertThat(gapsMs).allMatch(gap -> gap >= every * 1000 - 100);
            assertThat(portal.mailsSent()).isGreaterThanOrEqualTo(1);
            assertThat(TestGateway.json(a.get("/v1/connections/" + c.get("id").asText())).get("status").asText())
                    .isEqualTo("connected");

        }
    }
}
