package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.mfagateway.gateway.config.ConfigException;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.store.mapdb.MapDbStore;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT .../security-answers} and {@code POST .../security-answers/match} over real HTTP and MapDB. */
class SecurityAnswersApiTest {

    private static final String OTHER_TOKEN = "mgw_other_tenant_token";
    private static final String PET = "Zork-the-Hamster-4711";
    private static final String CITY = "Quuxville-on-Sea";
    private static final String THREE = """
            {"answers": [
              {"question": "What is the name of your first pet?", "answer": "%s"},
              {"question": "In what city were you born?", "answer": "%s"},
              {"question": "What is your mother's maiden name?", "answer": "Plinkett"}]}
            """.formatted(PET, CITY);

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

    private HttpResponse<String> put(String token, String connectionId, String json) throws Exception {
        return gw.send(HttpRequest.newBuilder(gw.uri("/v1/connections/" + connectionId + "/security-answers"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> match(String token, String connectionId, String question) throws Exception {
        return post(token, "/v1/connections/" + connectionId + "/security-answers/match",
                TestGateway.JSON.writeValueAsString(Map.of("question", question)));
    }

    private HttpResponse<String> post(String token, String path, String json) throws Exception {
        return gw.send(HttpRequest.newBuilder(gw.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private String answer(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestGateway.json(r).get("answer").asText();
    }

    private String id(String utility) throws Exception {
        return gw.createConnection(utility).get("id").asText();
    }

    private String otherTenantConnection(String utility) throws Exception {
        HttpResponse<String> r = post(OTHER_TOKEN, "/v1/connections", "{\"utility\":\"" + utility + "\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        return TestGateway.json(r).get("id").asText();
    }

    @Test
    void putIs204AndMatchAnswersParaphrasesOnly() throws Exception {
        String c = id("coned");
        HttpResponse<String> r = put(gw.token(), c, THREE);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();

        assertThat(answer(match(gw.token(), c, "What was your first pet's name?"))).isEqualTo(PET);
        assertThat(answer(match(gw.token(), c, "City of birth?"))).isEqualTo(CITY);
        assertThat(answer(match(gw.token(), c, "Mother's maiden name"))).isEqualTo("Plinkett");

        HttpResponse<String> miss = match(gw.token(), c, "What was your first car?");
        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(miss).get("error").asText()).isEqualTo("no_match");
        assertThat(miss.body()).doesNotContain(PET, CITY);
        assertThat(match(gw.token(), c, "What city did you grow up in?").statusCode()).isEqualTo(404);
    }

    @Test
    void putReplacesTheWholeSet() throws Exception {
        String c = id("coned");
        put(gw.token(), c, THREE);
        assertThat(put(gw.token(), c, "{\"answers\": [{\"question\": \"First car?\", \"answer\": \"Civic\"}]}")
                .statusCode()).isEqualTo(204);
        assertThat(match(gw.token(), c, "What is the name of your first pet?").statusCode()).isEqualTo(404);
        assertThat(answer(match(gw.token(), c, "What was your first car?"))).isEqualTo("Civic");
        assertThat(put(gw.token(), c, "{\"answers\": []}").statusCode()).isEqualTo(204);
        assertThat(match(gw.token(), c, "What was your first car?").statusCode()).isEqualTo(404);
    }

    @Test
    void answersAreWriteOnly() throws Exception {
        String c = id("coned");
        put(gw.token(), c, THREE);
        HttpResponse<String> get = gw.get("/v1/connections/" + c + "/security-answers");
        assertThat(get.statusCode()).isEqualTo(405);
        for (String path : List.of("/v1/connections/" + c + "/security-answers", "/v1/connections/" + c,
                "/v1/connections", "/v1/connections/" + c + "/events", "/v1/connections/" + c + "/security-answers/match",
                "/metrics")) {
            assertThat(gw.get(path).body()).as(path).doesNotContain(PET, CITY, "Plinkett", "first pet");
        }
    }

    @Test
    void wrongTokenIs401AndAnotherTenantsConnectionIs404() throws Exception {
        String c = id("coned");
        put(gw.token(), c, THREE);
        assertThat(put("mgw_wrong", c, THREE).statusCode()).isEqualTo(401);
        assertThat(match("mgw_wrong", c, "First pet's name").statusCode()).isEqualTo(401);
        HttpResponse<String> none = gw.send(HttpRequest.newBuilder(
                gw.uri("/v1/connections/" + c + "/security-answers/match"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"First pet's name\"}")).build());
        assertThat(none.statusCode()).isEqualTo(401);

        HttpResponse<String> foreignPut = put(OTHER_TOKEN, c, "{\"answers\": [{\"question\": \"First pet?\", \"answer\": \"Evil\"}]}");
        assertThat(foreignPut.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(foreignPut).get("error").asText()).isEqualTo("not_found");
        HttpResponse<String> foreignMatch = match(OTHER_TOKEN, c, "First pet's name");
        assertThat(foreignMatch.statusCode()).isEqualTo(404);
        assertThat(foreignMatch.body()).doesNotContain(PET);
        assertThat(answer(match(gw.token(), c, "First pet's name"))).isEqualTo(PET);
        assertThat(put(gw.token(), "c_nosuch", THREE).statusCode()).isEqualTo(404);
    }

    @Test
    void badInputIsA400WithAMachineCodeAndASentence() throws Exception {
        String c = id("coned");
        List<String> bodies = new ArrayList<>(List.of("", "not json", "[1]", "{}", "{\"answers\": {}}",
                "{\"answers\": [1]}",
                "{\"answers\": [{\"answer\": \"x\"}]}",
                "{\"answers\": [{\"question\": \"First pet?\"}]}",
                "{\"answers\": [{\"question\": \"First pet?\", \"answer\": \"\"}]}",
                "{\"answers\": [{\"question\": \"   \", \"answer\": \"x\"}]}",
                "{\"answers\": [{\"question\": 7, \"answer\": \"x\"}]}",
                "{\"answers\": [{\"question\": \"" + "q".repeat(501) + "\", \"answer\": \"x\"}]}",
                "{\"answers\": [{\"question\": \"First pet?\", \"answer\": \"" + "a".repeat(201) + "\"}]}",
                "{\"answers\": [{\"question\": \"What is your name?\", \"answer\": \"x\"}]}",
                "{\"answers\": [{\"question\": \"First pet?\", \"answer\": \"a\"},"
                        + " {\"question\": \"What was your first pet's name?\", \"answer\": \"b\"}]}",
                "{\"answers\": [], \"shareWithFamily\": \"yes\"}"));
        StringBuilder many = new StringBuilder("{\"answers\": [");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("{\"question\": \"Favorite number ").append(i)
                    .append("?\", \"answer\": \"x\"}");
        }
        bodies.add(many.append("]}").toString());
        for (String body : bodies) {
            HttpResponse<String> r = put(gw.token(), c, body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            JsonNode error = TestGateway.json(r);
            assertThat(error.get("error").asText()).isNotBlank();
            assertThat(error.get("message").asText()).isNotBlank();
        }
        for (String body : List.of("", "nope", "{}", "{\"question\": \"\"}", "{\"question\": 5}",
                "{\"question\": \"" + "q".repeat(501) + "\"}")) {
            HttpResponse<String> r = post(gw.token(), "/v1/connections/" + c + "/security-answers/match", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(TestGateway.json(r).get("error").asText()).isNotBlank();
        }
    }

    @Test
    void answersSurviveARestart() throws Exception {
        String c = id("coned");
        put(gw.token(), c, THREE);
        gw.close();
        gw = TestGateway.start(dir);
        assertThat(answer(match(gw.token(), c, "What was your first pet's name?"))).isEqualTo(PET);
    }

    @Test
    void familySharingReachesTheTenantsOtherFamilyConnectionsOnly() throws Exception {
        String coned = id("coned");
        String oru = id("oru");
        String otherUtility = id("sce");
        String foreignOru = otherTenantConnection("oru");
        assertThat(put(gw.token(), coned, THREE.replace("{\"answers\"", "{\"shareWithFamily\": true, \"answers\""))
                .statusCode()).isEqualTo(204);

        assertThat(answer(match(gw.token(), oru, "What was your first pet's name?"))).isEqualTo(PET);
        assertThat(match(gw.token(), otherUtility, "What was your first pet's name?").statusCode()).isEqualTo(404);
        assertThat(match(OTHER_TOKEN, foreignOru, "What was your first pet's name?").statusCode()).isEqualTo(404);

        // A connection's own answers come first: no fall-back once it has a set.
        put(gw.token(), oru, "{\"answers\": [{\"question\": \"First car?\", \"answer\": \"Civic\"}]}");
        assertThat(match(gw.token(), oru, "What was your first pet's name?").statusCode()).isEqualTo(404);
        assertThat(answer(match(gw.token(), oru, "First car?"))).isEqualTo("Civic");
    }

    @Test
    void answersNotMarkedForSharingStayWithTheirConnection() throws Exception {
        String coned = id("coned");
        String oru = id("oru");
        put(gw.token(), coned, THREE);
        assertThat(match(gw.token(), oru, "What was your first pet's name?").statusCode()).isEqualTo(404);
    }

    @Test
    void noFileInTheDataDirHoldsAnAnswerOrAQuestionInClear() throws Exception {
        String c = id("coned");
        put(gw.token(), c, THREE.replace("{\"answers\"", "{\"shareWithFamily\": true, \"answers\""));
        assertThat(answer(match(gw.token(), c, "First pet's name"))).isEqualTo(PET);
        gw.close(); // MapDB committed and closed: everything it will ever write is on disk
        gw = null;
        List<String> secrets = List.of(PET, CITY, "Plinkett", "first pet", "maiden name");
        boolean journalHoldsTheSealedRecord = false;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertThat(bytes).as(file + " holds '" + secret + "'")
                            .doesNotContain(secret).doesNotContain(new String(secret.getBytes(StandardCharsets.UTF_16BE),
                                    StandardCharsets.ISO_8859_1));
                }
                journalHoldsTheSealedRecord |= bytes.contains("shareWithFamily");
            }
        }
        assertThat(journalHoldsTheSealedRecord).as("the sealed set was written at all").isTrue();
    }

    @Test
    void answersSealedUnderAConfiguredKeyOpenOnlyWithIt() throws Exception {
        gw.close();
        Path keyed = dir.resolve("keyed");
        String key = Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));
        gw = TestGateway.start(keyed, Map.of("MFA_GATEWAY_SECRET_KEY", key));
        String c = id("coned");
        put(gw.token(), c, THREE);
        gw.close();
        gw = TestGateway.start(keyed, Map.of("MFA_GATEWAY_SECRET_KEY", key));
        assertThat(answer(match(gw.token(), c, "City of birth"))).isEqualTo(CITY);
        gw.close();
        gw = null;
        // Without the key a key file is generated: another key, so the start is refused rather
        // than every sealed answer failing later.
        assertThatThrownBy(() -> TestGateway.start(keyed))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not the one this store's secrets were sealed with")
                .hasMessageNotContaining(CITY);
        gw = TestGateway.start(keyed, Map.of("MFA_GATEWAY_SECRET_KEY", key));
        assertThat(answer(match(gw.token(), c, "City of birth"))).isEqualTo(CITY);
    }

    @Test
    void aBadSecretKeyStopsTheStartWithAClearMessage() {
        gw.close();
        gw = null;
        assertThatThrownBy(() -> TestGateway.start(dir, Map.of("MFA_GATEWAY_SECRET_KEY", "c2hvcnQ=")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_SECRET_KEY").hasMessageContaining("32");
    }
}
