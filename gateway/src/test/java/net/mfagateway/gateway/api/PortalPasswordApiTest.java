package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT/DELETE /v1/connections/{id}/portal-password} over real HTTP: write-only, checked, per tenant. */
class PortalPasswordApiTest {

    private static final String OTHER_TOKEN = "mgw_other_tenant_passwords";
    private static final String SECRET = "Zebra-Quince-7781!";

    @TempDir
    Path dir;

    private TestGateway gw;
    private String id;
    private String path;

    @BeforeEach
    void start() throws Exception {
        TestGateway.seedTenant(dir, "t_other", OTHER_TOKEN);
        gw = TestGateway.start(dir);
        id = gw.createConnection("sdge").get("id").asText();
        path = "/v1/connections/" + id + "/portal-password";
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> put(String json) throws Exception {
        return gw.put(path, json);
    }

    @Test
    void putIs204AndTheConnectionSaysWhenButNeverWhat() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<String> r = put("{\"password\": \"" + SECRET + "\"}");

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        JsonNode c = TestGateway.json(gw.get("/v1/connections/" + id));
        assertThat(Instant.parse(c.get("portalPassword").get("setAt").asText())).isAfter(before);
        JsonNode updated = TestGateway.json(gw.get("/v1/connections/" + id + "/events")).get("events").get(0);
        assertThat(updated.get("type").asText()).isEqualTo("portal_password.updated");
        assertThat(updated.get("data").get("via").asText()).isEqualTo("api");
        for (String p : List.of("/v1/connections/" + id, "/v1/connections", "/v1/connections/" + id + "/events",
                "/metrics")) {
            assertThat(gw.get(p).body()).as(p).doesNotContain(SECRET);
        }
    }

    @Test
    void theStoredPasswordCannotBeReadBack() throws Exception {
        put("{\"password\": \"" + SECRET + "\"}");

        HttpResponse<String> get = gw.get(path);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.body()).doesNotContain(SECRET);
        assertThat(gw.post(path, "{\"password\": \"x\"}").statusCode()).isEqualTo(405);
    }

    @Test
    void aRotatedPasswordReplacesTheOldAndDeleteRemovesIt() throws Exception {
        put("{\"password\": \"first\"}");
        Instant first = Instant.parse(TestGateway.json(gw.get("/v1/connections/" + id)).get("portalPassword")
                .get("setAt").asText());

        assertThat(put("{\"password\": \"second\"}").statusCode()).isEqualTo(204);
        assertThat(Instant.parse(TestGateway.json(gw.get("/v1/connections/" + id)).get("portalPassword").get("setAt")
                .asText())).isAfterOrEqualTo(first);
        assertThat(TestGateway.json(gw.get("/v1/connections/" + id + "/events")).findValuesAsText("type"))
                .containsExactly("portal_password.updated", "portal_password.updated");

        assertThat(gw.delete(path).statusCode()).isEqualTo(204);
        assertThat(TestGateway.json(gw.get("/v1/connections/" + id)).has("portalPassword")).isFalse();
        assertThat(TestGateway.json(gw.get("/v1/connections/" + id + "/events")).findValuesAsText("type"))
                .contains("portal_password.removed");
    }

    @Test
    void aMissingEmptyOverlongOrControlCharacterPasswordIs400AndNeverQuoted() throws Exception {
        for (String body : List.of("{}", "{\"password\": null}", "{\"password\": 12345}", "{\"password\": \"\"}",
                "{\"password\": \"" + "x".repeat(257) + "\"}", "{\"password\": \"line\\nbreak\"}", "not json")) {
            HttpResponse<String> r = put(body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).doesNotContain("break").doesNotContain("xxxx");
        }
        assertThat(put("{\"password\": \" spaces are kept \"}").statusCode()).isEqualTo(204);
        assertThat(put("{\"password\": \"" + "x".repeat(256) + "\"}").statusCode()).isEqualTo(204);
    }

    @Test
    void anotherTenantsConnectionIs404AndAWrongTokenIs401() throws Exception {
        HttpResponse<String> other = gw.send(HttpRequest.newBuilder(gw.uri(path))
                .header("Authorization", "Bearer " + OTHER_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\": \"" + SECRET + "\"}")).build());
        assertThat(other.statusCode()).isEqualTo(404);
        HttpResponse<String> wrong = gw.send(HttpRequest.newBuilder(gw.uri(path))
                .header("Authorization", "Bearer mgw_wrong").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\": \"" + SECRET + "\"}")).build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(TestGateway.json(gw.get("/v1/connections/" + id)).has("portalPassword")).isFalse();
        assertThat(gw.put("/v1/connections/c_nope/portal-password", "{\"password\": \"x\"}").statusCode())
                .isEqualTo(404);
    }
}
