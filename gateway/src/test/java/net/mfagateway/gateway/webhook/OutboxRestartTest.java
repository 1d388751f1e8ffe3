package net.mfagateway.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.support.Await;
import net.mfagateway.gateway.support.TestGateway;
import net.mfagateway.gateway.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox is durable: what a dead receiver missed before a restart reaches it after, once. */
class OutboxRestartTest {

    private static final Map<String, String> FAST = Map.of("MFA_GATEWAY_WEBHOOK_RETRY_FIRST", "PT0.05S",
            "MFA_GATEWAY_WEBHOOK_RETRY_MAX", "PT0.2S");

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anEventPendingAtShutdownIsDeliveredAfterTheRestartExactlyOnce() throws Exception {
        int port = freePort();
        String eventId;
        try (TestGateway gw = TestGateway.start(dir, FAST)) {
            assertThat(gw.post("/v1/webhooks", "{\"url\": \"http://127.0.0.1:" + port + "/hook\","
                    + " \"secret\": \"restart-test-secret-0001\"}").statusCode()).isEqualTo(201);
            JsonNode c = gw.createConnection("coned");
            assertThat(gw.mailCode(c.get("email").asText(), "482913")).startsWith("250");
            eventId = TestGateway.json(gw.get("/v1/connections/" + c.get("id").asText() + "/events"))
                    .get("events").get(0).get("id").asText();
            Await.until("a failed attempt at the dead receiver", Duration.ofSeconds(10),
                    () -> gw.metric("mfa_gateway_webhook_deliveries_total", "result=\"failed\"") >= 1);
        }
        try (WebhookReceiver receiver = WebhookReceiver.start(port);
                TestGateway gw = TestGateway.start(dir, FAST)) {
            WebhookReceiver.Recorded r = receiver.takeRequest(10, TimeUnit.SECONDS);
            assertThat(r).as("the pending delivery, after the restart").isNotNull();
            assertThat(TestGateway.JSON.readTree(r.body()).get("id").asText()).isEqualTo(eventId);
            assertThat(receiver.takeRequest(1, TimeUnit.SECONDS)).as("and only once").isNull();
            Await.until("the delivery recorded", Duration.ofSeconds(5),
                    () -> gw.metric("mfa_gateway_webhook_deliveries_total", "result=\"delivered\"") == 1);
        }
    }
}
