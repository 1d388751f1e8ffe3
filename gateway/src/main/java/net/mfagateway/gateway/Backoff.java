package net.mfagateway.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Waits between attempts: {@code first} after the first failure, doubling up to {@code max},
 * with equal jitter (half the step fixed, half random) so receivers that come back are not hit
 * by every sender at once, yet no retry follows its failure immediately.
 */
public record Backoff(Duration first, Duration max, RandomGenerator random) {

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(random, "random");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max: " + first + ", " + max);
        }
    }

    /** The wait after the {@code failures}-th failed attempt (1 for the first). */
    public Duration after(int failures) {
        long step = first.toNanos();
        for (int i = 1; i < failures && step < max.toNanos(); i++) {
            step *= 2;
        }
        step = Math.min(step, max.toNanos());
        long half = step / 2;
        return Duration.ofNanos(step - half + random.nextLong(half + 1));
    }
}
