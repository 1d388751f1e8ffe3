package net.mfagateway.parsers;

import java.util.List;
import java.util.Map;

/** Turns one SMS (sender number or short code, and body) into an {@link InboundMessage}. */
public final class SmsParser {

    private SmsParser() {
    }

    /** Thread-safe and side-effect free; {@code from} and {@code body} may be empty, never null. */
    public static InboundMessage parse(String from, String body) {
        String sender = from == null ? "" : from.strip();
        String text = body == null ? "" : body.replace("\r\n", "\n");
        return new InboundMessage(Channel.SMS, sender, sender, Forwarding.DIRECT, "", text,
                List.of(), "", Map.of(), List.of());
    }
}
