package net.mfagateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Twilio account settings for number provisioning: all three or none, secret never printed. */
class ProvisioningConfigTest {

    @Test
    void noAccountSettingsMeanProvisioningIsOff() {
        assertThat(ConfigLoader.load(null, Map.of()).twilioAccount()).isEmpty();
    }

    @Test
    void allThreeMakeAnAccountWithTheSecretMasked() {
        Config c = ConfigLoader.load(null, Map.of("MFA_GATEWAY_TWILIO_ACCOUNT_SID", "AC123",
                "MFA_GATEWAY_TWILIO_API_KEY", "SK456", "MFA_GATEWAY_TWILIO_API_SECRET", "very-secret",
                "MFA_GATEWAY_TWILIO_API_BASE", "http://127.0.0.1:9999/"));
        TwilioAccount a = c.twilioAccount().orElseThrow();
        assertThat(a.accountSid()).isEqualTo("AC123");
        assertThat(a.apiKey()).isEqualTo("SK456");
        assertThat(a.apiSecret()).isEqualTo("very-secret");
        assertThat(a.apiBase()).contains(URI.create("http://127.0.0.1:9999"));
        assertThat(c.toString()).contains("AC123").doesNotContain("very-secret");
        assertThat(a.toString()).doesNotContain("very-secret");
    }

    @Test
    void partOfAnAccountIsAnErrorNamingWhatIsMissing() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MFA_GATEWAY_TWILIO_ACCOUNT_SID", "AC123",
                "MFA_GATEWAY_TWILIO_API_KEY", "SK456")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_TWILIO_API_SECRET must be set too")
                .hasMessageNotContaining("MFA_GATEWAY_TWILIO_API_KEY and MFA_GATEWAY_TWILIO_API_SECRET must");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MFA_GATEWAY_TWILIO_API_SECRET", "s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_TWILIO_ACCOUNT_SID and MFA_GATEWAY_TWILIO_API_KEY must be set too");
    }

    @Test
    void aBadApiBaseNamesTheSetting() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MFA_GATEWAY_TWILIO_API_BASE", "ftp://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_TWILIO_API_BASE");
    }
}
