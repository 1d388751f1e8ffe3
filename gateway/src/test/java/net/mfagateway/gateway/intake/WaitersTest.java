package net.mfagateway.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoredMessage;
import net.mfagateway.gateway.store.mapdb.MapDbStore;
import net.mfagateway.gateway.support.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parked waits and codes committed elsewhere: a code written straight into the store (as another
 * node's commit would be) reaches the waits only through the store's report, read back from the
 * store.
 */
class WaitersTest {

    @TempDir
    Path dir;

    private final Ids ids = new Ids(Clock.systemUTC(), new SecureRandom());
    private MapDbStore store;
    private Waiters waiters;
    private Connection connection;

    @BeforeEach
    void open() throws Exception {
        store = MapDbStore.open(dir, new SimpleMeterRegistry());
        waiters = new Waiters(store, new SimpleMeterRegistry(), Clock.systemUTC());
        connection = new Connection(ids.next("c_"), "t_1", "coned", "", ids.secret(20) + "@mfa.test", null,
                ConnectionStatus.PENDING, Instant.now());
        store.putConnection(connection).join();
    }

    @AfterEach
    void close() {
        waiters.close();
        store.close();
    }

    private Code storeCodeElsewhere(String code) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String messageId = ids.next("m_");
        StoredMessage m = new StoredMessage(messageId, connection.id(), "email", at, "a@b.test", messageId, "code",
                "coned.code", List.of(), "raw".getBytes());
        Code k = new Code(ids.next("k_"), connection.id(), messageId, code, "code", at, "email", "a@b.test",
                "a@b.test", "direct", "coned", "coned.code", "known", 0.9);
        Event e = new Event(ids.next("e_"), connection.id(), "t_1", "code.received", at, Map.of());
        store.accept(new Store.Received(m, List.of(k), List.of(e), "coned", "a@b.test")).join();
        return k;
    }

    @Test
    void aReportFromAnotherNodeCompletesTheParkedWaitWithTheCommittedCode() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        CompletableFuture<Optional<Code>> wait = waiters.next(connection.id(), before, Duration.ofSeconds(20));
        Code code = storeCodeElsewhere("482913");
        assertThat(wait).isNotDone(); // the store does not tell this node's waits by itself
        waiters.codesStored("c_some_other_connection");
        waiters.codesStored(connection.id());
        assertThat(wait.get(5, TimeUnit.SECONDS)).contains(code);
        // The completed wait unparks itself right after completing, on the completing thread.
        Await.until("the wait unparked", Duration.ofSeconds(5), () -> waiters.waiting() == 0);
    }

    @Test
    void lookingAgainCompletesEveryWaitWhoseCodeWasMissedAndLeavesTheRestParked() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        CompletableFuture<Optional<Code>> missed = waiters.next(connection.id(), before, Duration.ofSeconds(20));
        CompletableFuture<Optional<Code>> other = waiters.next("c_nothing_here", before, Duration.ofSeconds(20));
        Code code = storeCodeElsewhere("771205");
        waiters.lookAgain();
        assertThat(missed.get(5, TimeUnit.SECONDS)).contains(code);
        assertThat(other).isNotDone();
        Await.until("only the other wait parked", Duration.ofSeconds(5), () -> waiters.waiting() == 1);
        other.cancel(true);
    }

    @Test
    void aReportForACodeOlderThanTheWaitLeavesItParked() throws Exception {
        storeCodeElsewhere("100200");
        Thread.sleep(2);
        CompletableFuture<Optional<Code>> wait = waiters.next(connection.id(), Instant.now(), Duration.ofSeconds(20));
        waiters.codesStored(connection.id());
        waiters.lookAgain();
        Thread.sleep(200);
        assertThat(wait).isNotDone();
        wait.cancel(true);
        Await.until("the wait unparked", Duration.ofSeconds(5), () -> waiters.waiting() == 0);
    }
}
