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
import net.mfagateway.gateway.support.Await;
import net.mfagateway.gateway.support.SmtpConversation;
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
    void whileTheDatabaseCannotBeReachedCallersGetRetryableAnswersAndThenServiceResumes() throws Exception {
        String location = PostgresServer.freshDatabase();
        String database = location.substring(location.lastIndexOf('/') + 1);
        Map<String, String> env = Map.of("MFA_GATEWAY_STORE", location, "MFA_GATEWAY_SECRET_KEY", newKey(),
                "MFA_GATEWAY_ADMIN_TOKEN", "store-outage-admin-token");
        try (TestGateway gw = TestGateway.start(dir, env)) {
            var created = TestGateway.json(gw.post("/v1/connections", "{\"utility\":\"coned\"}"));
            String email = created.get("email").asText();
            try (java.sql.Connection admin = PostgresServer.connect(location.replace("/" + database, "/postgres"));
                    java.sql.Statement s = admin.createStatement()) {
                s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "'").close();
                try {
                    Await.until("healthz reports the store down", java.time.Duration.ofSeconds(20),
                            () -> gw.get("/healthz").statusCode() == 503);
                    var r = gw.get("/v1/connections");
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                    assertThat(r.body()).contains("store_unavailable").doesNotContain("Exception");
                    try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
                        smtp.send("EHLO outage.test").expect("250");
                        // The recipient cannot be looked up now: a temporary refusal, retried by the sender.
                        smtp.send("MAIL FROM:<noreply@coned.com>").expect("250");
                        assertThat(smtp.send("RCPT TO:<" + email + ">").expect("4")).startsWith("4");
                    }
                } finally {
                    s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
                }
            }
            Await.until("service resumes", java.time.Duration.ofSeconds(30),
                    () -> gw.get("/v1/connections").statusCode() == 200 && gw.get("/healthz").statusCode() == 200);
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
