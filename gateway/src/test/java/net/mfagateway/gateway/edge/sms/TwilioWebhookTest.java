package net.mfagateway.gateway.edge.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twilio's webhook against a whole gateway over real HTTP. Signatures are computed here as
 * Twilio documents them (HMAC-SHA1 of the URL followed by each POST parameter's name and value
 * in name order, Base64), not with the SDK the gateway uses, so the two are checked against
 * each other.
 */
class TwilioWebhookTest {

    private static final String TOKEN = "twilio-test-auth-token";
    private static final String PUBLIC = "https://mfa.example.net";

    @TempDir
    Path dir;

    private TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private void start(boolean withToken) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("MFA_GATEWAY_PUBLIC_URL", PUBLIC));
        if (withToken) {
            env.put("MFA_GATEWAY_TWILIO_AUTH_TOKEN", TOKEN);
        }
        gw = TestGateway.start(dir, env);
    }

    private static String sign(String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> text(String sid, String to, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", sid);
        p.put("AccountSid", "ACtest");
        p.put("From", "24273");
        p.put("To", to);
        p.put("Body", body);
        p.put("NumMedia", "0");
        return p;
    }

    private HttpResponse<String> post(Map<String, String> params, String signature) throws Exception {
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.uri("/sms/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        return gw.send(b.build());
    }

    private JsonNode connectionWithPhone(String phone) throws Exception {
        HttpResponse<String> r = gw.post("/v1/connections", "{\"utility\":\"sce\",\"phone\":\"" + phone + "\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        return TestGateway.json(r);
    }

    @Test
    void aSignedTextBecomesAnSmsCodeForTheWaitingLongPoll() throws Exception {
        start(true);
        JsonNode c = connectionWithPhone("+15550112345");
        CompletableFuture<HttpResponse<String>> poll = gw.client().sendAsync(
                HttpRequest.newBuilder(gw.uri("/v1/connections/" + c.get("id").asText() + "/codes/next?wait=20"))
                        .header("Authorization", "Bearer " + gw.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> p = text("SM0001", "+15550112345",
                "SCE: Your verification code is 482913. Msg&data rates may apply. Reply STOP to opt out.");

        HttpResponse<String> r = post(p, sign(PUBLIC + "/sms/twilio", p));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(r.body()).contains("<Response/>").doesNotContain("<Message");
        JsonNode code = TestGateway.json(poll.get(10, TimeUnit.SECONDS));
        assertThat(code.get("code").asText()).isEqualTo("482913");
        assertThat(code.get("channel").asText()).isEqualTo("sms");
        assertThat(code.get("sender").asText()).isEqualTo("24273");
    }

    @Test
    void theSameMessageSidTwiceIsStoredOnce() throws Exception {
        start(true);
        JsonNode c = connectionWithPhone("+15550112346");
        Map<String, String> p = text("SM0002", "+15550112346", "SCE: Your verification code is 551204.");
        String sig = sign(PUBLIC + "/sms/twilio", p);
        assertThat(post(p, sig).statusCode()).isEqualTo(200);
        assertThat(post(p, sig).statusCode()).isEqualTo(200);
        JsonNode events = TestGateway.json(gw.get("/v1/connections/" + c.get("id").asText() + "/events"));
        assertThat(events.get("events")).hasSize(1);
    }

    @Test
    void aBadOrMissingSignatureIs403AndStoresNothing() throws Exception {
        start(true);
        JsonNode c = connectionWithPhone("+15550112347");
        Map<String, String> p = text("SM0003", "+15550112347", "SCE: Your verification code is 111222.");
        assertThat(post(p, null).statusCode()).isEqualTo(403);
        assertThat(post(p, sign(PUBLIC + "/other/path", p)).statusCode()).isEqualTo(403);
        Map<String, String> tampered = new LinkedHashMap<>(p);
        String sig = sign(PUBLIC + "/sms/twilio", p);
        tampered.put("Body", "SCE: Your verification code is 999999.");
        assertThat(post(tampered, sig).statusCode()).isEqualTo(403);
        JsonNode events = TestGateway.json(gw.get("/v1/connections/" + c.get("id").asText() + "/events"));
        assertThat(events.get("events")).isEmpty();
    }

    @Test
    void withoutAnAuthTokenTheWebhookIs503() throws Exception {
        start(false);
        Map<String, String> p = text("SM0004", "+15550112348", "code 123456");
        assertThat(post(p, sign(PUBLIC + "/sms/twilio", p)).statusCode()).isEqualTo(503);
    }

    @Test
    void aTextToAnUnknownNumberIsAnswered200AndCounted() throws Exception {
        start(true);
        Map<String, String> p = text("SM0005", "+15550119999", "SCE: Your verification code is 482913.");
        HttpResponse<String> r = post(p, sign(PUBLIC + "/sms/twilio", p));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(gw.get("/metrics").body()).contains("mfa_gateway_sms_messages_total{result=\"unknown_number\"} 1.0");
    }

    @Test
    void aSignedRequestWithoutItsFieldsIs400() throws Exception {
        start(true);
        Map<String, String> p = Map.of("AccountSid", "ACtest", "Body", "hello");
        HttpResponse<String> r = post(p, sign(PUBLIC + "/sms/twilio", p));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Response/>");
    }

    @Test
    void anSmsCodeSurvivesARestart() throws Exception {
        start(true);
        JsonNode c = connectionWithPhone("+15550112350");
        Map<String, String> p = text("SM0006", "+15550112350", "SCE: Your verification code is 777888.");
        assertThat(post(p, sign(PUBLIC + "/sms/twilio", p)).statusCode()).isEqualTo(200);
        gw.close();
        start(true);
        HttpResponse<String> r = gw.get("/v1/connections/" + c.get("id").asText() + "/codes/next?wait=1");
        assertThat(TestGateway.json(r).get("code").asText()).isEqualTo("777888");
    }

    @Test
    void aPhoneNumberBelongsToOneConnection() throws Exception {
        start(true);
        connectionWithPhone("+15550112349");
        HttpResponse<String> r = gw.post("/v1/connections", "{\"utility\":\"sce\",\"phone\":\"+15550112349\"}");
        assertThat(r.statusCode()).isEqualTo(409);
    }
}
