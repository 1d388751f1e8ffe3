package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.store.mapdb.MapDbStore;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/connections/{id}/invitations} over real HTTP and MapDB. */
class InvitationApiTest {

    private static final String OTHER_TOKEN = "mgw_other_tenant_token";
    private static final String PUBLIC_URL = "https://mfa.example.com";

    @TempDir
    Path dir;

    private TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        TestGateway.seedTenant(dir, "t_other", OTHER_TOKEN);
        gw = TestGateway.start(dir, Map.of("MFA_GATEWAY_PUBLIC_URL", PUBLIC_URL + "/"));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> invite(String token, String connectionId, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.uri("/v1/connections/" + connectionId + "/invitations"))
                .header("Authorization", "Bearer " + token);
        return gw.send((body == null ? b.POST(HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))).build());
    }

    @Test
    void anInvitationIs201WithASingleLinkUnderPublicUrlThatLivesTheDefault72Hours() throws Exception {
        String c = gw.createConnection("coned").get("id").asText();

        HttpResponse<String> r = invite(gw.token(), c, null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = TestGateway.json(r);
        assertThat(body.get("id").asText()).startsWith("i_");
        assertThat(body.get("url").asText()).matches("https://mfa\\.example\\.com/i/[0-9a-z]{32}");
        assertThat(Instant.parse(body.get("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofHours(72)), within(1, ChronoUnit.MINUTES));
        assertThat(invite(gw.token(), c, null).body()).doesNotContain(body.get("url").asText());
    }

    @Test
    void ttlSecondsSetsTheLifetimeWithinBounds() throws Exception {
        String c = gw.createConnection("coned").get("id").asText();

        HttpResponse<String> hour = invite(gw.token(), c, "{\"ttlSeconds\": 3600}");

        assertThat(hour.statusCode()).isEqualTo(201);
        assertThat(Instant.parse(TestGateway.json(hour).get("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES));
        for (String bad : List.of("{\"ttlSeconds\": 59}", "{\"ttlSeconds\": 2592001}", "{\"ttlSeconds\": \"3600\"}",
                "{\"ttlSeconds\": 60.5}", "[]", "nope")) {
            HttpResponse<String> r = invite(gw.token(), c, bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(TestGateway.json(r).get("error").asText()).as(bad).isNotBlank();
        }
    }

    @Test
    void anotherTenantsOrAMissingConnectionIs404AndNoLinkIsMade() throws Exception {
        String c = gw.createConnection("coned").get("id").asText();

        HttpResponse<String> foreign = invite(OTHER_TOKEN, c, null);

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("/i/");
        assertThat(invite(gw.token(), "c_nosuch", null).statusCode()).isEqualTo(404);
        assertThat(invite("wrong", c, null).statusCode()).isEqualTo(401);
        assertThat(TestGateway.json(gw.get("/v1/connections/" + c + "/events")).get("events")).isEmpty();
    }

    @Test
    void creatingRaisesAnInvitationCreatedEventWithoutTheToken() throws Exception {
        String c = gw.createConnection("coned").get("id").asText();
        JsonNode created = TestGateway.json(invite(gw.token(), c, null));
        String token = created.get("url").asText().substring((PUBLIC_URL + "/i/").length());

        HttpResponse<String> events = gw.get("/v1/connections/" + c + "/events");

        JsonNode event = TestGateway.json(events).get("events").get(0);
        assertThat(event.get("type").asText()).isEqualTo("invitation.created");
        assertThat(event.get("data").get("invitationId").asText()).isEqualTo(created.get("id").asText());
        assertThat(events.body()).doesNotContain(token);
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        String c = gw.createConnection("coned").get("id").asText();
        assertThat(gw.get("/v1/connections/" + c + "/invitations").statusCode()).isEqualTo(405);
    }
}
