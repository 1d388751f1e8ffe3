package net.mfagateway.gateway.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.mfagateway.gateway.Backoff;
import net.mfagateway.gateway.config.Relay;
import net.mfagateway.gateway.config.Retries;
import net.mfagateway.gateway.secrets.SecretBox;
import net.mfagateway.gateway.store.Delivery;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the store queued: webhook deliveries and code copies, each when it is due, until
 * the receiver takes it, retrying with {@link Backoff} and giving up (with a
 * {@code webhook.gave_up} or {@code copy.gave_up} event) once {@code giveUpAfter} has passed
 * since it was queued. The store is the record: a delivery is finished there only after it was
 * taken, so a restart resends whatever was pending (at least once, never lost).
 *
 * <p>Threads: one scheduler thread owns the bookkeeping (which deliveries wait, until when, and
 * which are in flight) and a small fixed pool makes the attempts, so at most {@code concurrency}
 * receivers are waited on at once. The store's listener only hands the scheduler a wake-up, so
 * intake never waits on a receiver. There is no polling: the scheduler sleeps until the next
 * delivery is due, a commit that queued something, or an attempt's end.
 *
 * <p>Several nodes may share the store, each with its outbox. Before each attempt the delivery is
 * claimed in the store ({@link Store#claimDelivery}) for longer than an attempt can take, so one
 * node makes it; a node that finds it taken or already sent lets it go and reads the store again
 * once the claim would have run out, in case the node holding it died.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final int DEFAULT_CONCURRENCY = 4;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How long a claim holds a delivery: well past the longest attempt (connect plus request time-outs). */
    static final Duration CLAIM_FOR = Duration.ofSeconds(30);
    private static final Comparator<Delivery> BY_DUE = Comparator.comparing(Delivery::nextAttemptAt)
            .thenComparing(Delivery::id);

    private final Store store;
    private final Map<Delivery.Kind, Courier> couriers;
    private final Ids ids;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration giveUpAfter;
    private final int concurrency;
    private final MeterRegistry metrics;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService senders;
    private final AtomicBoolean scanAsked = new AtomicBoolean();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private volatile boolean closed;

    // Scheduler thread only.
    private final NavigableSet<Delivery> waiting = new TreeSet<>(BY_DUE);
    private final Map<String, Delivery> inFlight = new HashMap<>();
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> rescan;

    /** The gateway's outbox: webhooks over HTTP, copies through {@code relay} (when there is none, copies fail and are retried). */
    public Outbox(Store store, SecretBox box, Optional<Relay> relay, String mailDomain, Ids ids, Clock clock,
            Retries retries, MeterRegistry metrics) {
        this(store, new WebhookPoster(store, box, clock, CONNECT_TIMEOUT, REQUEST_TIMEOUT),
                relay.<Courier>map(r -> new CopyMailer(store, r, mailDomain, CONNECT_TIMEOUT, REQUEST_TIMEOUT))
                        .orElse(d -> new Outcome.Failed("no relay configured: set MFA_GATEWAY_RELAY_HOST")),
                ids, clock, new Backoff(retries.first(), retries.max(), new SecureRandom()), retries.giveUpAfter(),
                DEFAULT_CONCURRENCY, metrics);
    }

    Outbox(Store store, Courier webhooks, Courier copies, Ids ids, Clock clock, Backoff backoff, Duration giveUpAfter,
            int concurrency, MeterRegistry metrics) {
        this.store = store;
        this.couriers = new EnumMap<>(Map.of(Delivery.Kind.WEBHOOK, webhooks, Delivery.Kind.COPY, copies));
        this.ids = ids;
        this.clock = clock;
        this.backoff = backoff;
        this.giveUpAfter = giveUpAfter;
        this.concurrency = concurrency;
        this.metrics = metrics;
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "outbox"));
        s.setRemoveOnCancelPolicy(true);
        this.scheduler = s;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(concurrency, r -> daemon(r, "outbox-send-" + n.incrementAndGet()));
        for (Delivery.Kind kind : Delivery.Kind.values()) {
            for (String result : new String[] {"delivered", "failed", "gave_up", "dropped"}) {
                counter(kind, result);
            }
        }
        Gauge.builder("mfa.gateway.outbox.pending", pendingCount, AtomicInteger::get)
                .description("webhook deliveries and code copies not yet taken by their receiver")
                .register(metrics);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Listens to the store and loads what was pending before the start. */
    public void start() {
        store.onDeliveriesQueued(this::wake);
        wake();
    }

    /** Asks the scheduler to read the store's outbox again; returns at once (called on the store's writer thread). */
    private void wake() {
        if (closed || !scanAsked.compareAndSet(false, true)) {
            return;
        }
        onScheduler(this::scan);
    }

    private void onScheduler(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // Closing: whatever is pending stays in the store for the next start.
        }
    }

    /** Rebuilds the waiting set from the store, leaving the in-flight ones to their attempts. */
    private void scan() {
        scanAsked.set(false);
        try {
            waiting.clear();
            for (Delivery d : store.deliveries()) {
                if (!inFlight.containsKey(d.id())) {
                    waiting.add(d);
                }
            }
        } catch (RuntimeException e) {
            log.error("outbox.scan_failed", e);
        }
        dispatch();
    }

    /** Starts the due deliveries, oldest due first, up to the concurrency; sleeps until the next one. */
    private void dispatch() {
        Instant now = clock.instant();
        while (inFlight.size() < concurrency && !waiting.isEmpty() && !waiting.first().nextAttemptAt().isAfter(now)) {
            Delivery d = waiting.pollFirst();
            inFlight.put(d.id(), d);
            try {
                senders.execute(() -> attempt(d));
            } catch (RejectedExecutionException e) {
                return;
            }
        }
        pendingCount.set(waiting.size() + inFlight.size());
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (inFlight.size() < concurrency && !waiting.isEmpty() && !closed) {
            long delay = Math.max(0, Duration.between(now, waiting.first().nextAttemptAt()).toNanos());
            timer = scheduler.schedule(this::dispatch, delay, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * One attempt, on a sender thread: claims the delivery, makes the attempt, records the outcome
     * in the store, then hands back to the scheduler.
     */
    private void attempt(Delivery waited) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        Optional<Delivery> claimed;
        try {
            claimed = store.claimDelivery(waited.id(), now, now.plus(CLAIM_FOR)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("{}.claim_failed id={} reason=\"{}\" action=retry_after_s={}", name(waited), waited.id(),
                    e.toString(), CLAIM_FOR.toSeconds());
            claimed = Optional.empty();
        }
        if (claimed.isEmpty()) {
            onScheduler(() -> letGo(waited.id()));
            return;
        }
        Delivery d = claimed.get();
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = couriers.get(d.kind()).attempt(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            log.error("{}.attempt_failed id={}", name(d), d.id(), e);
            outcome = new Outcome.Failed("internal error: " + e.getClass().getSimpleName());
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Settled settled = record(d, outcome, ms);
        settled.written().whenComplete((ok, failure) -> {
            Delivery next = settled.next();
            if (failure != null && !closed) {
                log.warn("{}.record_failed id={} reason=\"{}\"", name(d), d.id(), failure.toString());
                next = d.failed(clock.instant().plus(backoff.after(d.attempts() + 1)), "store write failed");
            }
            Delivery again = next;
            onScheduler(() -> settle(d.id(), again));
        });
    }

    /** What to write for an outcome, and the delivery to keep waiting (null when it is finished). */
    private record Settled(CompletableFuture<?> written, Delivery next) {
    }

    private Settled record(Delivery d, Outcome outcome, long ms) {
        int attempt = d.attempts() + 1;
        switch (outcome) {
            case Outcome.Delivered ok -> {
                counter(d.kind(), "delivered").increment();
                log.info("{}.delivered id={} conn={} attempt={} {} ms={}", name(d), d.id(), d.connectionId(), attempt,
                        ok.detail(), ms);
                return new Settled(store.finishDelivery(d.id()), null);
            }
            case Outcome.Dropped dropped -> {
                counter(d.kind(), "dropped").increment();
                log.info("{}.dropped id={} conn={} reason={}", name(d), d.id(), d.connectionId(), dropped.reason());
                return new Settled(store.finishDelivery(d.id()), null);
            }
            case Outcome.Failed failed -> {
                Instant now = clock.instant();
                Instant deadline = d.createdAt().plus(giveUpAfter);
                if (!now.isBefore(deadline)) {
                    counter(d.kind(), "gave_up").increment();
                    log.warn("{}.gave_up id={} conn={} attempts={} reason=\"{}\"", name(d), d.id(), d.connectionId(),
                            attempt, failed.reason());
                    return new Settled(store.appendEvent(gaveUp(d, attempt, failed.reason(), now))
                            .thenCompose(done -> store.finishDelivery(d.id())), null);
                }
                // The last attempt falls on the deadline, so giving up never comes early.
                Instant next = min(now.plus(backoff.after(attempt)), deadline);
                counter(d.kind(), "failed").increment();
                log.info("{}.failed id={} conn={} attempt={} next_in_s={} ms={} reason=\"{}\"", name(d), d.id(),
                        d.connectionId(), attempt, String.format("%.3f", Duration.between(now, next).toMillis() / 1000.0),
                        ms, failed.reason());
                Delivery retried = d.failed(next, failed.reason());
                return new Settled(store.retryDelivery(retried), retried);
            }
        }
    }

    /**
     * The delivery was not ours to attempt (sent, retried or taken by another node, or the claim
     * failed): it leaves this node's queue, and the store is read again once a claim would have run
     * out. An attempt rescheduled by another node comes back sooner, through its commit.
     */
    private void letGo(String id) {
        inFlight.remove(id);
        if (rescan == null || rescan.isDone()) {
            rescan = scheduler.schedule(this::wake, CLAIM_FOR.toMillis(), TimeUnit.MILLISECONDS);
        }
        dispatch();
    }

    private void settle(String id, Delivery next) {
        inFlight.remove(id);
        if (next != null) {
            waiting.add(next);
        }
        dispatch();
    }

    private Event gaveUp(Delivery d, int attempts, String lastError, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        switch (d.kind()) {
            case WEBHOOK -> {
                data.put("webhookId", d.target());
                data.put("eventId", d.ref());
            }
            case COPY -> {
                data.put("address", d.target());
                data.put("codeId", d.ref());
            }
        }
        data.put("attempts", attempts);
        data.put("lastError", lastError);
        return new Event(ids.next("e_"), d.connectionId(), d.tenantId(), name(d) + ".gave_up",
                now.truncatedTo(ChronoUnit.MICROS), data);
    }

    private static String name(Delivery d) {
        return switch (d.kind()) {
            case WEBHOOK -> "webhook";
            case COPY -> "copy";
        };
    }

    private Counter counter(Delivery.Kind kind, String result) {
        return switch (kind) {
            case WEBHOOK -> Counter.builder("mfa.gateway.webhook.deliveries").tag("result", result)
                    .description("webhook delivery attempts by result").register(metrics);
            case COPY -> Counter.builder("mfa.gateway.copies").tag("result", result)
                    .description("code copy attempts by result").register(metrics);
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Stops sending; attempts under way are interrupted. What is pending stays in the store. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        senders.shutdownNow();
        try {
            if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("outbox.close_unfinished action=left_pending");
            }
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        couriers.values().forEach(Courier::close);
    }
}
