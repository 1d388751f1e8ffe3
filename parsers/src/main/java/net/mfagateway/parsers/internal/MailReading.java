package net.mfagateway.parsers.internal;

import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Map;
import net.mfagateway.parsers.Channel;
import net.mfagateway.parsers.Forwarding;
import net.mfagateway.parsers.InboundMessage;

/** The entry point {@link net.mfagateway.parsers.MailParser} delegates to. Not API. */
public final class MailReading {

    private MailReading() {
    }

    /** Reads raw RFC 5322 bytes; never throws, whatever the bytes are. */
    public static InboundMessage read(byte[] raw) {
        return ProviderLookup.during(() -> readWithAngus(raw));
    }

    private static InboundMessage readWithAngus(byte[] raw) {
        Problems problems = new Problems();
        if (raw == null || raw.length == 0) {
            problems.add("empty message");
            return empty(problems);
        }
        try {
            MimeEntity message = MimeTree.read(raw, problems);
            Reading reading = new MessageReader(problems).read(message, 0);
            return new InboundMessage(Channel.EMAIL, reading.sender(), reading.originalSender(),
                    reading.forwarding(), reading.subject(), reading.text(), reading.links(),
                    reading.outerText(), message.headers().asMap(), problems.asList());
        } catch (MessagingException | RuntimeException | StackOverflowError e) {
            // A bug or input beyond every repair: report it as a problem, never to the caller.
            problems.add("unreadable: " + e.getClass().getSimpleName());
            return empty(problems);
        }
    }

    private static InboundMessage empty(Problems problems) {
        return new InboundMessage(Channel.EMAIL, "", "", Forwarding.DIRECT, "", "", List.of(), "", Map.of(),
                problems.asList());
    }
}
