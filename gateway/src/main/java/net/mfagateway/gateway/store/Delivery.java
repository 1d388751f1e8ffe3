package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the outbox: something to send until the receiver takes it. The store queues
 * deliveries in the same commit as what they announce, so none is lost or invented by a crash.
 * A {@link Kind#WEBHOOK} delivery POSTs event {@code ref} to webhook {@code target}; a
 * {@link Kind#COPY} delivery mails code {@code ref} to address {@code target}.
 */
public record Delivery(
        String id,
        Kind kind,
        String tenantId,
        String connectionId,
        String target,
        String ref,
        Instant createdAt,
        int attempts,
        Instant nextAttemptAt,
        String lastError) {

    public enum Kind {
        WEBHOOK, COPY
    }

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** The delivery after a failed attempt: one more attempt counted, the next one scheduled. */
    public Delivery failed(Instant next, String error) {
        return new Delivery(id, kind, tenantId, connectionId, target, ref, createdAt, attempts + 1, next, error);
    }
}
