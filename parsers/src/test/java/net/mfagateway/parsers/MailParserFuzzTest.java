package net.mfagateway.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Any bytes parse, in bounded time, into a message that keeps {@link InboundMessage}'s contract
 * ({@link MessageContract}). Every build replays the inputs in
 * {@code src/test/resources/net/mfagateway/parsers/MailParserFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} Jazzer fuzzes instead (README, "Fuzzing").
 */
class MailParserFuzzTest {

    /** Far above any real message's parse time (milliseconds), low enough to catch a hang. */
    private static final Duration PER_INPUT = Duration.ofSeconds(5);

    @FuzzTest(maxDuration = "5m")
    void anyBytesParseInTimeIntoAMessageThatKeepsItsContract(byte[] raw) {
        byte[] copy = raw.clone();

        InboundMessage message = assertTimeoutPreemptively(PER_INPUT, () -> MailParser.parse(raw),
                () -> "parsing took over " + PER_INPUT + " (" + raw.length + " bytes)");

        MessageContract.checkMail(message);
        assertThat(raw).as("the caller's bytes are not modified").isEqualTo(copy);
    }

    @Test
    void parsedMessageHasNoPlaceForACode() {
        // Parsers describe what a reader sees; only the rule engine decides what is a code.
        assertThat(Arrays.stream(InboundMessage.class.getRecordComponents())
                .map(RecordComponent::getName)
                .map(name -> name.toLowerCase(Locale.ROOT)))
                .noneMatch(name -> name.contains("code") || name.contains("otp") || name.contains("pin"));
    }
}
