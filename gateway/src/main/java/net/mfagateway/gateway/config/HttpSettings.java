package net.mfagateway.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * HTTP limits: parked {@code codes/next} requests overall and per tenant (429 beyond), the time a
 * client has to send a whole request once it has started (408), and how long a kept-alive
 * connection with nothing in flight may stay idle.
 */
public record HttpSettings(int maxLongPolls, int maxLongPollsPerTenant, Duration requestTimeout, Duration idleTimeout) {

    public static final HttpSettings DEFAULTS = new HttpSettings(10_000, 2_000, Duration.ofSeconds(30),
            Duration.ofSeconds(120));

    public HttpSettings {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }
}
