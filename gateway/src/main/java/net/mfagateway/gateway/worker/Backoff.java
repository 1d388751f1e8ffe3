package net.mfagateway.gateway.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff: {@code base} after the first failure, doubling, capped, with 20% jitter either way. */
final class Backoff {

    private Backoff() {
    }

    static Duration after(int failures, Duration base, Duration max) {
        long millis = base.toMillis() << Math.min(Math.max(failures - 1, 0), 30);
        if (millis <= 0 || millis > max.toMillis()) {
            millis = max.toMillis();
        }
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (millis * jitter)));
    }
}
