package net.mfagateway.parsers;

import net.mfagateway.parsers.internal.SmsReading;

/** Turns one SMS (sender number or short code, and body) into an {@link InboundMessage}. */
public final class SmsParser {

    private SmsParser() {
    }

    /**
     * Thread-safe and side-effect free; {@code from} and {@code body} may be empty, never null. The
     * body becomes the message's text as a reader sees it, like a mail's (see {@link InboundMessage}).
     */
    public static InboundMessage parse(String from, String body) {
        return SmsReading.read(from, body);
    }
}
