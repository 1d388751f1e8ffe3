package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/utilities} and {@code /v1/utilities/{id}}: the utility profiles over real HTTP. */
class UtilitiesApiTest {

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

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isObject() ? n.get("method").asText() : n.asText()));
        return out;
    }

    @Test
    void listHasEveryUtilityAndGenericSortedById() throws Exception {
        HttpResponse<String> r = gw.get("/v1/utilities");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode utilities = TestGateway.json(r).get("utilities");
        List<String> ids = new ArrayList<>();
        utilities.forEach(u -> ids.add(u.get("id").asText()));
        assertThat(ids).hasSize(29).isSorted().contains("generic", "coned", "pge", "xcel");
        JsonNode generic = utilities.get(ids.indexOf("generic"));
        assertThat(texts(generic.get("ladder"))).containsExactly("upload_bills", "disable_mfa", "security_questions",
                "managed_forwarding", "customer_inbox_forwarding", "sms_relay");
    }

    @Test
    void oneProfileHasItsMfaLadderUnsupportedAndNotes() throws Exception {
        HttpResponse<String> r = gw.get("/v1/utilities/pge");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode pge = TestGateway.json(r);
        List<String> fields = new ArrayList<>();
        pge.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "name", "mfa", "ladder", "unsupported", "notes");
        assertThat(pge.get("id").asText()).isEqualTo("pge");
        assertThat(pge.get("name").asText()).isEqualTo("PG&E");
        assertThat(texts(pge.get("mfa"))).containsExactly("sms");
        JsonNode step = pge.get("ladder").get(0);
        assertThat(step.get("method").asText()).isEqualTo("authorized_user");
        assertThat(step.get("title").asText()).isNotBlank();
        assertThat(texts(step.get("steps"))).anySatisfy(s -> assertThat(s).contains("{email}"));
        assertThat(texts(pge.get("unsupported"))).containsExactlyInAnyOrder("managed_forwarding",
                "customer_inbox_forwarding");
        assertThat(pge.get("unsupported").get(0).get("reason").asText()).contains("authorized user");
        assertThat(texts(pge.get("notes"))).isNotEmpty();
    }

    @Test
    void unknownUtilityIsA404JsonError() throws Exception {
        HttpResponse<String> r = gw.get("/v1/utilities/tacoma");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode error = TestGateway.json(r);
        assertThat(error.get("error").asText()).isEqualTo("not_found");
        assertThat(error.get("message").asText()).isEqualTo("utility tacoma not found");
    }

    @Test
    void withoutATokenTheProfilesAre401() throws Exception {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(gw.uri("/v1/utilities")).GET().build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestGateway.json(r).get("error").asText()).isEqualTo("unauthorized");
        HttpResponse<String> one = gw.send(HttpRequest.newBuilder(gw.uri("/v1/utilities/coned"))
                .header("Authorization", "Bearer mgw_wrong").GET().build());
        assertThat(one.statusCode()).isEqualTo(401);
    }

    @Test
    void profilesAreReadOnly() throws Exception {
        HttpResponse<String> r = gw.post("/v1/utilities", "{}");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(TestGateway.json(r).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void aProfileInTheRulesDirectoryReplacesTheBuiltInOne(@TempDir Path rules) throws Exception {
        Files.createDirectories(rules.resolve("profiles"));
        Files.writeString(rules.resolve("profiles/coned.yaml"), """
                id: coned
                name: Con Edison (our account team)
                mfa: [security_questions]
                ladder: []
                notes: [Ask the account team before changing anything.]
                """);
        try (TestGateway custom = TestGateway.start(dir.resolve("custom"),
                Map.of("MFA_GATEWAY_RULES_DIR", rules.toString()))) {
            JsonNode coned = TestGateway.json(custom.get("/v1/utilities/coned"));
            assertThat(coned.get("name").asText()).isEqualTo("Con Edison (our account team)");
            assertThat(texts(coned.get("notes"))).containsExactly("Ask the account team before changing anything.");
        }
    }
}
