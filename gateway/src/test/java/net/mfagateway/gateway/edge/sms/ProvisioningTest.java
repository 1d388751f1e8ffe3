package net.mfagateway.gateway.edge.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.store.mapdb.MapDbStore;
import net.mfagateway.gateway.support.FakeTwilio;
import net.mfagateway.gateway.support.SmtpConversation;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Number provisioning against a whole gateway and a fake Twilio REST API, both over real HTTP:
 * {@code "phone": "provision"} buys a number pointed at {@code /sms/twilio}, texts to it become
 * codes, and deleting the connection releases the number and frees its address.
 */
class ProvisioningTest {

    private static final String AUTH_TOKEN = "twilio-test-auth-token";
    private static final String API_KEY = "SKfakekey0000000000000000000000001";
    private static final String API_SECRET = "fake-api-secret";
    private static final String PUBLIC = "https://mfa.example.net";

    @TempDir
    Path dir;

    private FakeTwilio twilio;
    private TestGateway gw;

    @BeforeEach
    void fake() throws Exception {
        twilio = new FakeTwilio();
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        twilio.close();
    }

    private void start(boolean withAccount) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("MFA_GATEWAY_PUBLIC_URL", PUBLIC,
                "MFA_GATEWAY_TWILIO_AUTH_TOKEN", AUTH_TOKEN));
        if (withAccount) {
            env.put("MFA_GATEWAY_TWILIO_ACCOUNT_SID", FakeTwilio.ACCOUNT);
            env.put("MFA_GATEWAY_TWILIO_API_KEY", API_KEY);
            env.put("MFA_GATEWAY_TWILIO_API_SECRET", API_SECRET);
            env.put("MFA_GATEWAY_TWILIO_API_BASE", twilio.base());
        }
        gw = TestGateway.start(dir, env);
    }

    private HttpResponse<String> provision() throws Exception {
        return gw.post("/v1/connections", "{\"utility\":\"sce\",\"label\":\"home\",\"phone\":\"provision\"}");
    }

    private HttpResponse<String> delete(String id, String token) throws Exception {
        return gw.send(HttpRequest.newBuilder(gw.uri("/v1/connections/" + id))
                .header("Authorization", "Bearer " + token).DELETE().build());
    }

    @Test
    void aProvisionedNumberReceivesCodesAndIsReleasedWhenTheConnectionIsDeleted() throws Exception {
        start(true);

        HttpResponse<String> created = provision();

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode c = TestGateway.json(created);
        String id = c.get("id").asText();
        String phone = c.get("phone").asText();
        assertThat(phone).isEqualTo(FakeTwilio.number(1));
        List<FakeTwilio.Recorded> calls = twilio.requests();
        assertThat(calls).hasSize(2);
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (API_KEY + ":" + API_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(calls).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(basic));
        FakeTwilio.Recorded search = calls.get(0);
        assertThat(search.method()).isEqualTo("GET");
        assertThat(search.path()).endsWith("/AvailablePhoneNumbers/US/Local.json");
        assertThat(search.query()).containsEntry("SmsEnabled", "true");
        FakeTwilio.Recorded purchase = calls.get(1);
        assertThat(purchase.method()).isEqualTo("POST");
        assertThat(purchase.path()).isEqualTo("/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT + "/IncomingPhoneNumbers.json");
        assertThat(purchase.form()).containsEntry("PhoneNumber", phone)
                .containsEntry("SmsUrl", PUBLIC + "/sms/twilio")
                .containsEntry("SmsMethod", "POST");

        // A text to the new number becomes a code for the waiting long-poll.
        CompletableFuture<HttpResponse<String>> poll = gw.client().sendAsync(
                HttpRequest.newBuilder(gw.uri("/v1/connections/" + id + "/codes/next?wait=20"))
                        .header("Authorization", "Bearer " + gw.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> text = text("SM1001", phone, "SCE: Your verification code is 482913.");
        assertThat(postSms(text).statusCode()).isEqualTo(200);
        JsonNode code = TestGateway.json(poll.get(10, TimeUnit.SECONDS));
        assertThat(code.get("code").asText()).isEqualTo("482913");
        assertThat(code.get("channel").asText()).isEqualTo("sms");

        // Another tenant cannot delete it, nor learn that it exists.
        String otherToken = addTenant("t_other");
        assertThat(delete(id, otherToken).statusCode()).isEqualTo(404);
        assertThat(twilio.requests()).hasSize(2);

        HttpResponse<String> deleted = delete(id, gw.token());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        FakeTwilio.Recorded release = twilio.requests().get(2);
        assertThat(release.method()).isEqualTo("DELETE");
        assertThat(release.path()).isEqualTo("/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT + "/IncomingPhoneNumbers/"
                + FakeTwilio.sid(1) + ".json");
        assertThat(release.authorization()).isEqualTo(basic);
        assertThat(gw.get("/v1/connections/" + id).statusCode()).isEqualTo(404);
        assertThat(delete(id, gw.token()).statusCode()).isEqualTo(404);
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            smtp.send("MAIL FROM:<alerts@sce.com>").expect("250");
            smtp.send("RCPT TO:<" + c.get("email").asText() + ">").expect("550 5.1.1");
        }
        Map<String, String> late = text("SM1002", phone, "SCE: Your verification code is 111222.");
        assertThat(postSms(late).statusCode()).isEqualTo(200);
        assertThat(gw.get("/metrics").body()).contains("mfa_gateway_sms_messages_total{result=\"unknown_number\"} 1.0");

        // Gone after a restart too: the deletion is journaled.
        gw.close();
        start(true);
        assertThat(gw.get("/v1/connections/" + id).statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(gw.get("/v1/connections")).get("connections")).isEmpty();
    }

    @Test
    void deletingAConnectionWithItsOwnNumberReleasesNothing() throws Exception {
        start(true);
        HttpResponse<String> r = gw.post("/v1/connections", "{\"utility\":\"sce\",\"phone\":\"+15550112345\"}");
        String id = TestGateway.json(r).get("id").asText();

        assertThat(delete(id, gw.token()).statusCode()).isEqualTo(204);

        assertThat(twilio.requests()).isEmpty();
        // The number is free again.
        assertThat(gw.post("/v1/connections", "{\"utility\":\"sce\",\"phone\":\"+15550112345\"}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void withoutATwilioAccountProvisioningIs503WithAClearError() throws Exception {
        start(false);

        HttpResponse<String> r = provision();

        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode error = TestGateway.json(r);
        assertThat(error.get("error").asText()).isEqualTo("provisioning_not_configured");
        assertThat(error.get("message").asText()).contains("MFA_GATEWAY_TWILIO_ACCOUNT_SID");
        assertThat(TestGateway.json(gw.get("/v1/connections")).get("connections")).isEmpty();
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void whenTwilioHasNoNumbersTheAnswerIs503AndNothingIsStored() throws Exception {
        start(true);
        twilio.mode(FakeTwilio.Mode.NO_NUMBERS);

        HttpResponse<String> r = provision();

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(TestGateway.json(r).get("error").asText()).isEqualTo("no_numbers_available");
        assertThat(TestGateway.json(gw.get("/v1/connections")).get("connections")).isEmpty();
        assertThat(twilio.requests()).noneMatch(q -> q.method().equals("POST"));
    }

    @Test
    void whenTwilioFailsTheAnswerIs502AndNothingIsStored() throws Exception {
        start(true);
        twilio.mode(FakeTwilio.Mode.FAIL_500);

        HttpResponse<String> r = provision();

        assertThat(r.statusCode()).isEqualTo(502);
        JsonNode error = TestGateway.json(r);
        assertThat(error.get("error").asText()).isEqualTo("provisioning_failed");
        assertThat(error.get("message").asText()).contains("Twilio");
        assertThat(TestGateway.json(gw.get("/v1/connections")).get("connections")).isEmpty();
    }

    /** Stops the gateway, adds a tenant to its store directly (no tenant API yet), starts it again; returns its token. */
    private String addTenant(String id) throws Exception {
        String token = "token-of-" + id;
        gw.close();
        TestGateway.seedTenant(dir, id, token);
        start(true);
        return token;
    }

    private static Map<String, String> text(String sid, String to, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", sid);
        p.put("AccountSid", FakeTwilio.ACCOUNT);
        p.put("From", "24273");
        p.put("To", to);
        p.put("Body", body);
        p.put("NumMedia", "0");
        return p;
    }

    /** Posts a text signed as Twilio signs it (see {@link TwilioWebhookTest}). */
    private HttpResponse<String> postSms(Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(PUBLIC + "/sms/twilio");
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return gw.send(HttpRequest.newBuilder(gw.uri("/sms/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }
}
