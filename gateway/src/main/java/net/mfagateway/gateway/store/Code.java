package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A code (or verification link) delivered to a connection: what {@code codes/next} returns.
 * {@code kind} is {@code code} or {@code link}; for a link, {@code code} holds the URL.
 */
public record Code(
        String id,
        String connectionId,
        String messageId,
        String code,
        String kind,
        Instant receivedAt,
        String channel,
        String sender,
        String originalSender,
        String forwarding,
        String utility,
        String ruleId,
        String senderStatus,
        double confidence) {

    public Code {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(channel, "channel");
    }

    /** The code as logs may show it: the first two characters, the rest masked. */
    public String redacted() {
        int shown = Math.min(2, code.length() / 3);
        return code.substring(0, shown) + "*".repeat(Math.max(4, code.length() - shown));
    }
}
