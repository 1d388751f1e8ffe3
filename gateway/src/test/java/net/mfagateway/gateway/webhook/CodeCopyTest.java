package net.mfagateway.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.mfagateway.gateway.support.Await;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code copies mailed through a relay: GreenMail on loopback plays the customer's mail server. */
class CodeCopyTest {

    @TempDir
    Path dir;

    private GreenMail relay;
    private TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        if (relay != null) {
            relay.stop();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static GreenMail relayOn(int port) {
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private void startGateway(int relayPort) throws Exception {
        startGateway(relayPort, Map.of());
    }

    private void startGateway(int relayPort, Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(more);
        env.put("MFA_GATEWAY_RELAY_HOST", "127.0.0.1");
        env.put("MFA_GATEWAY_RELAY_PORT", Integer.toString(relayPort));
        env.put("MFA_GATEWAY_WEBHOOK_RETRY_FIRST", "PT0.05S");
        env.put("MFA_GATEWAY_WEBHOOK_RETRY_MAX", "PT0.2S");
        gw = TestGateway.start(dir, env);
    }

    private JsonNode patch(String id, String json, int status) throws Exception {
        HttpResponse<String> r = gw.patch("/v1/connections/" + id, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return TestGateway.json(r);
    }

    @Test
    void eachCodeIsMailedToEveryCopyAddressThroughTheRelay() throws Exception {
        relay = relayOn(freePort());
        startGateway(relay.getSmtp().getPort());
        JsonNode c = gw.createConnection("coned");
        String id = c.get("id").asText();
        JsonNode patched = patch(id, "{\"label\": \"Main St.\", \"copyTo\": [\"ann@example.com\", \"bob@example.org\"]}",
                200);
        assertThat(patched.get("copyTo")).extracting(JsonNode::asText).containsExactly("ann@example.com",
                "bob@example.org");
        assertThat(patched.get("label").asText()).isEqualTo("Main St.");
        assertThat(TestGateway.json(gw.get("/v1/connections/" + id))).isEqualTo(patched);

        assertThat(gw.mailCode(c.get("email").asText(), "482913")).startsWith("250");

        assertThat(relay.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] received = relay.getReceivedMessages();
        assertThat(Arrays.stream(received).map(m -> recipient(m))).containsExactlyInAnyOrder("ann@example.com",
                "bob@example.org");
        MimeMessage copy = received[0];
        assertThat(copy.getSubject()).isEqualTo("Your coned code: 482913");
        assertThat(copy.getFrom()[0].toString()).isEqualTo("mfa-gateway@mfa.localhost");
        assertThat(copy.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
        String body = GreenMailUtil.getBody(copy);
        assertThat(body).contains("Code: 482913", "coned", "Main St. (" + id + ")", "noreply@coned.com");
        Await.until("copies counted", Duration.ofSeconds(5),
                () -> gw.metric("mfa_gateway_copies_total", "result=\"delivered\"") == 2);
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRelayThatIsDownGetsTheCopyByRetryOnceItIsBack() throws Exception {
        int port = freePort();
        startGateway(port);
        HttpResponse<String> created = gw.post("/v1/connections",
                "{\"utility\": \"coned\", \"copyTo\": [\"ann@example.com\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode c = TestGateway.json(created);
        assertThat(c.get("copyTo")).extracting(JsonNode::asText).containsExactly("ann@example.com");

        assertThat(gw.mailCode(c.get("email").asText(), "482913")).startsWith("250");
        Await.until("a failed copy while the relay is down", Duration.ofSeconds(10),
                () -> gw.metric("mfa_gateway_copies_total", "result=\"failed\"") >= 1);
        relay = relayOn(port);
        assertThat(relay.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(relay.getReceivedMessages()[0].getSubject()).contains("482913");
    }

    @Test
    void aCopyTheRelayNeverTakesIsGivenUpWithACopyGaveUpEvent() throws Exception {
        startGateway(freePort(), Map.of("MFA_GATEWAY_WEBHOOK_GIVE_UP_AFTER", "PT0.5S"));
        JsonNode c = TestGateway.json(gw.post("/v1/connections",
                "{\"utility\": \"coned\", \"copyTo\": [\"ann@example.com\"]}"));
        String id = c.get("id").asText();
        gw.mailCode(c.get("email").asText(), "482913");
        Await.until("a copy.gave_up event", Duration.ofSeconds(10), () -> TestGateway.json(
                gw.get("/v1/connections/" + id + "/events")).get("events").findValuesAsText("type")
                .contains("copy.gave_up"));
        JsonNode events = TestGateway.json(gw.get("/v1/connections/" + id + "/events")).get("events");
        JsonNode gaveUp = events.get(events.size() - 1);
        assertThat(gaveUp.get("data").get("address").asText()).isEqualTo("ann@example.com");
        assertThat(gaveUp.get("data").get("codeId").asText()).isEqualTo(events.get(0).get("data").get("codeId").asText());
        assertThat(gaveUp.get("data").get("attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(gaveUp.get("data").get("lastError").asText()).contains("Connection refused");
        assertThat(gaveUp.toString()).doesNotContain("482913");
        assertThat(gw.metric("mfa_gateway_copies_total", "result=\"gave_up\"")).isEqualTo(1);
    }

    @Test
    void copyAddressesAreCheckedAndPatchTakesOnlyItsFields() throws Exception {
        relay = relayOn(freePort());
        startGateway(relay.getSmtp().getPort());
        String id = gw.createConnection("coned").get("id").asText();
        for (String body : List.of("", "{}", "{\"copyTo\": \"ann@example.com\"}", "{\"copyTo\": [5]}",
                "{\"copyTo\": [\"ann\"]}", "{\"copyTo\": [\"ann@\"]}", "{\"copyTo\": [\"Ann <ann@example.com>\"]}",
                "{\"copyTo\": [\"ann@example.com, bob@example.com\"]}", "{\"copyTo\": [\"ann@[127.0.0.1]\"]}",
                "{\"copyTo\": [\"loop@mfa.localhost\"]}", "{\"copyTo\": [\"loop@MX.MFA.LOCALHOST\"]}",
                "{\"copyTo\": [\"a@x.com\", \"b@x.com\", \"c@x.com\", \"d@x.com\", \"e@x.com\", \"f@x.com\"]}",
                "{\"label\": \"" + "x".repeat(201) + "\"}", "{\"status\": \"connected\"}",
                "{\"label\": \"ok\", \"email\": \"x@example.com\"}")) {
            JsonNode error = patch(id, body, 400);
            assertThat(error.get("error").asText()).as(body).isNotBlank();
            assertThat(error.get("message").asText()).as(body).isNotBlank();
        }
        assertThat(patch(id, "{\"copyTo\": [\"Ann@Example.com\", \"ann@example.COM\"]}", 200).get("copyTo"))
                .extracting(JsonNode::asText).containsExactly("Ann@Example.com");
        JsonNode relabelled = patch(id, "{\"label\": \"home\"}", 200);
        assertThat(relabelled.get("label").asText()).isEqualTo("home");
        assertThat(relabelled.get("copyTo")).extracting(JsonNode::asText).containsExactly("Ann@Example.com");
        assertThat(patch(id, "{\"copyTo\": []}", 200).get("copyTo")).isEmpty();
        assertThat(gw.patch("/v1/connections/c_nosuch", "{\"label\": \"x\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutARelayCopiesAreRefusedNamingTheSetting() throws Exception {
        gw = TestGateway.start(dir);
        String id = gw.createConnection("coned").get("id").asText();
        for (HttpResponse<String> r : List.of(
                gw.patch("/v1/connections/" + id, "{\"copyTo\": [\"ann@example.com\"]}"),
                gw.post("/v1/connections", "{\"utility\": \"coned\", \"copyTo\": [\"ann@example.com\"]}"))) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(TestGateway.json(r).get("error").asText()).isEqualTo("copies_not_configured");
            assertThat(TestGateway.json(r).get("message").asText()).contains("MFA_GATEWAY_RELAY_HOST");
        }
        assertThat(gw.patch("/v1/connections/" + id, "{\"copyTo\": []}").statusCode()).isEqualTo(200);
    }
}
