package net.mfagateway.gateway.edge.smtp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How many messages each connection's address may receive per minute: a token bucket per
 * connection, full at {@code perMinute} and refilled continuously, so a burst up to the limit
 * passes and a flood is held back. {@link #allows} is asked at RCPT, {@link #record} spends a
 * token for each message stored, so a sender's refused or abandoned transactions cost nothing.
 * Thread-safe. Only connections that exist get a bucket (RCPT resolves them first), so the map
 * is bounded by the store's connections; a bucket that has filled up again is dropped.
 */
final class MessageRate {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private record Bucket(double tokens, long at) {
    }

    MessageRate(int perMinute, LongSupplier nanos) {
        this.perMinute = perMinute;
        this.nanos = nanos;
    }

    /** True while the connection has at least one message left in its budget. */
    boolean allows(String connectionId) {
        Bucket b = buckets.get(connectionId);
        return b == null || refilled(b, nanos.getAsLong()) >= 1;
    }

    /** One message was stored for the connection. */
    void record(String connectionId) {
        long now = nanos.getAsLong();
        buckets.compute(connectionId, (id, b) -> new Bucket((b == null ? perMinute : refilled(b, now)) - 1, now));
        if (buckets.size() > 1024) {
            buckets.values().removeIf(b -> refilled(b, now) >= perMinute);
        }
    }

    private double refilled(Bucket b, long now) {
        return Math.min(perMinute, b.tokens() + (double) (now - b.at()) * perMinute / MINUTE_NANOS);
    }
}
