package net.mfagateway.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.mfagateway.gateway.support.Await;
import net.mfagateway.gateway.support.TestGateway;
import net.mfagateway.gateway.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events of a whole gateway POSTed to a receiver on loopback: signed, retried, given up on, never in intake's way. */
class WebhookDeliveryTest {

    private static final String SECRET = "receiver-shared-secret-0123456789";
    /** Fast retries: 50 ms doubling to 200 ms. */
    private static final Map<String, String> FAST = Map.of("MFA_GATEWAY_WEBHOOK_RETRY_FIRST", "PT0.05S",
            "MFA_GATEWAY_WEBHOOK_RETRY_MAX", "PT0.2S");

    @TempDir
    Path dir;

    private TestGateway gw;
    private WebhookReceiver receiver;

    private void start(Map<String, String> env) throws Exception {
        gw = TestGateway.start(dir, env);
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    private String register(String url) throws Exception {
        HttpResponse<String> r = gw.post("/v1/webhooks", TestGateway.JSON.writeValueAsString(
                Map.of("url", url, "secret", SECRET)));
        assertThat(r.statusCode()).isEqualTo(201);
        return TestGateway.json(r).get("id").asText();
    }

    /** Computed here from the rule in CONTRACT.md, not with the gateway's own class. */
    private static String expectedSignature(String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static void assertSigned(WebhookReceiver.Recorded r) throws Exception {
        String timestamp = r.header("X-Mfa-Gateway-Timestamp");
        assertThat(timestamp).matches("[0-9]+");
        assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond())).isLessThan(60);
        assertThat(r.header("X-Mfa-Gateway-Signature")).isEqualTo(expectedSignature(timestamp, r.body()));
    }

    private WebhookReceiver.Recorded take() throws InterruptedException {
        WebhookReceiver.Recorded r = receiver.takeRequest(10, TimeUnit.SECONDS);
        assertThat(r).as("a webhook request within 10 s").isNotNull();
        return r;
    }

    @Test
    void aCodeMailedOverSmtpArrivesAsASignedEventShapedLikeTheEventsList() throws Exception {
        start(Map.of());
        register(receiver.url());
        JsonNode c = gw.createConnection("coned");
        String connectionId = c.get("id").asText();
        assertThat(gw.mailCode(c.get("email").asText(), "482913")).startsWith("250");

        WebhookReceiver.Recorded r = take();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hook");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("X-Mfa-Gateway-Event")).isEqualTo("code.received");
        assertThat(r.header("X-Mfa-Gateway-Delivery")).isNotBlank();
        assertSigned(r);

        JsonNode event = TestGateway.JSON.readTree(r.body());
        assertThat(event.get("type").asText()).isEqualTo("code.received");
        assertThat(event.get("connectionId").asText()).isEqualTo(connectionId);
        JsonNode listed = TestGateway.json(gw.get("/v1/connections/" + connectionId + "/events")).get("events");
        JsonNode same = null;
        for (JsonNode e : listed) {
            if (e.get("id").asText().equals(event.get("id").asText())) {
                same = e;
            }
        }
        assertThat(event).isEqualTo(same);
        Await.until("delivered counted", Duration.ofSeconds(5),
                () -> gw.metric("mfa_gateway_webhook_deliveries_total", "result=\"delivered\"") == 1);
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventOnceItAnswers2xx() throws Exception {
        start(FAST);
        receiver.enqueue(500, 503, 204);
        register(receiver.url());
        JsonNode c = gw.createConnection("coned");
        gw.mailCode(c.get("email").asText(), "482913");

        WebhookReceiver.Recorded first = take();
        WebhookReceiver.Recorded second = take();
        WebhookReceiver.Recorded third = take();
        for (WebhookReceiver.Recorded r : new WebhookReceiver.Recorded[] {first, second, third}) {
            assertSigned(r);
            assertThat(r.header("X-Mfa-Gateway-Delivery")).isEqualTo(first.header("X-Mfa-Gateway-Delivery"));
            assertThat(r.body()).isEqualTo(first.body());
        }
        assertThat(receiver.takeRequest(1, TimeUnit.SECONDS)).as("nothing after the 2xx").isNull();
        Await.until("the 2xx recorded", Duration.ofSeconds(5),
                () -> gw.metric("mfa_gateway_webhook_deliveries_total", "result=\"delivered\"") == 1
                        && gw.metric("mfa_gateway_outbox_pending") == 0);
        assertThat(gw.metric("mfa_gateway_webhook_deliveries_total", "result=\"failed\"")).isEqualTo(2);
    }

    @Test
    void aDeliveryStillFailingAtTheGiveUpTimeBecomesAWebhookGaveUpEvent() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(FAST);
        env.put("MFA_GATEWAY_WEBHOOK_GIVE_UP_AFTER", "PT1S");
        start(env);
        receiver.answerByDefault(500);
        String failing = register(receiver.url());
        try (WebhookReceiver healthy = WebhookReceiver.start()) {
            String other = register(healthy.url());
            JsonNode c = gw.createConnection("coned");
            String connectionId = c.get("id").asText();
            gw.mailCode(c.get("email").asText(), "482913");

            Await.until("a webhook.gave_up event", Duration.ofSeconds(10), () -> TestGateway.json(
                    gw.get("/v1/connections/" + connectionId + "/events")).get("events").findValuesAsText("type")
                    .contains("webhook.gave_up"));
            JsonNode events = TestGateway.json(gw.get("/v1/connections/" + connectionId + "/events")).get("events");
            JsonNode received = events.get(0);
            JsonNode gaveUp = events.get(events.size() - 1);
            assertThat(received.get("type").asText()).isEqualTo("code.received");
            assertThat(gaveUp.get("type").asText()).isEqualTo("webhook.gave_up");
            assertThat(gaveUp.get("data").get("webhookId").asText()).isEqualTo(failing);
            assertThat(gaveUp.get("data").get("eventId").asText()).isEqualTo(received.get("id").asText());
            assertThat(gaveUp.get("data").get("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(gaveUp.get("data").get("lastError").asText()).isEqualTo("HTTP 500");
            assertThat(gw.metric("mfa_gateway_webhook_deliveries_total", "result=\"gave_up\"")).isEqualTo(1);

            // The other webhook hears of it; the failing one is not sent news of its own failure.
            WebhookReceiver.Recorded news = healthy.takeRequest(10, TimeUnit.SECONDS);
            assertThat(news.header("X-Mfa-Gateway-Event")).isEqualTo("code.received");
            news = healthy.takeRequest(10, TimeUnit.SECONDS);
            assertThat(news.header("X-Mfa-Gateway-Event")).isEqualTo("webhook.gave_up");
            assertThat(TestGateway.JSON.readTree(news.body()).get("data").get("webhookId").asText()).isEqualTo(failing);
            assertThat(other).isNotEqualTo(failing);
            int attempts = gaveUp.get("data").get("attempts").asInt();
            for (int i = 0; i < attempts; i++) {
                assertThat(take().header("X-Mfa-Gateway-Event")).isEqualTo("code.received");
            }
            assertThat(receiver.takeRequest(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aHangingReceiverDelaysNeitherTheSmtpReplyNorTheLongPoll() throws Exception {
        start(Map.of());
        CountDownLatch release = receiver.holdRequests();
        register(receiver.url());
        JsonNode c = gw.createConnection("coned");
        String connectionId = c.get("id").asText();
        gw.mailCode(c.get("email").asText(), "111111");
        take();
        assertThat(receiver.held()).isEqualTo(1);

        CompletableFuture<HttpResponse<String>> poll = gw.client().sendAsync(HttpRequest.newBuilder(
                gw.uri("/v1/connections/" + connectionId + "/codes/next?wait=20&after=" + Instant.now()))
                .header("Authorization", "Bearer " + gw.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        long start = System.nanoTime();
        assertThat(gw.mailCode(c.get("email").asText(), "222222")).startsWith("250");
        HttpResponse<String> code = poll.get(5, TimeUnit.SECONDS);
        assertThat(TestGateway.json(code).get("code").asText()).isEqualTo("222222");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
        assertThat(receiver.held()).as("the receiver is still holding the first delivery").isGreaterThanOrEqualTo(1);
        release.countDown();
    }

    @Test
    void aDeletedWebhookIsSentNothingMore() throws Exception {
        start(Map.of());
        String id = register(receiver.url());
        assertThat(gw.delete("/v1/webhooks/" + id).statusCode()).isEqualTo(204);
        JsonNode c = gw.createConnection("coned");
        gw.mailCode(c.get("email").asText(), "482913");
        assertThat(receiver.takeRequest(1, TimeUnit.SECONDS)).isNull();
    }
}
