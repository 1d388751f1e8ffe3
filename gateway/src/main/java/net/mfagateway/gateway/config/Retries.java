package net.mfagateway.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox retries a webhook delivery or a code copy that failed: the first wait is
 * {@code first}, doubling (with jitter) up to {@code max}; a delivery still failing
 * {@code giveUpAfter} after it was queued is given up with an event.
 */
public record Retries(Duration first, Duration max, Duration giveUpAfter) {

    public Retries {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || giveUpAfter.isNegative()
                || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("need 0 < first <= max and giveUpAfter > 0: " + first + ", " + max
                    + ", " + giveUpAfter);
        }
    }

    public static final Retries DEFAULT = new Retries(Duration.ofSeconds(1), Duration.ofMinutes(10),
            Duration.ofHours(24));
}
