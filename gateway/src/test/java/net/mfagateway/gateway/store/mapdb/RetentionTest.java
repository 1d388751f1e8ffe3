package net.mfagateway.gateway.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoredMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on the embedded store: its files stop growing. What goes and what stays is in {@code StoreContractTest}. */
class RetentionTest {

    @TempDir
    Path dir;

    /** A clock the test moves on. */
    private static final class Moving extends Clock {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final Moving clock = new Moving();
    private final Ids ids = new Ids(clock, new SecureRandom());

    private Store.Received mail(Connection c, String code, int rawBytes) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String messageId = ids.next("m_");
        StoredMessage m = new StoredMessage(messageId, c.id(), "email", at, "a@b.test", "mid:" + messageId, "code",
                "coned.code", List.of(), new byte[rawBytes]);
        Code k = new Code(ids.next("k_"), c.id(), messageId, code, "code", at, "email", "a@b.test", "a@b.test",
                "direct", "coned", "coned.code", "known", 0.9);
        Event e = new Event(ids.next("e_"), c.id(), c.tenantId(), "code.received", at, Map.of("codeId", k.id()));
        return new Store.Received(m, List.of(k), List.of(e), "coned", "a@b.test");
    }

    private Connection connection() {
        return new Connection(ids.next("c_"), "t_1", "coned", "", ids.secret(20) + "@mfa.test", null,
                ConnectionStatus.PENDING, clock.instant());
    }

    @Test
    void underSteadyTrafficWithRetentionTheFilesStopGrowing() throws Exception {
        Connection c = connection();
        List<Long> sizes = new ArrayList<>();
        try (MapDbStore store = MapDbStore.open(dir, new SimpleMeterRegistry(), 256 * 1024)) {
            store.putConnection(c).join();
            for (int day = 0; day < 16; day++) {
                List<CompletableFuture<Store.Acceptance>> writes = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    writes.add(store.accept(mail(c, String.format("%06d", i), 4096)));
                }
                writes.forEach(CompletableFuture::join);
                store.expire(clock.now.minus(Duration.ofDays(3)), clock.now.minus(Duration.ofDays(3))).join();
                clock.now = clock.now.plus(Duration.ofDays(1));
                // Let a checkpoint (every second) and any snapshot run, as a quiet hour would.
                Thread.sleep(1200);
                sizes.add(bytes(dir));
            }
            assertThat(store.codes(c.id())).hasSize(4 * 200);
        }
        System.out.println("retention: store bytes per simulated day " + sizes);
        // Four days are kept; from day 6 on, ten more days of traffic (twice what was written by
        // then) leave the files within a third of their size: growth stops, it does not slow.
        long settled = sizes.get(5);
        long last = sizes.get(sizes.size() - 1);
        assertThat(last).as("bytes on disk per day: " + sizes).isLessThan(settled + settled / 3);
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
