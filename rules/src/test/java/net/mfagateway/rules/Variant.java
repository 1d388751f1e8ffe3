package net.mfagateway.rules;

import java.util.Map;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.parsers.MailParser;
import net.mfagateway.parsers.SmsParser;

/**
 * One corpus case changed in one realistic way whose right answer is still known: {@code expect}
 * holds the fields the answer must have (kind, and code or link, and senderStatus where the change
 * leaves it as it was).
 */
record Variant(String caseName, String kind, Input input, String utility, Map<String, String> expect) {

    /** The message as received: raw mail or an SMS. */
    sealed interface Input {
        InboundMessage parse();
    }

    record Mail(byte[] raw) implements Input {
        @Override
        public InboundMessage parse() {
            return MailParser.parse(raw);
        }
    }

    record Sms(String from, String body) implements Input {
        @Override
        public InboundMessage parse() {
            return SmsParser.parse(from, body);
        }
    }

    @Override
    public String toString() {
        return caseName + " / " + kind;
    }
}
