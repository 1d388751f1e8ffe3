package net.mfagateway.gateway.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Delivery;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoreException;
import net.mfagateway.gateway.store.StoredMessage;
import net.mfagateway.gateway.store.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several {@link PostgresStore}s on one database, as several gateway nodes share it; and what only PostgreSQL does. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresNodesTest {

    private final Ids ids = new Ids(Clock.systemUTC(), new SecureRandom());
    private String location;

    @BeforeEach
    void freshDatabase() {
        location = PostgresServer.freshDatabase();
    }

    private PostgresStore open() throws IOException {
        return PostgresStore.open(location, new SimpleMeterRegistry());
    }

    private Connection connection() {
        return new Connection(ids.next("c_"), "t_1", "coned", "", ids.secret(20) + "@mfa.test", null,
                ConnectionStatus.PENDING, Instant.now());
    }

    private Store.Received mail(Connection c, String code, String dedupKey) {
        Instant at = Instant.now();
        String messageId = ids.next("m_");
        StoredMessage m = new StoredMessage(messageId, c.id(), "email", at, "a@b.test", dedupKey, "code",
                "coned.code", List.of(), ("raw " + code).getBytes());
        Code k = new Code(ids.next("k_"), c.id(), messageId, code, "code", at, "email", "a@b.test", "a@b.test",
                "direct", "coned", "coned.code", "known", 0.9);
        Event e = new Event(ids.next("e_"), c.id(), c.tenantId(), "code.received", at, Map.of("codeId", k.id()));
        return new Store.Received(m, List.of(k), List.of(e), "coned", "a@b.test");
    }

    /** Records what a node hears of the others' commits. */
    private static final class Heard implements Store.Elsewhere {
        final BlockingQueue<String> codes = new LinkedBlockingQueue<>();
        final CountDownLatch lookedAgain = new CountDownLatch(1);

        @Override
        public void codesStored(String connectionId) {
            codes.add(connectionId);
        }

        @Override
        public void lookAgain() {
            lookedAgain.countDown();
        }

        /** The next connection id heard, skipping others; null after 10 s. */
        String next(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String id = codes.poll(100, TimeUnit.MILLISECONDS);
                if (expected.equals(id)) {
                    return id;
                }
            }
            return null;
        }
    }

    @Test
    void aCodeAcceptedThroughOneNodeIsHeardAndReadOnTheOther() throws Exception {
        Connection c = connection();
        Heard heard = new Heard();
        try (PostgresStore a = open(); PostgresStore b = open()) {
            b.onCommitsElsewhere(heard);
            a.putConnection(c).join();
            Store.Received mail = mail(c, "482913", "mid:1");
            a.accept(mail).join();
            assertThat(heard.next(c.id())).isEqualTo(c.id());
            assertThat(b.codes(c.id())).containsExactlyElementsOf(mail.codes());
            assertThat(b.newestCodeAfter(c.id(), Instant.EPOCH)).contains(mail.codes().get(0));
        }
    }

    @Test
    void aDeliveryQueuedThroughOneNodeWakesTheOther() throws Exception {
        Connection c = connection();
        CountDownLatch woken = new CountDownLatch(1);
        try (PostgresStore a = open(); PostgresStore b = open()) {
            b.onDeliveriesQueued(woken::countDown);
            a.putWebhook(new Webhook(ids.next("w_"), "t_1", "http://127.0.0.1:9/hook", new byte[] {1},
                    Instant.now().minusSeconds(1))).join();
            a.appendEvent(new Event(ids.next("e_"), c.id(), "t_1", "message.unmatched", Instant.now(), Map.of()))
                    .join();
            assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(b.deliveries()).hasSize(1);
        }
    }

    @Test
    void twoNodesClaimingTheSameDeliveryAtOnceGetItOnce() throws Exception {
        Connection c = connection();
        try (PostgresStore a = open(); PostgresStore b = open()) {
            a.putWebhook(new Webhook(ids.next("w_"), "t_1", "http://127.0.0.1:9/hook", new byte[] {1},
                    Instant.now().minusSeconds(1))).join();
            for (int i = 0; i < 20; i++) {
                a.appendEvent(new Event(ids.next("e_"), c.id(), "t_1", "message.unmatched", Instant.now(), Map.of()))
                        .join();
            }
            Instant now = Instant.now().plusSeconds(1);
            for (Delivery d : a.deliveries()) {
                CompletableFuture<Optional<Delivery>> byA = a.claimDelivery(d.id(), now, now.plusSeconds(60));
                CompletableFuture<Optional<Delivery>> byB = b.claimDelivery(d.id(), now, now.plusSeconds(60));
                assertThat(List.of(byA.join(), byB.join())).filteredOn(Optional::isPresent).hasSize(1);
            }
        }
    }

    @Test
    void theSameMessageAcceptedAtOnceThroughTwoNodesIsKeptOnce() throws Exception {
        Connection c = connection();
        try (PostgresStore a = open(); PostgresStore b = open()) {
            a.putConnection(c).join();
            for (int i = 0; i < 20; i++) {
                // A sender's retry reaching the other node is a new message id with the same dedup key;
                // every other time the very same message is raced in.
                Store.Received first = mail(c, String.format("%06d", i), "mid:race" + i);
                Store.Received second = i % 2 == 0 ? mail(c, String.format("%06d", i), "mid:race" + i) : first;
                CompletableFuture<Store.Acceptance> viaA = a.accept(first);
                CompletableFuture<Store.Acceptance> viaB = b.accept(second);
                List<Store.Acceptance> both = List.of(viaA.join(), viaB.join());
                assertThat(both).filteredOn(Store.Acceptance::duplicate).hasSize(1);
                String kept = both.stream().filter(x -> !x.duplicate()).findFirst().orElseThrow().messageId();
                assertThat(both).extracting(Store.Acceptance::messageId).containsOnly(kept);
            }
            assertThat(a.codes(c.id())).hasSize(20);
            assertThat(a.events(c.id())).hasSize(20);
        }
    }

    @Test
    void aListenerCutOffReconnectsLooksAgainAndHearsLaterCodes() throws Exception {
        Connection c = connection();
        Heard heard = new Heard();
        try (PostgresStore a = open(); PostgresStore b = open()) {
            a.onCommitsElsewhere(heard);
            b.putConnection(c).join();
            String database = PostgresLocation.parse(location).database();
            try (java.sql.Connection admin = PostgresServer.connect(location.replace("/" + database, "/postgres"));
                    Statement s = admin.createStatement()) {
                // Cut off, and kept out for a while: the store is unhealthy until it is back.
                s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                try (ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = '" + database + "' AND query = 'LISTEN mfa_gateway'")) {
                    assertThat(rs.next()).as("a LISTEN connection in pg_stat_activity").isTrue();
                }
                assertThat(within(Duration.ofSeconds(10), () -> !a.healthy())).isTrue();
                // Committed while nobody listened: only "look again" tells of it.
                b.accept(mail(c, "111111", "mid:meanwhile")).join();
                s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
            assertThat(heard.lookedAgain.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(a.healthy()).isTrue();
            assertThat(a.codes(c.id())).extracting(Code::code).containsExactly("111111");
            b.accept(mail(c, "222222", "mid:after")).join();
            assertThat(heard.next(c.id())).isEqualTo(c.id());
        }
    }

    @Test
    void aStoreThatFailedOnlyReadsIsHealthyAgainOnceAReadSucceeds() throws Exception {
        Connection c = connection();
        try (PostgresStore store = open()) {
            store.putConnection(c).join();
            String database = PostgresLocation.parse(location).database();
            try (java.sql.Connection admin = PostgresServer.connect(location.replace("/" + database, "/postgres"));
                    Statement s = admin.createStatement()) {
                // The pool's connections end and no new one is let in; the LISTEN stays, so its
                // reconnection is not what tells the store the database is back.
                s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                try {
                    s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                            + database + "' AND query <> 'LISTEN mfa_gateway'").close();
                    assertThatThrownBy(() -> store.connection(c.id())).isInstanceOf(StoreException.class);
                    assertThat(store.healthy()).isFalse();
                } finally {
                    s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
                }
            }
            // Each broken connection left in the pool fails one read before it is dropped.
            Optional<Connection> read = Optional.empty();
            for (int attempt = 0; attempt < 20 && read.isEmpty(); attempt++) {
                try {
                    read = store.connection(c.id());
                } catch (StoreException e) {
                    assertThat(e).hasMessageContaining("terminating connection");
                }
            }
            assertThat(read).contains(c);
            assertThat(store.healthy()).isTrue();
        }
    }

    @Test
    void theSchemaIsMigratedOnceAndNodesOpeningTogetherAgreeOnIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<PostgresStore>> opening = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                opening.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return open();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            for (CompletableFuture<PostgresStore> store : opening) {
                store.join().close();
            }
        } finally {
            pool.shutdown();
        }
        try (PostgresStore again = open()) {
            assertThat(again.healthy()).isTrue();
        }
        try (java.sql.Connection db = PostgresServer.connect(location); Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.next()).as("one migration, applied once").isFalse();
        }
    }

    @Test
    void aServerThatIsNotThereIsNamedWithoutThePassword() {
        assertThatThrownBy(() -> PostgresStore.open("postgresql://gw:s3cret@127.0.0.1:1/mfa", new SimpleMeterRegistry()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot reach the PostgreSQL store at postgresql://gw@127.0.0.1:1/mfa: ")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aWrongPasswordIsAClearErrorToo() {
        String wrong = location.replaceFirst("postgres:[^@]*@", "postgres:wrong@");
        assertThatThrownBy(() -> PostgresStore.open(wrong, new SimpleMeterRegistry()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach the PostgreSQL store")
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void eightThreadsOfAcceptsAllCompleteAndAreAllKept() throws Exception {
        Connection c = connection();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PostgresStore store = PostgresStore.open(location, registry)) {
            store.putConnection(c).join();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 50; i++) {
                        assertThat(store.accept(mail(c, thread + "-" + i, "mid:" + thread + "." + i)).join()
                                .duplicate()).isFalse();
                    }
                }, threads));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(50, TimeUnit.SECONDS);
            threads.shutdown();
            assertThat(store.codes(c.id())).hasSize(400);
            assertThat(registry.get("mfa.gateway.store.commit").timer().count()).isEqualTo(401);
        }
    }

    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }
}
