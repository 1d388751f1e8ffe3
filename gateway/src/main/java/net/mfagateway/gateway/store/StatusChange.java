package net.mfagateway.gateway.store;

import java.util.Objects;

/**
 * A connection moving to {@code status}, with the {@code connection.status} event that records it.
 * The store applies it only when the status or the diagnosis reason actually changes; otherwise
 * nothing is written, not even the event.
 */
public record StatusChange(String connectionId, ConnectionStatus status, Diagnosis diagnosis, Event event) {
    public StatusChange {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(event, "event");
    }
}
