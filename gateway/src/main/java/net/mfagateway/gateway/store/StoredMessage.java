package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A received message as kept for re-evaluation: the raw bytes exactly as accepted, and what
 * was extracted from them. {@code dedupKey} identifies the same message re-sent to the same
 * connection (a Message-ID or a content hash), so a sender's retry stores it once.
 */
public record StoredMessage(
        String id,
        String connectionId,
        String channel,
        Instant receivedAt,
        String envelopeSender,
        String dedupKey,
        String kind,
        String ruleId,
        List<String> reasons,
        byte[] raw) {

    public StoredMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(kind, "kind");
        reasons = List.copyOf(reasons);
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    public int size() {
        return raw.length;
    }
}
