package net.mfagateway.gateway.api;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps parked {@code codes/next} requests, overall and per tenant, so one tenant (or a client
 * that never stops opening them) cannot exhaust the gateway's memory or file descriptors.
 * Beyond a cap the request is answered 429 at once.
 */
final class LongPollLimits {

    private final int overall;
    private final int perTenant;
    private final AtomicInteger parked = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byTenant = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;

    LongPollLimits(int overall, int perTenant, MeterRegistry metrics) {
        this.overall = overall;
        this.perTenant = perTenant;
        this.metrics = metrics;
    }

    /** Takes a place for one parked request of {@code tenantId}, or throws the 429. Pair with {@link #release}. */
    void acquire(String tenantId) {
        AtomicInteger mine = byTenant.computeIfAbsent(tenantId, t -> new AtomicInteger());
        if (mine.incrementAndGet() > perTenant) {
            mine.decrementAndGet();
            throw refused("tenant", "this tenant already has " + perTenant + " parked codes/next requests");
        }
        if (parked.incrementAndGet() > overall) {
            parked.decrementAndGet();
            mine.decrementAndGet();
            throw refused("overall", "the gateway already holds " + overall + " parked codes/next requests");
        }
    }

    void release(String tenantId) {
        parked.decrementAndGet();
        AtomicInteger mine = byTenant.get(tenantId);
        if (mine != null) {
            mine.decrementAndGet();
        }
    }

    private ApiException refused(String limit, String why) {
        metrics.counter("mfa.gateway.longpoll.refused", "limit", limit).increment();
        return ApiException.tooManyRequests("too_many_waits", why + "; close some or retry in a few seconds");
    }
}
