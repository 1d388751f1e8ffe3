package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Why a connection is in its status, for a person: a stable {@code reason} (machine code, e.g.
 * {@code forwarding_stopped}), a sentence saying what was seen, and what to do about it, best
 * first.
 */
public record Diagnosis(String reason, String message, List<String> advice, Instant at) {
    public Diagnosis {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        advice = advice == null ? List.of() : List.copyOf(advice);
    }
}
