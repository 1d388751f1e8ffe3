package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection calls of the HTTP API, and its refusals: JSON errors, never a 500. */
class ConnectionApiTest {

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
    void createdConnectionHasAnUnguessableAddressAtTheMailDomain() throws Exception {
        JsonNode c = gw.createConnection("coned");
        String email = c.get("email").asText();
        assertThat(email).endsWith("@mfa.localhost");
        assertThat(email.substring(0, email.indexOf('@'))).hasSize(20); // 100 random bits
        assertThat(c.get("status").asText()).isEqualTo("pending");
        assertThat(c.get("utility").asText()).isEqualTo("coned");
        assertThat(gw.createConnection("coned").get("email").asText()).isNotEqualTo(email);
    }

    @Test
    void connectionCanBeReadBackAndListedByStatus() throws Exception {
        JsonNode c = gw.createConnection("oru");
        HttpResponse<String> r = gw.get("/v1/connections/" + c.get("id").asText());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(r)).isEqualTo(c);

        JsonNode pending = TestGateway.json(gw.get("/v1/connections?status=pending"));
        assertThat(pending.get("connections")).hasSize(1);
        JsonNode attention = TestGateway.json(gw.get("/v1/connections?status=needs_attention"));
        assertThat(attention.get("connections")).isEmpty();
    }

    @Test
    void phoneIsNormalisedToE164OrRefused() throws Exception {
        HttpResponse<String> ok = gw.post("/v1/connections", "{\"utility\":\"sce\",\"phone\":\"+1 (555) 000-1111\"}");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(TestGateway.json(ok).get("phone").asText()).isEqualTo("+15550001111");
        HttpResponse<String> bad = gw.post("/v1/connections", "{\"utility\":\"sce\",\"phone\":\"5550001111\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void badInputIsA400WithAMachineCodeAndASentence() throws Exception {
        for (String body : List.of("", "not json", "[1,2]", "{}", "{\"utility\":42}", "{\"utility\":\"Con Ed!\"}",
                "{\"utility\":\"coned\",\"label\":\"" + "x".repeat(201) + "\"}")) {
            HttpResponse<String> r = gw.post("/v1/connections", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            JsonNode error = TestGateway.json(r);
            assertThat(error.get("error").asText()).isNotBlank();
            assertThat(error.get("message").asText()).isNotBlank();
        }
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        HttpResponse<String> r = gw.post("/v1/connections", "{\"label\":\"" + "x".repeat(2 << 20) + "\"}");
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void missingOrWrongTokenIs401() throws Exception {
        HttpResponse<String> none = gw.send(HttpRequest.newBuilder(gw.uri("/v1/connections")).GET().build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(TestGateway.json(none).get("error").asText()).isEqualTo("unauthorized");
        HttpResponse<String> wrong = gw.send(HttpRequest.newBuilder(gw.uri("/v1/connections"))
                .header("Authorization", "Bearer mgw_wrong").GET().build());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void unknownPathsAndMethodsAreJsonErrors() throws Exception {
        assertThat(gw.get("/v1/nothing").statusCode()).isEqualTo(404);
        assertThat(gw.get("/v1/connections/c_x/bogus").statusCode()).isEqualTo(404);
        // DELETE is a method of a connection now (404 for one that does not exist); PUT is not.
        HttpResponse<String> gone = gw.send(HttpRequest.newBuilder(gw.uri("/v1/connections/c_x"))
                .header("Authorization", "Bearer " + gw.token()).DELETE().build());
        assertThat(gone.statusCode()).isEqualTo(404);
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(gw.uri("/v1/connections/c_x"))
                .header("Authorization", "Bearer " + gw.token()).PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(TestGateway.json(r).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void healthzReportsSmtpHttpAndStore() throws Exception {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(gw.uri("/healthz")).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode health = TestGateway.json(r);
        assertThat(health.get("smtp").asText()).isEqualTo("up");
        assertThat(health.get("http").asText()).isEqualTo("up");
        assertThat(health.get("store").asText()).isEqualTo("up");
    }

    @Test
    void generatedAdminTokenIsKeptInAnOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("admin-token");
        assertThat(Files.readString(file).strip()).isEqualTo(gw.token());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void connectionsSurviveARestart() throws Exception {
        JsonNode c = gw.createConnection("coned");
        gw.close();
        gw = TestGateway.start(dir);
        assertThat(TestGateway.json(gw.get("/v1/connections/" + c.get("id").asText()))).isEqualTo(c);
    }
}
