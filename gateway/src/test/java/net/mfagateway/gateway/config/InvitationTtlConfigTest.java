package net.mfagateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code MFA_GATEWAY_INVITATION_TTL}: how long an invitation link lives unless the caller says otherwise. */
class InvitationTtlConfigTest {

    private static Duration ttl(String raw) {
        return ConfigLoader.load(null, Map.of("MFA_GATEWAY_INVITATION_TTL", raw)).invitationTtl();
    }

    @Test
    void theDefaultIs72Hours() {
        assertThat(ConfigLoader.load(null, Map.of()).invitationTtl()).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void secondsOrANumberWithAUnitAreAccepted() {
        assertThat(ttl("3600")).isEqualTo(Duration.ofHours(1));
        assertThat(ttl("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(ttl("24h")).isEqualTo(Duration.ofDays(1));
        assertThat(ttl("7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aValueOutOfRangeOrUnreadableNamesTheSetting() {
        for (String raw : new String[] {"10s", "31d", "a week", "-5m"}) {
            assertThatThrownBy(() -> ttl(raw)).as(raw).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("MFA_GATEWAY_INVITATION_TTL");
        }
    }
}
