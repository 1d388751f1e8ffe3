package net.mfagateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.parsers.MailParser;
import net.mfagateway.parsers.SmsParser;
import net.mfagateway.rules.internal.ExampleRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus message, parsed and evaluated with the connection's utility and no sender history,
 * must give the expected kind, code, link and sender status. Forwarding and originalSender are the
 * parser's to get right (its own corpus test).
 */
class CorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleEngine ENGINE = RuleEngine.builtIn();

    /**
     * Cases that honest, general rules still answer with none (missed recall), each with its
     * reason. Must equal the failing set exactly, so a fix forces its removal. A wrong code is
     * never listed here: it fails the build.
     */
    private static final Map<String, String> KNOWN_MISSES = Map.of();

    private static final Map<String, String> failures = new ConcurrentHashMap<>();
    private static final Map<String, String> wrong = new ConcurrentHashMap<>();
    private static final Map<String, Integer> tally = new ConcurrentHashMap<>();

    static Stream<Named<Case>> mail() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve("email"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(json -> {
                String name = json.getFileName().toString().replaceFirst("\\.json$", "");
                return Named.of(name, new Case(name, read(json), json.resolveSibling(name + ".eml")));
            }).toList().stream();
        }
    }

    static Stream<Named<Case>> sms() throws IOException {
        return Files.readAllLines(CORPUS.resolve("sms/cases.jsonl")).stream().filter(l -> !l.isBlank()).map(line -> {
            JsonNode c = parse(line);
            return Named.of(c.get("id").asText(), new Case(c.get("id").asText(), c, null));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mail")
    void mailGivesTheExpectedAnswer(Case c) throws IOException {
        InboundMessage message = MailParser.parse(Files.readAllBytes(c.eml()));
        check(c, ENGINE.evaluate(message, text(c.json(), "utility"), SenderHistory.NONE), "mail");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sms")
    void smsGivesTheExpectedAnswer(Case c) {
        InboundMessage message = SmsParser.parse(text(c.json(), "from"), text(c.json(), "body"));
        check(c, ENGINE.evaluate(message, text(c.json(), "utility"), SenderHistory.NONE), "sms");
    }

    @AfterAll
    static void failingSetIsExactlyTheKnownMisses() {
        Map<String, Integer> sorted = new TreeMap<>(tally);
        System.out.println("corpus summary: " + sorted + " wrong=" + wrong.size() + " none-instead=" + failures.size()
                + (failures.isEmpty() ? "" : " " + new TreeMap<>(failures)));
        assertThat(wrong).as("wrong answers are never tolerated").isEmpty();
        assertThat(failures.keySet()).as("failing cases must be exactly KNOWN_MISSES").isEqualTo(KNOWN_MISSES.keySet());
    }

    private static void check(Case c, Extraction got, String channel) {
        JsonNode expect = c.json().get("expect");
        Map<String, String> fields = new TreeMap<>();
        expect.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        fields.remove("forwarding");
        fields.remove("originalSender");
        String mismatch = ExampleRunner.mismatch(fields, got);
        String kind = fields.get("kind");
        if (mismatch == null) {
            tally.merge(channel + "." + kind + ".right", 1, Integer::sum);
            return;
        }
        if (got instanceof Extraction.NoCode) {
            tally.merge(channel + "." + kind + ".none", 1, Integer::sum);
            failures.put(c.name(), mismatch);
            if (KNOWN_MISSES.containsKey(c.name())) {
                return;
            }
        } else {
            tally.merge(channel + "." + kind + ".wrong", 1, Integer::sum);
            wrong.put(c.name(), mismatch);
        }
        assertThat(mismatch).as(c.name()).isNull();
    }

    record Case(String name, JsonNode json, Path eml) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static JsonNode read(Path json) {
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(json + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Set<String> knownMisses() {
        return KNOWN_MISSES.keySet();
    }
}
