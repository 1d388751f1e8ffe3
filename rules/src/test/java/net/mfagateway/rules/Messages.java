package net.mfagateway.rules;

import java.util.List;
import java.util.Map;
import net.mfagateway.parsers.Channel;
import net.mfagateway.parsers.Forwarding;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.parsers.Link;
import net.mfagateway.parsers.SmsParser;

/** Short inline messages for focused tests. */
final class Messages {

    private Messages() {
    }

    static InboundMessage mail(String from, String subject, String text) {
        return new InboundMessage(Channel.EMAIL, from, from, Forwarding.DIRECT, subject, text, List.of(), "", Map.of(),
                List.of());
    }

    static InboundMessage mail(String from, String subject, String text, List<Link> links) {
        return new InboundMessage(Channel.EMAIL, from, from, Forwarding.DIRECT, subject, text, links, "", Map.of(),
                List.of());
    }

    static InboundMessage forwarded(String person, String author, String note, String subject, String text) {
        return new InboundMessage(Channel.EMAIL, person, author, Forwarding.INLINE, subject, text, List.of(), note,
                Map.of(), List.of());
    }

    static InboundMessage sms(String from, String body) {
        return SmsParser.parse(from, body);
    }
}
