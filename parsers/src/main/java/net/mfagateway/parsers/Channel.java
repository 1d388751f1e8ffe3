package net.mfagateway.parsers;

import java.util.Locale;

/** The way a message entered the gateway. */
public enum Channel {
    EMAIL, SMS, MANUAL;

    /** The lower-case name used in JSON and the HTTP API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
