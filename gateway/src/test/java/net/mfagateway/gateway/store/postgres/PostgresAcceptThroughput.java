package net.mfagateway.gateway.store.postgres;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoredMessage;
import net.mfagateway.gateway.store.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A throughput sanity check, not a test: 8 writers each accept code mails (4 KiB raw, one code, one
 * event queued for one webhook) one after the other, each waiting for its durable commit, against
 * the embedded server (fsync on); prints accepts/s and the commit latency. Run by hand:
 *
 * <pre>
 * ./mvnw -q -pl gateway -am test -Dtest=PostgresAcceptThroughput -Dsurefire.failIfNoSpecifiedTests=false -Dmfa.bench=true
 * </pre>
 *
 * and read the figures in {@code gateway/target/surefire-reports/*PostgresAcceptThroughput-output.txt}.
 */
@EnabledIfSystemProperty(named = "mfa.bench", matches = "true")
class PostgresAcceptThroughput {

    private static final int WRITERS = 8;
    private static final long WARM_UP_SECONDS = 3;
    private static final long MEASURED_SECONDS = 10;

    private final Ids ids = new Ids(Clock.systemUTC(), new SecureRandom());

    @Test
    void acceptsPerSecondWithEightConcurrentWriters() throws Exception {
        String location = PostgresServer.freshDatabase();
        try (PostgresStore store = PostgresStore.open(location, new SimpleMeterRegistry())) {
            Connection c = new Connection(ids.next("c_"), "t_1", "coned", "", ids.secret(20) + "@mfa.test", null,
                    ConnectionStatus.PENDING, Instant.now());
            store.putConnection(c).join();
            store.putWebhook(new Webhook(ids.next("w_"), "t_1", "http://127.0.0.1:9/hook", new byte[] {1},
                    Instant.now().minusSeconds(1))).join();
            run(store, c, WARM_UP_SECONDS);
            long start = System.nanoTime();
            long[] latencies = run(store, c, MEASURED_SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("postgres accept throughput: writers=%d accepts=%d seconds=%.1f accepts_per_s=%.0f"
                    + " p50_ms=%.2f p99_ms=%.2f%n", WRITERS, latencies.length, seconds, latencies.length / seconds,
                    latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6);
        }
    }

    /** Each writer accepts until the time is up; returns every accept's latency, in nanoseconds. */
    private long[] run(Store store, Connection c, long seconds) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<CompletableFuture<List<Long>>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            done.add(CompletableFuture.supplyAsync(() -> {
                List<Long> took = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    store.accept(mail(c)).join();
                    took.add(System.nanoTime() - t);
                }
                return took;
            }, writers));
        }
        List<Long> all = new ArrayList<>();
        for (CompletableFuture<List<Long>> d : done) {
            all.addAll(d.get(seconds + 30, TimeUnit.SECONDS));
        }
        writers.shutdown();
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    private Store.Received mail(Connection c) {
        Instant at = Instant.now();
        String messageId = ids.next("m_");
        StoredMessage m = new StoredMessage(messageId, c.id(), "email", at, "noreply@coned.test", "mid:" + messageId,
                "code", "coned.code", List.of(), new byte[4096]);
        Code k = new Code(ids.next("k_"), c.id(), messageId, "482913", "code", at, "email", "noreply@coned.test",
                "noreply@coned.test", "direct", "coned", "coned.code", "known", 0.9);
        Event e = new Event(ids.next("e_"), c.id(), c.tenantId(), "code.received", at, Map.of("codeId", k.id()));
        return new Store.Received(m, List.of(k), List.of(e), "coned", "noreply@coned.test");
    }
}
