package net.mfagateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.mfagateway.parsers.Channel;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.parsers.Link;
import net.mfagateway.parsers.MailParser;
import net.mfagateway.parsers.SmsParser;

/**
 * Any message is decided in bounded time (the rule patterns cannot backtrack without end), and
 * what the engine delivers is something the message holds: a code of 4 to 8 letters and digits,
 * with a digit, written in the subject or text; a link the message carries. Every build replays
 * the inputs in {@code src/test/resources/net/mfagateway/rules/RuleEngineFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} Jazzer fuzzes one of the tests instead (README, "Fuzzing").
 */
class RuleEngineFuzzTest {

    private static final RuleEngine ENGINE = RuleEngine.builtIn();
    /** Null: no rule file, the generic rules. */
    private static final List<String> UTILITIES = Arrays.asList(null, "coned", "sdge");
    /** Parse plus one evaluation per utility; the engine's own budget stops a pattern far sooner. */
    private static final Duration PER_INPUT = Duration.ofSeconds(10);
    /** What the corpus README allows for login codes; the rule files may only narrow it. */
    private static final Pattern CODE = Pattern.compile("(?=[A-Za-z]*\\d)[A-Za-z0-9]{4,8}");
    /** Gmail's forwarding confirmation code. */
    private static final Pattern CONFIRMATION_CODE = Pattern.compile("\\d{9}");
    /** What may stand between a code's characters where it is written: spaces, hyphens, line and quote marks. */
    private static final Pattern BETWEEN = Pattern.compile("[\\s\\u00A0\\->|]+");

    @FuzzTest(maxDuration = "5m")
    void anyMailIsDecidedInTimeAndNeverInventsACode(byte[] raw) {
        assertTimeoutPreemptively(PER_INPUT, () -> decideForEveryUtility(MailParser.parse(raw)));
    }

    /** An input is the sender, a line break, then the body, in UTF-8. */
    @FuzzTest(maxDuration = "5m")
    void anySmsIsDecidedInTimeAndNeverInventsACode(byte[] input) {
        String all = new String(input, StandardCharsets.UTF_8);
        int newline = all.indexOf('\n');
        String from = newline < 0 ? all : all.substring(0, newline);
        String body = newline < 0 ? "" : all.substring(newline + 1);

        assertTimeoutPreemptively(PER_INPUT, () -> decideForEveryUtility(SmsParser.parse(from, body)));
    }

    private static void decideForEveryUtility(InboundMessage message) {
        for (String utility : UTILITIES) {
            Extraction extraction = ENGINE.evaluate(message, utility, new KnownSenders(message.channel()));
            checkDelivered(extraction, message, utility);
        }
    }

    private static void checkDelivered(Extraction extraction, InboundMessage message, String utility) {
        assertThat(extraction).isNotNull();
        assertThat(extraction.confidence()).as("confidence").isBetween(0.0, 1.0);
        switch (extraction) {
            case Extraction.CodeFound found -> {
                assertThat(found.code()).as("code").matches(CODE);
                assertThat(writtenIn(found.code(), message.subject()) || writtenIn(found.code(), message.text()))
                        .as("code %s is written in the subject or text", found.code()).isTrue();
                assertThat(found.utility()).isEqualTo(utility);
                assertThat(found.ruleId()).isNotBlank();
                assertThat(found.senderStatus()).isNotNull();
            }
            case Extraction.LinkFound found -> {
                assertThat(found.link()).startsWith("https://");
                assertThat(carries(message, found.link())).as("link %s is in the message", found.link()).isTrue();
                assertThat(found.utility()).isEqualTo(utility);
                assertThat(found.ruleId()).isNotBlank();
                assertThat(found.senderStatus()).isNotNull();
            }
            case Extraction.ForwardingConfirmation confirmation -> {
                assertThat(confirmation.ruleId()).isNotBlank();
                if (confirmation.code() != null) {
                    assertThat(confirmation.code()).matches(CONFIRMATION_CODE);
                }
            }
            case Extraction.ForwardingBlocked blocked -> assertThat(blocked.ruleId()).isNotBlank();
            case Extraction.NoCode none -> {
                assertThat(none.reasons()).isNotEmpty().allSatisfy(reason -> assertThat(reason).isNotBlank());
                assertThat(none.ruleId()).isNull();
            }
        }
    }

    private static boolean writtenIn(String code, String text) {
        return BETWEEN.matcher(text).replaceAll("").contains(code);
    }

    private static boolean carries(InboundMessage message, String link) {
        return message.text().contains(link) || message.links().stream().map(Link::url).anyMatch(url -> url.strip().equals(link));
    }

    /**
     * A history that knows a few senders and holds the engine to the interface's contract: asked
     * about a named utility, and for mail about a lower-case address (an SMS sender is passed as
     * it arrived).
     */
    private static final class KnownSenders implements SenderHistory {

        private static final Map<String, Set<String>> SENT = Map.of(
                "coned", Set.of("alerts@coned-mail.example"),
                "sdge", Set.of("12345", "notices@sdge-mail.example"));

        private final Channel channel;

        KnownSenders(Channel channel) {
            this.channel = channel;
        }

        @Override
        public boolean hasSent(String utility, String sender) {
            assertThat(utility).as("utility asked about").isNotNull();
            assertThat(sender).as("sender asked about").isNotNull();
            if (channel == Channel.EMAIL) {
                assertThat(sender).as("mail sender asked about").isEqualTo(sender.toLowerCase(Locale.ROOT));
            }
            return SENT.getOrDefault(utility, Set.of()).contains(sender);
        }
    }
}
