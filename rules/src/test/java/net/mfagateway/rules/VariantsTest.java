package net.mfagateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.mfagateway.rules.internal.ExampleRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Rules that hold on the corpus must hold on the mail and texts like it that we never see. Each
 * corpus message whose answer is a code or a link is changed in the ways utilities, mail clients
 * and forwarders change such messages (another code of the same shape, other layout and spacing,
 * one alternative only, other subject and sender name, a sender sub-domain, no utility given),
 * each change keeping the meaning, and must still give the right answer. Seeded, so every run
 * makes the same variants.
 */
class VariantsTest {

    private static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleEngine ENGINE = RuleEngine.builtIn();
    private static final long SEED = 20250314L;

    /** Per variant kind: how many gave the right answer, none, or a wrong one. */
    private static final Map<String, int[]> tally = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> mailVariantsGiveTheSameAnswer() throws IOException {
        Random random = new Random(SEED);
        List<Variant> variants = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS.resolve("email"))) {
            for (Path json : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = json.getFileName().toString().replaceFirst("\\.json$", "");
                JsonNode c = JSON.readTree(json.toFile());
                JsonNode expect = c.get("expect");
                variants.addAll(MailVariants.of(name, text(c, "utility"), answer(expect), text(expect, "forwarding"),
                        text(expect, "originalSender"), Files.readAllBytes(json.resolveSibling(name + ".eml")), random));
            }
        }
        return variants.stream().map(v -> DynamicTest.dynamicTest(v.toString(), () -> check(v)));
    }

    @TestFactory
    Stream<DynamicTest> smsVariantsGiveTheSameAnswer() throws IOException {
        Random random = new Random(SEED);
        List<Variant> variants = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("sms/cases.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = JSON.readTree(line);
            variants.addAll(SmsVariants.of(text(c, "id"), text(c, "utility"), answer(c.get("expect")), text(c, "from"),
                    text(c, "body"), random));
        }
        return variants.stream().map(v -> DynamicTest.dynamicTest(v.toString(), () -> check(v)));
    }

    @AfterAll
    static void summary() {
        int[] all = new int[3];
        StringBuilder perKind = new StringBuilder();
        new TreeMap<>(tally).forEach((kind, n) -> {
            for (int i = 0; i < 3; i++) {
                all[i] += n[i];
            }
            perKind.append(String.format("%n  %-30s right=%d none=%d wrong=%d", kind, n[0], n[1], n[2]));
        });
        System.out.printf("variants summary: total=%d right=%d none=%d wrong=%d%s%n", all[0] + all[1] + all[2], all[0],
                all[1], all[2], perKind);
    }

    private static void check(Variant v) {
        Extraction got = ENGINE.evaluate(v.input().parse(), v.utility(), SenderHistory.NONE);
        String mismatch = ExampleRunner.mismatch(v.expect(), got);
        int outcome = mismatch == null ? 0 : got instanceof Extraction.NoCode ? 1 : 2;
        tally.computeIfAbsent(v.kind(), k -> new int[3]);
        synchronized (tally) {
            tally.get(v.kind())[outcome]++;
        }
        assertThat(mismatch).as(v + " (" + ExampleRunner.describe(got) + ")").isNull();
    }

    /** The answer's fields a variant is held to: forwarding and originalSender are the parser's. */
    private static Map<String, String> answer(JsonNode expect) {
        Map<String, String> fields = new TreeMap<>();
        expect.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        fields.remove("forwarding");
        fields.remove("originalSender");
        return fields;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

}
