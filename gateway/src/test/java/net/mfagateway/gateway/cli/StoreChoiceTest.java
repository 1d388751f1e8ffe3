package net.mfagateway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import net.mfagateway.gateway.config.ConfigException;
import net.mfagateway.gateway.store.postgres.PostgresServer;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code MFA_GATEWAY_STORE}: the embedded default, PostgreSQL, and the refusals a person can act on. */
class StoreChoiceTest {

    @TempDir
    Path dir;

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aGatewayOnPostgresqlServesTheApiAndAsecondStartFindsItsData() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "MFA_GATEWAY_STORE", PostgresServer.freshDatabase(),
                "MFA_GATEWAY_SECRET_KEY", newKey(),
                "MFA_GATEWAY_ADMIN_TOKEN", "store-choice-admin-token"));
        String id;
        try (TestGateway gw = TestGateway.start(dir.resolve("one"), env)) {
            assertThat(gw.get("/healthz").statusCode()).isEqualTo(200);
            var created = gw.post("/v1/connections", "{\"utility\":\"coned\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            id = TestGateway.json(created).get("id").asText();
        }
        // Another data dir, the same database: a second node, or the first one rebuilt.
        try (TestGateway gw = TestGateway.start(dir.resolve("two"), env)) {
            assertThat(gw.get("/v1/connections/" + id).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void postgresqlWithoutASharedSecretKeyOrAdminTokenIsRefusedWithWhatToSet() {
        assertThatThrownBy(() -> TestGateway.start(dir, Map.of("MFA_GATEWAY_STORE",
                "postgresql://gw:pw@127.0.0.1:1/mfa", "MFA_GATEWAY_ADMIN_TOKEN", "t0ken-for-the-test")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_SECRET_KEY and MFA_GATEWAY_ADMIN_TOKEN")
                .hasMessageNotContaining("pw");
    }

    @Test
    void anUnknownStoreOrABadLocationIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> TestGateway.start(dir, Map.of("MFA_GATEWAY_STORE", "mysql://gw:s3cret@db/mfa")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("use mapdb")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> TestGateway.start(dir, Map.of("MFA_GATEWAY_STORE", "postgresql://:s3cret@/mfa",
                "MFA_GATEWAY_SECRET_KEY", newKey(), "MFA_GATEWAY_ADMIN_TOKEN", "t0ken-for-the-test")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MFA_GATEWAY_STORE")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aSecretKeyOtherThanTheOneTheStoreWasSealedWithStopsTheStart() throws Exception {
        String key = newKey();
        try (TestGateway gw = TestGateway.start(dir, Map.of("MFA_GATEWAY_SECRET_KEY", key))) {
            assertThat(gw.get("/healthz").statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> TestGateway.start(dir, Map.of("MFA_GATEWAY_SECRET_KEY", newKey())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not the one this store's secrets were sealed with");
        try (TestGateway gw = TestGateway.start(dir, Map.of("MFA_GATEWAY_SECRET_KEY", key))) {
            assertThat(gw.get("/healthz").statusCode()).isEqualTo(200);
        }
    }
}
