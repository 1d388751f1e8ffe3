package net.mfagateway.rules;

import java.util.Locale;

/** Whether a message's author is a sender its utility is known to use. */
public enum SenderStatus {
    /** A sender the utility declares or has used before. */
    KNOWN,
    /** The utility's template from a sender it has not used: delivered, and flagged. */
    ROTATED,
    /** No rule file for the utility, or nothing tells who sent it. */
    UNKNOWN;

    /** The lower-case name used in JSON and the HTTP API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
