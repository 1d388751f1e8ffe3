package net.mfagateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay for code copies and the outbox's retry settings: defaults, forms, and errors naming the setting. */
class OutboxConfigTest {

    @Test
    void withoutARelayHostCopiesAreOffAndRetriesHaveTheirDefaults() {
        Config c = ConfigLoader.load(null, Map.of());
        assertThat(c.relay()).isEmpty();
        assertThat(c.retries()).isEqualTo(new Retries(Duration.ofSeconds(1), Duration.ofMinutes(10),
                Duration.ofHours(24)));
    }

    @Test
    void aRelayHostTurnsCopiesOnWithPort25AndTheGatewaysOwnSender() {
        Relay r = ConfigLoader.load(null, Map.of("MFA_GATEWAY_RELAY_HOST", "smtp.example.com",
                "MFA_GATEWAY_MAIL_DOMAIN", "mfa.example.com")).relay().orElseThrow();
        assertThat(r.host()).isEqualTo("smtp.example.com");
        assertThat(r.port()).isEqualTo(25);
        assertThat(r.username()).isEmpty();
        assertThat(r.starttls()).isFalse();
        assertThat(r.from()).isEqualTo("mfa-gateway@mfa.example.com");
    }

    @Test
    void aRelayLoginDefaultsToStarttlsAndItsPasswordIsMasked() {
        Config c = ConfigLoader.load(null, Map.of("MFA_GATEWAY_RELAY_HOST", "smtp.example.com",
                "MFA_GATEWAY_RELAY_PORT", "587", "MFA_GATEWAY_RELAY_USERNAME", "mailer",
                "MFA_GATEWAY_RELAY_PASSWORD", "relay-pass-9913", "MFA_GATEWAY_COPY_FROM", "codes@example.com"));
        Relay r = c.relay().orElseThrow();
        assertThat(r.port()).isEqualTo(587);
        assertThat(r.starttls()).isTrue();
        assertThat(r.password()).contains("relay-pass-9913");
        assertThat(r.from()).isEqualTo("codes@example.com");
        assertThat(c.toString()).contains("smtp.example.com", "mailer").doesNotContain("relay-pass-9913");
        assertThat(ConfigLoader.load(null, Map.of("MFA_GATEWAY_RELAY_HOST", "localhost",
                "MFA_GATEWAY_RELAY_USERNAME", "u", "MFA_GATEWAY_RELAY_PASSWORD", "p",
                "MFA_GATEWAY_RELAY_STARTTLS", "false")).relay().orElseThrow().starttls()).isFalse();
    }

    @Test
    void retryTimesAreSecondsOrIsoDurations() {
        Retries r = ConfigLoader.load(null, Map.of("MFA_GATEWAY_WEBHOOK_RETRY_FIRST", "PT0.05S",
                "MFA_GATEWAY_WEBHOOK_RETRY_MAX", "30", "MFA_GATEWAY_WEBHOOK_GIVE_UP_AFTER", "pt2h")).retries();
        assertThat(r.first()).isEqualTo(Duration.ofMillis(50));
        assertThat(r.max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.giveUpAfter()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void eachWrongSettingStopsTheStartNamingIt() {
        Map<Map<String, String>, String> wrong = Map.of(
                Map.of("MFA_GATEWAY_RELAY_HOST", "smtp.example.com", "MFA_GATEWAY_RELAY_USERNAME", "u"),
                "MFA_GATEWAY_RELAY_PASSWORD",
                Map.of("MFA_GATEWAY_RELAY_PORT", "587"), "MFA_GATEWAY_RELAY_HOST",
                Map.of("MFA_GATEWAY_RELAY_HOST", "smtp.example.com", "MFA_GATEWAY_RELAY_PORT", "0"),
                "MFA_GATEWAY_RELAY_PORT",
                Map.of("MFA_GATEWAY_RELAY_HOST", "smtp example.com"), "MFA_GATEWAY_RELAY_HOST",
                Map.of("MFA_GATEWAY_RELAY_HOST", "smtp.example.com", "MFA_GATEWAY_RELAY_STARTTLS", "maybe"),
                "MFA_GATEWAY_RELAY_STARTTLS",
                Map.of("MFA_GATEWAY_COPY_FROM", "not an address"), "MFA_GATEWAY_COPY_FROM",
                Map.of("MFA_GATEWAY_WEBHOOK_GIVE_UP_AFTER", "a day"), "MFA_GATEWAY_WEBHOOK_GIVE_UP_AFTER",
                Map.of("MFA_GATEWAY_WEBHOOK_GIVE_UP_AFTER", "PT0S"), "MFA_GATEWAY_WEBHOOK_GIVE_UP_AFTER",
                Map.of("MFA_GATEWAY_WEBHOOK_RETRY_FIRST", "PT1M", "MFA_GATEWAY_WEBHOOK_RETRY_MAX", "PT10S"),
                "MFA_GATEWAY_WEBHOOK_RETRY_MAX");
        wrong.forEach((env, setting) -> assertThatThrownBy(() -> ConfigLoader.load(null, env)).as(env.toString())
                .isInstanceOf(ConfigException.class).hasMessageContaining(setting));
    }
}
