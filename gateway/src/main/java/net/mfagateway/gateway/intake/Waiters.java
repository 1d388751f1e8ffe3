package net.mfagateway.gateway.intake;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parked waits for a connection's next code: the {@code codes/next} long-polls of outside
 * collectors and the in-service login workers alike. {@link #codeStored} is called by the commit
 * that stores a code and completes every wait that wants it; a wait costs a map entry and a
 * timer entry, not a thread.
 *
 * <p>When several nodes share the store, a code may be committed by another node: the store then
 * reports the connection ({@link Store.Elsewhere#codesStored}) and its waits here read the
 * committed code back from the store. When the store may have missed such reports
 * ({@link Store.Elsewhere#lookAgain}), every parked wait reads the store again.
 */
public final class Waiters implements CodeListener, Store.Elsewhere, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Waiters.class);
    /** Threads reading back codes other nodes committed: store reads are short, a few suffice. */
    private static final int READ_BACK_THREADS = 4;

    private final ConcurrentHashMap<String, Set<Wait>> byConnection = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Store store;
    private final Timer deliveryTimer;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService readBacks;

    public Waiters(Store store, MeterRegistry metrics, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "code-wait-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.readBacks = Executors.newFixedThreadPool(READ_BACK_THREADS, r -> {
            Thread t = new Thread(r, "code-read-back");
            t.setDaemon(true);
            return t;
        });
        store.onCommitsElsewhere(this);
        Gauge.builder("mfa.gateway.longpoll.waiting", waiting, AtomicInteger::get)
                .description("parked waits for a code: codes/next requests and login workers")
                .register(metrics);
        this.deliveryTimer = Timer.builder("mfa.gateway.code.delivery")
                .description("code accepted -> handed to a waiting long-poll")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(metrics);
    }

    /**
     * The newest code of the connection received strictly after {@code after}: at once when the
     * store has one, else the first one committed within {@code wait}, else empty when the wait
     * runs out. Cancelling the future (a client that went away) frees the wait. The wait is parked
     * before the store is read, so a code committed in between cannot slip past.
     */
    public CompletableFuture<Optional<Code>> next(String connectionId, Instant after, Duration wait) {
        Wait w = new Wait(connectionId, after);
        park(w);
        w.whenComplete((code, failure) -> remove(w));
        store.newestCodeAfter(connectionId, after).ifPresent(code -> w.complete(Optional.of(code)));
        if (!w.isDone()) {
            var expiry = timer.schedule(() -> w.complete(Optional.empty()), wait.toMillis(), TimeUnit.MILLISECONDS);
            w.whenComplete((code, failure) -> expiry.cancel(false));
        }
        return w;
    }

    private void park(Wait w) {
        byConnection.computeIfAbsent(w.connectionId, k -> ConcurrentHashMap.newKeySet()).add(w);
        waiting.incrementAndGet();
    }

    private void remove(Wait w) {
        Set<Wait> set = byConnection.get(w.connectionId);
        if (set != null && set.remove(w)) {
            waiting.decrementAndGet();
            byConnection.computeIfPresent(w.connectionId, (k, s) -> s.isEmpty() ? null : s);
        }
    }

    /** Parked waits right now. */
    public int waiting() {
        return waiting.get();
    }

    @Override
    public void codeStored(Code code) {
        Set<Wait> set = byConnection.get(code.connectionId());
        if (set == null) {
            return;
        }
        for (Wait w : set) {
            if (code.receivedAt().isAfter(w.after)) {
                hand(w, code);
            }
        }
    }

    /** Another node stored a code for the connection: its waits read it from the store, off the store's thread. */
    @Override
    public void codesStored(String connectionId) {
        if (byConnection.containsKey(connectionId)) {
            execute(() -> readBack(connectionId));
        }
    }

    /** Reports from other nodes may have been missed: every parked wait reads the store again. */
    @Override
    public void lookAgain() {
        execute(() -> byConnection.keySet().forEach(this::readBack));
    }

    private void execute(Runnable task) {
        try {
            readBacks.execute(task);
        } catch (RejectedExecutionException e) {
            // Closing: the waits are being let go anyway.
        }
    }

    private void readBack(String connectionId) {
        Set<Wait> set = byConnection.get(connectionId);
        if (set == null) {
            return;
        }
        for (Wait w : set) {
            try {
                store.newestCodeAfter(connectionId, w.after).ifPresent(code -> hand(w, code));
            } catch (RuntimeException e) {
                // The store is unreachable: the wait stays parked for the next report or its timeout.
                log.warn("codes.read_back_failed conn={} reason=\"{}\"",
                        connectionId, e.toString());
                return;
            }
        }
    }

    /** Completes the wait with the code, timing the hand-off when this completed it. */
    private void hand(Wait w, Code code) {
        if (w.complete(Optional.of(code))) {
            deliveryTimer.record(Duration.between(code.receivedAt(), clock.instant()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        readBacks.shutdownNow();
    }

    /** One parked wait: completed at most once, by a commit, its timeout, or cancellation. */
    private static final class Wait extends CompletableFuture<Optional<Code>> {
        final String connectionId;
        final Instant after;

        Wait(String connectionId, Instant after) {
            this.connectionId = connectionId;
            this.after = after;
        }
    }
}
