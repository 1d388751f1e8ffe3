package net.mfagateway.parsers;

import java.util.Locale;

/** How a message reached the gateway: straight from its author, or forwarded on the way. */
public enum Forwarding {
    /** The author mailed the connection address itself. */
    DIRECT,
    /** The customer's mailbox server forwarded or redirected it automatically. */
    AUTO,
    /** A person forwarded it as a new message, with the original in a quoted block. */
    INLINE,
    /** A person forwarded it as a message/rfc822 attachment. */
    ATTACHED;

    /** The lower-case name used in JSON and the HTTP API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
