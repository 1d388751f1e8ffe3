package net.mfagateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP hardening settings: defaults, YAML and environment, and errors that name the fix. */
class SmtpConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedOnes() {
        SmtpSettings s = ConfigLoader.load(null, Map.of()).smtp();
        assertThat(s).isEqualTo(SmtpSettings.DEFAULTS);
        assertThat(s.maxRecipients()).isEqualTo(50);
        assertThat(s.maxLineBytes()).isEqualTo(10_000);
        assertThat(s.maxCommandsBeforeData()).isEqualTo(100);
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.sessionTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(s.maxSessions()).isEqualTo(200);
        assertThat(s.maxSessionsPerClient()).isEqualTo(20);
        assertThat(s.messagesPerConnectionPerMinute()).isEqualTo(60);
        assertThat(s.tlsCert()).isEmpty();
        assertThat(s.requireTls()).isFalse();
    }

    @Test
    void theEnvironmentWinsOverYaml() throws Exception {
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "smtp_max_recipients: 7\nsmtp_require_tls: true\n"
                + "smtp_idle_timeout_seconds: 5\n");
        SmtpSettings s = ConfigLoader.load(yaml, Map.of("MFA_GATEWAY_SMTP_MAX_RECIPIENTS", "9")).smtp();
        assertThat(s.maxRecipients()).isEqualTo(9);
        assertThat(s.requireTls()).isTrue();
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aCertificateWithoutItsKeyNamesTheMissingSetting() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MFA_GATEWAY_SMTP_TLS_CERT", cert.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("MFA_GATEWAY_SMTP_TLS_KEY must be set too");
    }

    @Test
    void anUnreadableCertificateFileNamesTheSetting() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MFA_GATEWAY_SMTP_TLS_CERT", "/nonexistent/c.pem",
                "MFA_GATEWAY_SMTP_TLS_KEY", "/nonexistent/k.pem")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_SMTP_TLS_CERT=/nonexistent/c.pem is not a readable file");
    }

    @Test
    void inconsistentLimitsNameBothSettings() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MFA_GATEWAY_SMTP_MAX_RECIPIENTS", "100")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_SMTP_MAX_COMMANDS_BEFORE_DATA=100")
                .hasMessageContaining("MFA_GATEWAY_SMTP_MAX_RECIPIENTS=100");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MFA_GATEWAY_SMTP_IDLE_TIMEOUT_SECONDS", "120",
                "MFA_GATEWAY_SMTP_SESSION_TIMEOUT_SECONDS", "60")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_SMTP_SESSION_TIMEOUT_SECONDS=60");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MFA_GATEWAY_SMTP_MAX_SESSIONS", "10",
                "MFA_GATEWAY_SMTP_MAX_SESSIONS_PER_CLIENT", "11")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_SMTP_MAX_SESSIONS_PER_CLIENT=11");
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MFA_GATEWAY_SMTP_REQUIRE_TLS", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("MFA_GATEWAY_SMTP_REQUIRE_TLS='maybe' is not true or false");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MFA_GATEWAY_SMTP_MAX_LINE_BYTES", "80")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_SMTP_MAX_LINE_BYTES=80 is out of range");
    }
}
