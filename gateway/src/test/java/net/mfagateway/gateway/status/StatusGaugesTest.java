package net.mfagateway.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.mapdb.MapDbStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mfa_gateway_connections{status}} gauges keep counting after garbage collections. */
class StatusGaugesTest {

    @TempDir
    Path dir;

    @Test
    void theConnectionGaugesStillCountAfterTheCollectorRan() throws Exception {
        Ids ids = new Ids(Clock.systemUTC(), new SecureRandom());
        try (MapDbStore store = MapDbStore.open(dir, new SimpleMeterRegistry())) {
            store.putConnection(new Connection(ids.next("c_"), "t_1", "coned", "", ids.secret(20) + "@mfa.test", null,
                    ConnectionStatus.CONNECTED, Instant.now())).join();
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            new StatusTracker(store, new Diagnostician(store, Clock.systemUTC(), utility -> List.of()), ids,
                    Clock.systemUTC(), 3).bindMetrics(metrics);
            // Collect until a weakly held object is known to have gone.
            WeakReference<Object> canary = new WeakReference<>(new Object());
            for (int i = 0; i < 20 && canary.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(canary.get()).isNull();
            assertThat(metrics.get("mfa.gateway.connections").tag("status", "connected").gauge().value())
                    .isEqualTo(1.0);
        }
    }
}
