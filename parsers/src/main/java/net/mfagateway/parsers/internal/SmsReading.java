package net.mfagateway.parsers.internal;

import java.util.List;
import java.util.Map;
import net.mfagateway.parsers.Channel;
import net.mfagateway.parsers.Forwarding;
import net.mfagateway.parsers.InboundMessage;

/** The entry point {@link net.mfagateway.parsers.SmsParser} delegates to. Not API. */
public final class SmsReading {

    private SmsReading() {
    }

    /**
     * The body as a reader sees it, cleaned as mail text is: any line break (CRLF, LF or a lone CR)
     * a line feed, no-break spaces plain, zero-width characters gone, at most one blank line.
     */
    public static InboundMessage read(String from, String body) {
        String sender = from == null ? "" : from.strip();
        String text = body == null ? "" : VisibleChars.normalise(body);
        return new InboundMessage(Channel.SMS, sender, sender, Forwarding.DIRECT, "", text, List.of(), "", Map.of(),
                List.of());
    }
}
