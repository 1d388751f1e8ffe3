package net.mfagateway.gateway.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The outbound SMTP relay code copies are mailed through. {@code username} and {@code password}
 * come together or not at all; {@code starttls} demands STARTTLS before anything else is sent.
 * {@code from} is the copies' sender address. {@link #toString} masks the password.
 */
public record Relay(String host, int port, Optional<String> username, Optional<String> password, boolean starttls,
        String from) {

    public Relay {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(from, "from");
    }

    @Override
    public String toString() {
        return "host=" + host + " port=" + port + " username=" + username.orElse("<unset>") + " password="
                + (password.isPresent() ? "<masked>" : "<unset>") + " starttls=" + starttls + " from=" + from;
    }
}
