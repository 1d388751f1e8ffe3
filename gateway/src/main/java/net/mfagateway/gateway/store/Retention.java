package net.mfagateway.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets old data go: raw mail and codes older than {@code content}, events older than
 * {@code events}. Sweeps once shortly after start, then every hour, through
 * {@link Store#expire}, so the store stays bounded under steady traffic.
 */
public final class Retention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final Duration EVERY = Duration.ofHours(1);

    private final Store store;
    private final Clock clock;
    private final Duration content;
    private final Duration events;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "retention");
        t.setDaemon(true);
        return t;
    });

    public Retention(Store store, Clock clock, Duration content, Duration events) {
        this.store = store;
        this.clock = clock;
        this.content = content;
        this.events = events;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::sweepQuietly, 60, EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** One sweep now; completes with how many entries went. */
    public long sweep() {
        Instant now = clock.instant();
        long start = System.nanoTime();
        long removed = store.expire(now.minus(content), now.minus(events)).orTimeout(5, TimeUnit.MINUTES).join();
        log.info("store.retention_sweep removed={} content_days={} event_days={} ms={}", removed, content.toDays(),
                events.toDays(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return removed;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.error("store.retention_failed reason={} action=retry_next_hour", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
