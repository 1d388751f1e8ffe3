package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenants made by the admin, kept apart from each other, and their token rotation. */
class TenantApiTest {

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

    private HttpResponse<String> as(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return gw.send(b.build());
    }

    private JsonNode newTenant(String name) throws Exception {
        HttpResponse<String> r = gw.post("/v1/tenants", "{\"name\":\"" + name + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestGateway.json(r);
    }

    @Test
    void theAdminCreatesATenantWhoseTokenIsShownOnceAndWorks() throws Exception {
        JsonNode acme = newTenant("Acme Energy");

        assertThat(acme.get("id").asText()).startsWith("t_");
        assertThat(acme.get("name").asText()).isEqualTo("Acme Energy");
        String token = acme.get("token").asText();
        assertThat(token).startsWith("mgw_").hasSize(44);
        assertThat(as(token, "GET", "/v1/connections", null).statusCode()).isEqualTo(200);
        JsonNode listed = TestGateway.json(gw.get("/v1/tenants"));
        assertThat(listed.get("tenants")).anySatisfy(t -> {
            assertThat(t.get("id").asText()).isEqualTo(acme.get("id").asText());
            assertThat(t.has("token")).isFalse();
        });
        // Only the hash is kept: the token is in no file of the data dir.
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain(token);
            }
        }
    }

    @Test
    void tenantsSeeOnlyTheirOwnConnections() throws Exception {
        String a = newTenant("A").get("token").asText();
        String b = newTenant("B").get("token").asText();
        JsonNode mine = TestGateway.json(as(a, "POST", "/v1/connections", "{\"utility\":\"coned\"}"));
        String id = mine.get("id").asText();

        assertThat(as(b, "GET", "/v1/connections/" + id, null).statusCode()).isEqualTo(404);
        assertThat(as(b, "GET", "/v1/connections/" + id + "/events", null).statusCode()).isEqualTo(404);
        assertThat(as(b, "GET", "/v1/connections/" + id + "/codes/next?wait=0", null).statusCode()).isEqualTo(404);
        assertThat(as(b, "POST", "/v1/connections/" + id + "/invitations", "{}").statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(as(b, "GET", "/v1/connections", null)).get("connections")).isEmpty();
        assertThat(TestGateway.json(as(a, "GET", "/v1/connections", null)).get("connections")).hasSize(1);
    }

    @Test
    void onlyTheAdminManagesTenants() throws Exception {
        String a = newTenant("A").get("token").asText();

        assertThat(as(a, "POST", "/v1/tenants", "{\"name\":\"mine\"}").statusCode()).isEqualTo(404);
        assertThat(as(a, "GET", "/v1/tenants", null).statusCode()).isEqualTo(404);
        assertThat(gw.post("/v1/tenants", "{}").statusCode()).isEqualTo(400);
        assertThat(gw.post("/v1/tenants", "{\"name\":\"   \"}").statusCode()).isEqualTo(400);
        assertThat(gw.post("/v1/tenants", "nope").statusCode()).isEqualTo(400);
        assertThat(as("mgw_wrong", "POST", "/v1/tenants", "{\"name\":\"x\"}").statusCode()).isEqualTo(401);
        assertThat(gw.post("/v1/tokens", "").statusCode()).as("the admin token is rotated in its setting")
                .isEqualTo(409);
    }

    @Test
    void aRotatedTokenKeepsThePreviousOneUntilItIsRevokedAndThroughARestart() throws Exception {
        String old = newTenant("A").get("token").asText();

        HttpResponse<String> rotated = as(old, "POST", "/v1/tokens", null);
        assertThat(rotated.statusCode()).isEqualTo(201);
        String fresh = TestGateway.json(rotated).get("token").asText();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(as(old, "GET", "/v1/connections", null).statusCode()).isEqualTo(200);
        assertThat(as(fresh, "GET", "/v1/connections", null).statusCode()).isEqualTo(200);

        assertThat(as(fresh, "DELETE", "/v1/tokens/previous", null).statusCode()).isEqualTo(204);
        assertThat(as(old, "GET", "/v1/connections", null).statusCode()).isEqualTo(401);
        assertThat(as(fresh, "DELETE", "/v1/tokens/previous", null).statusCode()).isEqualTo(404);

        gw.close();
        gw = TestGateway.start(dir);
        assertThat(as(old, "GET", "/v1/connections", null).statusCode()).isEqualTo(401);
        assertThat(as(fresh, "GET", "/v1/connections", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theAdminRotatesALostTokenAndTwoRotationsDropTheOldest() throws Exception {
        JsonNode a = newTenant("A");
        String first = a.get("token").asText();

        String second = TestGateway.json(gw.post("/v1/tenants/" + a.get("id").asText() + "/tokens", "")).get("token")
                .asText();
        String third = TestGateway.json(as(second, "POST", "/v1/tokens", null)).get("token").asText();

        assertThat(as(first, "GET", "/v1/connections", null).statusCode()).isEqualTo(401);
        assertThat(as(second, "GET", "/v1/connections", null).statusCode()).isEqualTo(200);
        assertThat(as(third, "GET", "/v1/connections", null).statusCode()).isEqualTo(200);
        assertThat(gw.post("/v1/tenants/t_nope/tokens", "").statusCode()).isEqualTo(404);
    }
}
