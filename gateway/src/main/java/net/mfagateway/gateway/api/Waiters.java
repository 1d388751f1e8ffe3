package net.mfagateway.gateway.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.mfagateway.gateway.intake.CodeListener;
import net.mfagateway.gateway.store.Code;

/**
 * The parked long-polls, by connection. {@link #codeStored} is called by the commit that stores
 * a code and completes every waiter that wants it; a waiter costs a map entry, not a thread.
 */
public final class Waiters implements CodeListener {

    private final ConcurrentHashMap<String, Set<Waiter>> byConnection = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Timer deliveryTimer;
    private final Clock clock;

    public Waiters(MeterRegistry metrics, Clock clock) {
        this.clock = clock;
        Gauge.builder("mfa.gateway.longpoll.waiting", waiting, AtomicInteger::get)
                .description("parked codes/next requests")
                .register(metrics);
        this.deliveryTimer = Timer.builder("mfa.gateway.code.delivery")
                .description("code accepted -> handed to a waiting long-poll")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(metrics);
    }

    void park(Waiter waiter) {
        byConnection.computeIfAbsent(waiter.connectionId(), k -> ConcurrentHashMap.newKeySet()).add(waiter);
        waiting.incrementAndGet();
    }

    void remove(Waiter waiter) {
        Set<Waiter> set = byConnection.get(waiter.connectionId());
        if (set != null && set.remove(waiter)) {
            waiting.decrementAndGet();
            byConnection.computeIfPresent(waiter.connectionId(), (k, s) -> s.isEmpty() ? null : s);
        }
    }

    int waiting() {
        return waiting.get();
    }

    @Override
    public void codeStored(Code code) {
        Set<Waiter> set = byConnection.get(code.connectionId());
        if (set == null) {
            return;
        }
        for (Waiter w : set) {
            if (w.wants(code) && w.deliver(code)) {
                remove(w);
                deliveryTimer.record(Duration.between(code.receivedAt(), clock.instant()));
            }
        }
    }
}
