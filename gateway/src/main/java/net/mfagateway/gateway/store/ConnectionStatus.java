package net.mfagateway.gateway.store;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a connection stands, as the HTTP API spells it. The last three come from what portals
 * answer to the stored password: refused it, demand a new one, or do not answer at all.
 */
public enum ConnectionStatus {
    PENDING, MFA_REQUIRED, CONNECTED, MFA_TOKEN_EXPIRED, NEEDS_ATTENTION, PASSWORD_INCORRECT, NEW_PASSWORD_NEEDED,
    WEBSITE_DOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConnectionStatus> fromWire(String name) {
        for (ConnectionStatus s : values()) {
            if (s.wireName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
