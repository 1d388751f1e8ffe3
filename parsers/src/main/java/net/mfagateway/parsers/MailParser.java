package net.mfagateway.parsers;

import net.mfagateway.parsers.internal.MailReading;

/**
 * Turns raw RFC 5322 bytes into an {@link InboundMessage}. Lenient: malformed input gives what
 * can be recovered plus a list of problems; it never throws. Stateless and thread-safe.
 */
public final class MailParser {

    private MailParser() {
    }

    /** Parses one message; {@code raw} is not modified or kept. */
    public static InboundMessage parse(byte[] raw) {
        return MailReading.read(raw);
    }
}
