package net.mfagateway.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.store.mapdb.MapDbStore;
import net.mfagateway.gateway.support.TestGateway;
import net.mfagateway.gateway.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/webhooks}: register, list, delete, refusals, and the secret kept sealed. */
class WebhookApiTest {

    private static final String OTHER_TOKEN = "mgw_other_tenant_token";
    private static final String SECRET = "Sekr1t-Hook-Key-7f3a9c";

    @TempDir
    Path dir;

    private TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        TestGateway.seedTenant(dir, "t_other", OTHER_TOKEN);
        gw = TestGateway.start(dir);
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private HttpResponse<String> register(String url, String secret) throws Exception {
        return gw.post("/v1/webhooks", TestGateway.JSON.writeValueAsString(
                java.util.Map.of("url", url, "secret", secret)));
    }

    private HttpResponse<String> as(String token, String method, String path) throws Exception {
        return gw.send(HttpRequest.newBuilder(gw.uri(path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void registeringAWebhookAnswers201WithItsIdUrlAndTimeButNeverTheSecret() throws Exception {
        HttpResponse<String> r = register("https://example.com/mfa-events", SECRET);
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode hook = TestGateway.json(r);
        assertThat(hook.get("id").asText()).startsWith("w_");
        assertThat(hook.get("url").asText()).isEqualTo("https://example.com/mfa-events");
        assertThat(Instant.parse(hook.get("createdAt").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(hook.has("secret")).isFalse();
        assertThat(r.body()).doesNotContain(SECRET);
    }

    @Test
    void webhooksAreListedOldestFirstAndADeletedOneIsGone() throws Exception {
        String first = TestGateway.json(register("https://example.com/a", SECRET)).get("id").asText();
        String second = TestGateway.json(register("http://127.0.0.1:9/b", SECRET)).get("id").asText();
        HttpResponse<String> list = gw.get("/v1/webhooks");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(list).get("webhooks")).extracting(w -> w.get("id").asText())
                .containsExactly(first, second);
        assertThat(list.body()).doesNotContain(SECRET);

        assertThat(gw.delete("/v1/webhooks/" + first).statusCode()).isEqualTo(204);
        assertThat(TestGateway.json(gw.get("/v1/webhooks")).get("webhooks")).extracting(w -> w.get("id").asText())
                .containsExactly(second);
        assertThat(gw.delete("/v1/webhooks/" + first).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherTenantCannotSeeOrDeleteAWebhook() throws Exception {
        String id = TestGateway.json(register("https://example.com/a", SECRET)).get("id").asText();
        HttpResponse<String> theirs = as(OTHER_TOKEN, "GET", "/v1/webhooks");
        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(theirs).get("webhooks")).isEmpty();
        HttpResponse<String> delete = as(OTHER_TOKEN, "DELETE", "/v1/webhooks/" + id);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(delete).get("error").asText()).isEqualTo("not_found");
        assertThat(gw.delete("/v1/webhooks/w_nosuch").statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(gw.get("/v1/webhooks")).get("webhooks")).hasSize(1);
        assertThat(as("mgw_wrong", "GET", "/v1/webhooks").statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIsA400WithAMachineCodeAndASentence() throws Exception {
        String ok = "\"secret\": \"" + SECRET + "\"";
        for (String body : List.of("", "nope", "[]", "{}", "{" + ok + "}",
                "{\"url\": 5, " + ok + "}",
                "{\"url\": \"example.com/hook\", " + ok + "}",
                "{\"url\": \"/hook\", " + ok + "}",
                "{\"url\": \"ftp://example.com/hook\", " + ok + "}",
                "{\"url\": \"http://\", " + ok + "}",
                "{\"url\": \"https://user:pw@example.com/hook\", " + ok + "}",
                "{\"url\": \"https://example.com/hook#x\", " + ok + "}",
                "{\"url\": \"https://exa mple.com/\", " + ok + "}",
                "{\"url\": \"https://example.com/" + "x".repeat(2048) + "\", " + ok + "}",
                "{\"url\": \"https://example.com/hook\"}",
                "{\"url\": \"https://example.com/hook\", \"secret\": \"short\"}",
                "{\"url\": \"https://example.com/hook\", \"secret\": \"" + "s".repeat(257) + "\"}",
                "{\"url\": \"https://example.com/hook\", \"secret\": 1234567890123456789}")) {
            HttpResponse<String> r = gw.post("/v1/webhooks", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            JsonNode error = TestGateway.json(r);
            assertThat(error.get("error").asText()).as(body).isNotBlank();
            assertThat(error.get("message").asText()).as(body).isNotBlank();
        }
        assertThat(as(gw.token(), "PUT", "/v1/webhooks").statusCode()).isEqualTo(405);
        assertThat(as(gw.token(), "GET", "/v1/webhooks/w_x").statusCode()).isEqualTo(405);
        assertThat(TestGateway.json(gw.get("/v1/webhooks")).get("webhooks")).isEmpty();
    }

    @Test
    void theSecretIsInNoFileOfTheDataDirEvenAfterSigningWithIt() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            assertThat(register(receiver.url(), SECRET).statusCode()).isEqualTo(201);
            JsonNode c = gw.createConnection("coned");
            assertThat(gw.mailCode(c.get("email").asText(), "482913")).startsWith("250");
            assertThat(receiver.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
        }
        gw.close(); // MapDB committed and closed: everything it will ever write is on disk
        gw = null;
        boolean sealedRecordWritten = false;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file + " holds the secret").doesNotContain(SECRET)
                        .doesNotContain(new String(SECRET.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1))
                        .doesNotContain(java.util.Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
                sealedRecordWritten |= bytes.contains("sealedSecret");
            }
        }
        assertThat(sealedRecordWritten).as("the sealed webhook was written at all").isTrue();
    }
}
