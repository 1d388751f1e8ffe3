package net.mfagateway.gateway.worker;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a portal left in the worker's "browser" after a login: its cookies (session, device-trust
 * token), by name. {@code trustedAt} is when the portal last trusted this device, that is when a
 * login passed its second factor with "remember this device"; null while it never has. A secret:
 * kept sealed, never logged ({@link #toString} names the cookies, not their values).
 */
public record PortalState(Map<String, String> cookies, Instant trustedAt) {

    public PortalState {
        cookies = Map.copyOf(Objects.requireNonNull(cookies, "cookies"));
    }

    public static final PortalState EMPTY = new PortalState(Map.of(), null);

    public boolean isEmpty() {
        return cookies.isEmpty();
    }

    @Override
    public String toString() {
        return "PortalState[cookies=" + new TreeMap<>(cookies).keySet() + ", trustedAt=" + trustedAt + "]";
    }
}
