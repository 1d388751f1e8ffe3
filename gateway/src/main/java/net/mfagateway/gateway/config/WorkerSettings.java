package net.mfagateway.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the in-service login workers behave: how many logins run at once, how long a login waits
 * for its code, the least time between two logins to one utility's portal, the backoff after
 * failures, how many failed logins in a row make a connection {@code needs_attention}, and how long
 * a portal's remembered device (its session state) is kept after the portal last trusted it.
 */
public record WorkerSettings(int concurrency, Duration codeWait, Duration utilityInterval, Duration retryBase,
        Duration retryMax, int attentionAfter, Duration deviceTtl) {

    public static final WorkerSettings DEFAULTS = new WorkerSettings(4, Duration.ofSeconds(120), Duration.ofSeconds(2),
            Duration.ofMinutes(5), Duration.ofHours(6), 3, Duration.ofDays(30));

    public WorkerSettings {
        Objects.requireNonNull(codeWait, "codeWait");
        Objects.requireNonNull(utilityInterval, "utilityInterval");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(deviceTtl, "deviceTtl");
    }
}
