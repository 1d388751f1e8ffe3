package net.mfagateway.gateway.store;

import java.util.Objects;

/**
 * How the in-service login worker logs a connection into its portal: which driver (one per
 * portal kind), the portal's base URL, the account's user name, and how often to log in.
 * {@link #NONE} in an edit removes the worker login.
 */
public record PortalLogin(String driver, String url, String username, long everySeconds) {

    public static final PortalLogin NONE = new PortalLogin("none", "", "", 0);

    public PortalLogin {
        Objects.requireNonNull(driver, "driver");
        url = url == null ? "" : url;
        username = username == null ? "" : username;
    }

    public boolean isNone() {
        return driver.equals(NONE.driver);
    }
}
