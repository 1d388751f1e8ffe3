package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Something that happened to a connection, kept in order ({@code id} sorts by creation). */
public record Event(String id, String connectionId, String tenantId, String type, Instant at, Map<String, Object> data) {
    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        data = Map.copyOf(data);
    }
}
