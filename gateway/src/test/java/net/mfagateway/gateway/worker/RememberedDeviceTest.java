package net.mfagateway.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.support.Logins;
import net.mfagateway.gateway.support.TestClock;
import net.mfagateway.gateway.support.TestGateway;
import net.mfagateway.gateway.worker.simulated.PortalAccount;
import net.mfagateway.gateway.worker.simulated.SimulatedPortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Remember this device": the worker keeps the simulated portal's cookies between logins, sealed,
 * and the portal lets a login that presents its device-trust cookie in without a code. Over real
 * HTTP, the codes mailed over SMTP.
 */
class RememberedDeviceTest {

    private static final String OTHER_TOKEN = "mgw_other_tenant_devices";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private TestGateway gw;
    private SimulatedPortal portal;
    private Logins logins;

    private void start(Map<String, String> env) throws Exception {
        TestGateway.seedTenant(dir, "t_other", OTHER_TOKEN);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("MFA_GATEWAY_WORKER_UTILITY_INTERVAL_SECONDS", "0");
        gw = TestGateway.start(dir, all, clock);
        portal = new SimulatedPortal("127.0.0.1", gw.smtpPort(), Clock.systemUTC());
        logins = new Logins(gw, portal);
    }

    @AfterEach
    void stop() {
        if (portal != null) {
            portal.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    private JsonNode sdge(String user) throws Exception {
        JsonNode c = logins.connection("sdge", user);
        portal.addAccount(PortalAccount.emailCode(user, c.get("email").asText(), "myaccount@sdge.com",
                "Your SDG&E verification code"));
        return c;
    }

    private String path(JsonNode c, String rest) {
        return "/v1/connections/" + Logins.id(c) + rest;
    }

    @Test
    void theSecondLoginPresentsTheRememberedDeviceAndNeedsNoCode() throws Exception {
        start(Map.of());
        JsonNode c = sdge("ann");

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.SKIPPED));

        assertThat(portal.mailsSent()).isEqualTo(1);
        assertThat(portal.deviceLogins()).isEqualTo(1);
        assertThat(logins.statusChanges(c)).containsExactly("mfa_required", "connected");
        JsonNode counts = TestGateway.json(gw.get(path(c, "/logins")));
        assertThat(counts.get("mfaRequired").asInt()).isEqualTo(1);
        assertThat(counts.get("mfaSkipped").asInt()).isEqualTo(1);
        assertThat(counts.get("failed").asInt()).isZero();
        assertThat(gw.metric("mfa_gateway_logins_total", "mfa=\"required\"", "outcome=\"connected\"")).isEqualTo(1.0);
        assertThat(gw.metric("mfa_gateway_logins_total", "mfa=\"skipped\"", "outcome=\"connected\"")).isEqualTo(1.0);
    }

    @Test
    void theDeviceIsDescribedButNeverShown() throws Exception {
        start(Map.of());
        JsonNode c = sdge("bea");
        assertThat(TestGateway.json(gw.get(path(c, "/device"))).get("remembered").asBoolean()).isFalse();

        logins.logIn(c);

        JsonNode device = TestGateway.json(gw.get(path(c, "/device")));
        assertThat(device.get("remembered").asBoolean()).isTrue();
        Instant trusted = Instant.parse(device.get("trustedAt").asText());
        assertThat(Instant.parse(device.get("expiresAt").asText())).isEqualTo(trusted.plus(Duration.ofDays(30)));
        assertThat(logins.get(c).get("device").get("savedAt").asText()).isNotEmpty();
        JsonNode remembered = logins.events(c).stream().filter(e -> e.get("type").asText().equals("device.remembered"))
                .findFirst().orElseThrow();
        assertThat(remembered.get("data").get("expiresAt").asText()).isEqualTo(device.get("expiresAt").asText());
        String token = portal.deviceTokens("bea").get(0);
        for (String p : List.of(path(c, ""), path(c, "/device"), path(c, "/events"), path(c, "/logins"))) {
            assertThat(gw.get(p).body()).as(p).doesNotContain(token);
        }
    }

    @Test
    void aDeviceThePortalForgotNeedsACodeOnceAndIsThenRememberedAfresh() throws Exception {
        start(Map.of());
        JsonNode c = sdge("cal");
        logins.logIn(c);

        portal.forgetDevices("cal");

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.SKIPPED));
        assertThat(portal.mailsSent()).isEqualTo(2);
    }

    @Test
    void forgettingTheDeviceThroughTheApiMakesTheNextLoginAskForACode() throws Exception {
        start(Map.of());
        JsonNode c = sdge("dee");
        logins.logIn(c);

        assertThat(gw.delete(path(c, "/device")).statusCode()).isEqualTo(204);

        assertThat(logins.eventTypes(c)).contains("device.forgotten");
        assertThat(TestGateway.json(gw.get(path(c, "/device"))).get("remembered").asBoolean()).isFalse();
        assertThat(logins.get(c).has("device")).isFalse();
        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
        assertThat(portal.mailsSent()).isEqualTo(2);
        assertThat(gw.delete(path(c, "/device")).statusCode()).isEqualTo(204);
        assertThat(gw.send(java.net.http.HttpRequest.newBuilder(gw.uri(path(c, "/device")))
                .header("Authorization", "Bearer " + OTHER_TOKEN).DELETE().build()).statusCode()).isEqualTo(404);
        assertThat(gw.post(path(c, "/device"), "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void aRememberedDeviceIsDroppedOnceItsTimeIsUpEvenIfThePortalWouldStillTrustIt() throws Exception {
        start(Map.of("MFA_GATEWAY_WORKER_DEVICE_TTL", "1h"));
        JsonNode c = sdge("eli");
        logins.logIn(c);
        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.SKIPPED));

        clock.advance(Duration.ofMinutes(61));

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
        assertThat(logins.eventTypes(c)).contains("device.expired");
        assertThat(portal.mailsSent()).isEqualTo(2);
    }

    @Test
    void theHourlySweepDropsARememberedDeviceWhoseTimeIsUpWithoutALogin() throws Exception {
        start(Map.of("MFA_GATEWAY_WORKER_DEVICE_TTL", "1h"));
        JsonNode c = sdge("fay");
        JsonNode kept = sdge("gus");
        logins.logIn(c);
        clock.advance(Duration.ofMinutes(40));
        logins.logIn(kept);
        assertThat(gw.workers().sweepDevices()).isZero();

        clock.advance(Duration.ofMinutes(21)); // c's device is 61 minutes old, kept's 21
        assertThat(gw.workers().sweepDevices()).isEqualTo(1);
        assertThat(TestGateway.json(gw.get(path(c, "/device"))).get("remembered").asBoolean()).isFalse();
        assertThat(TestGateway.json(gw.get(path(kept, "/device"))).get("remembered").asBoolean()).isTrue();
        assertThat(logins.eventTypes(c)).contains("device.expired");
    }

    @Test
    void noFileInTheDataDirHoldsThePortalPasswordOrTheDeviceToken() throws Exception {
        start(Map.of());
        String password = "Tr0ub4dor&3-portal-pass";
        JsonNode c = sdge("fay");
        portal.addAccount(PortalAccount.emailCode("fay", c.get("email").asText(), "myaccount@sdge.com",
                "Your SDG&E verification code").withPassword(password));
        assertThat(logins.setPassword(c, password).statusCode()).isEqualTo(204);
        logins.logIn(c);
        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.SKIPPED));
        String token = portal.deviceTokens("fay").get(0);
        gw.close(); // MapDB committed and closed: everything it will ever write is on disk
        gw = null;

        boolean passwordWritten = false;
        boolean sessionWritten = false;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : List.of(password, token)) {
                    assertThat(bytes).as(file + " holds a secret in clear").doesNotContain(secret)
                            .doesNotContain(new String(secret.getBytes(StandardCharsets.UTF_16BE),
                                    StandardCharsets.ISO_8859_1));
                }
                passwordWritten |= bytes.contains("portal_password");
                sessionWritten |= bytes.contains("portal_session");
            }
        }
        assertThat(passwordWritten).as("the sealed password was written at all").isTrue();
        assertThat(sessionWritten).as("the sealed session was written at all").isTrue();
    }
}
