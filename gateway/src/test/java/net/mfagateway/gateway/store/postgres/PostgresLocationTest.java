package net.mfagateway.gateway.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresLocationTest {

    @Test
    void aLibpqUriGivesHostPortDatabaseAndDecodedCredentials() {
        PostgresLocation l = PostgresLocation.parse("postgresql://gw%40ops:p%40ss%3Aw%2Frd+1@db.internal:6432/mfa%20gw");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/mfa%20gw");
        assertThat(l.driverProperties()).containsEntry("user", "gw@ops").containsEntry("password", "p@ss:w/rd+1");
        assertThat(l.database()).isEqualTo("mfa gw");
    }

    @Test
    void thePortDefaultsTo5432AndPostgresIsTheSameScheme() {
        PostgresLocation l = PostgresLocation.parse("postgres://gw:pw@db.internal/mfa");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/mfa");
    }

    @Test
    void queryParametersGoToTheDriverWithLibpqNamesTranslated() {
        PostgresLocation l = PostgresLocation.parse(
                "postgresql://gw:pw@db/mfa?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=node-1"
                        + "&connect_timeout=5");
        assertThat(l.driverProperties()).containsEntry("sslmode", "verify-full")
                .containsEntry("sslrootcert", "/etc/ca.pem").containsEntry("ApplicationName", "node-1")
                .containsEntry("connectTimeout", "5");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/mfa");
    }

    @Test
    void aJdbcUrlTakesItsCredentialsFromTheQuery() {
        PostgresLocation l = PostgresLocation.parse("jdbc:postgresql://10.0.0.5:5433/mfa?user=gw&password=s%26cret&ssl=true");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5:5433/mfa");
        assertThat(l.driverProperties()).containsExactlyInAnyOrderEntriesOf(
                Map.of("user", "gw", "password", "s&cret", "ssl", "true"));
    }

    @Test
    void ipv6AndSeveralHostsAreKept() {
        assertThat(PostgresLocation.parse("postgresql://gw@[::1]:5433/mfa").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5433/mfa");
        assertThat(PostgresLocation.parse("postgresql://gw@a,b:5433/mfa?targetServerType=primary").jdbcUrl())
                .isEqualTo("jdbc:postgresql://a:5432,b:5433/mfa");
    }

    @Test
    void libpqTargetSessionAttrsBecomePgjdbcTargetServerTypes() {
        assertThat(PostgresLocation.parse("postgresql://gw@a,b/mfa?target_session_attrs=read-write")
                .driverProperties()).containsEntry("targetServerType", "primary");
        assertThat(PostgresLocation.parse("postgresql://gw@a,b/mfa?target_session_attrs=prefer-standby")
                .driverProperties()).containsEntry("targetServerType", "preferSecondary");
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://gw@a,b/mfa?target_session_attrs=writable"))
                .hasMessageContaining("target_session_attrs=writable is not one of");
    }

    @Test
    void withoutADatabaseTheUsersNameIsTaken() {
        assertThat(PostgresLocation.parse("postgresql://gw:pw@db").database()).isEqualTo("gw");
    }

    @Test
    void theLocationAsLoggedHasNoPassword() {
        PostgresLocation l = PostgresLocation.parse("postgresql://gw:s3cret@db/mfa?sslmode=require&sslpassword=k3y");
        assertThat(l.toString()).isEqualTo("postgresql://gw@db:5432/mfa?sslmode=require&sslpassword=<masked>");
        assertThat(PostgresLocation.parse("jdbc:postgresql://db/mfa?user=gw&password=s3cret").toString())
                .doesNotContain("s3cret");
    }

    @Test
    void somethingElseIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> PostgresLocation.parse("mysql://gw:s3cret@db/mfa"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql://gw:<masked>@db/mfa")
                .hasMessageContaining("postgresql://user:password@host:5432/database")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> PostgresLocation.parse("jdbc:postgresql://db/mfa?password=s3cret"))
                .hasMessageContaining("names no user").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://gw:pw@db:99999/mfa"))
                .hasMessageContaining("port '99999'");
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://gw:s3%ZZcret@db/mfa"))
                .hasMessageContaining("malformed %-escape").hasMessageNotContaining("s3%ZZcret");
    }
}
