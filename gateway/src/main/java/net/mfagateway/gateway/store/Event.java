package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.LinkedHashMap;
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

    /**
     * The event as callers see it, in {@code GET /v1/connections/{id}/events} and in webhook
     * bodies alike: {@code {"id", "type", "at", "connectionId", "data"}}, ready for JSON.
     */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", type);
        m.put("at", at.toString());
        m.put("connectionId", connectionId);
        m.put("data", data);
        return m;
    }
}
