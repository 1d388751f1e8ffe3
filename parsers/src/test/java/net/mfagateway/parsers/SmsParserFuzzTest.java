package net.mfagateway.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Any SMS parses, in bounded time, into a message that keeps {@link InboundMessage}'s contract
 * and every visible character of the body, in order. An input is the sender, a line break, then
 * the body, in UTF-8 (as Twilio's webhook delivers them), so the inputs every build replays from
 * {@code src/test/resources/net/mfagateway/parsers/SmsParserFuzzTestInputs/} read as plain text.
 * With {@code JAZZER_FUZZ=1} Jazzer fuzzes instead (README, "Fuzzing").
 */
class SmsParserFuzzTest {

    private static final Duration PER_INPUT = Duration.ofSeconds(5);

    @FuzzTest(maxDuration = "5m")
    void anyTextParsesInTimeIntoAMessageThatSaysWhatArrived(byte[] input) {
        String all = new String(input, StandardCharsets.UTF_8);
        int newline = all.indexOf('\n');
        String from = newline < 0 ? all : all.substring(0, newline);
        String body = newline < 0 ? "" : all.substring(newline + 1);

        InboundMessage message = assertTimeoutPreemptively(PER_INPUT, () -> SmsParser.parse(from, body));

        assertThat(message.channel()).isEqualTo(Channel.SMS);
        assertThat(message.forwarding()).isEqualTo(Forwarding.DIRECT);
        assertThat(message.sender()).isEqualTo(from.strip());
        assertThat(message.originalSender()).isEqualTo(message.sender());
        MessageContract.checkText("text", message.text());
        assertThat(MessageContract.visible(message.text())).isEqualTo(MessageContract.visible(body));
        assertThat(message.subject()).isEmpty();
        assertThat(message.outerText()).isEmpty();
        assertThat(message.links()).isEmpty();
        assertThat(message.headers()).isEmpty();
        assertThat(message.problems()).isEmpty();
    }
}
