package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/connections/{id}/codes}: a code a person typed in. */
class ManualCodeTest {

    @TempDir
    Path dir;

    private TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        gw = TestGateway.start(dir);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void aTypedCodeIsNormalisedStoredAndHandedToTheWaiter() throws Exception {
        JsonNode c = gw.createConnection("coned");
        String id = c.get("id").asText();
        CompletableFuture<HttpResponse<String>> poll = gw.client().sendAsync(
                HttpRequest.newBuilder(gw.uri("/v1/connections/" + id + "/codes/next?wait=20"))
                        .header("Authorization", "Bearer " + gw.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> r = gw.post("/v1/connections/" + id + "/codes", "{\"code\": \"482 913\"}");

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode created = TestGateway.json(r);
        assertThat(created.get("code").asText()).isEqualTo("482913");
        assertThat(created.get("channel").asText()).isEqualTo("manual");
        assertThat(TestGateway.json(poll.get(10, TimeUnit.SECONDS)).get("code").asText()).isEqualTo("482913");
        JsonNode events = TestGateway.json(gw.get("/v1/connections/" + id + "/events")).get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("type").asText()).isEqualTo("code.received");
    }

    @Test
    void aCodeThatNoPortalWouldSendIs400() throws Exception {
        String id = gw.createConnection("coned").get("id").asText();
        for (String body : List.of("{}", "{\"code\": \"12\"}", "{\"code\": \"12345678901\"}", "{\"code\": \"48$913\"}",
                "{\"code\": 482913}", "nope")) {
            HttpResponse<String> r = gw.post("/v1/connections/" + id + "/codes", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(TestGateway.json(r).get("error").asText()).isNotBlank();
        }
    }

    @Test
    void anotherTenantsOrAMissingConnectionIs404() throws Exception {
        HttpResponse<String> r = gw.post("/v1/connections/c_nosuch/codes", "{\"code\": \"482913\"}");
        assertThat(r.statusCode()).isEqualTo(404);
    }
}
