package net.mfagateway.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.mfagateway.parsers.MailParser;

/**
 * Measures parse + evaluate on one thread: messages per second and per-message p50 / p99 / max,
 * after a warm-up, over every corpus mail ({@code email/*.eml}, each with its connection's
 * utility). Not a test; unit tests never assert on timing. Targets: at least 2,000 messages/s per
 * core and p99 at most 5 ms.
 *
 * <p>Command, from the repository root:
 * <pre>
 * ./mvnw -q -pl parsers,rules test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * JAVA=$(ls -d /usr/lib/jvm/*25*)/bin/java   # any JDK >= 21
 * $JAVA -cp rules/target/test-classes:rules/target/classes:parsers/target/classes:$(cat rules/target/cp.txt) \
 *     net.mfagateway.rules.ExtractionBenchmark rules/src/test/resources/corpus
 * </pre>
 */
public final class ExtractionBenchmark {

    private static final int WARMUP_ROUNDS = 30;
    private static final int MEASURED_ROUNDS = 60;

    private ExtractionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "rules/src/test/resources/corpus");
        List<byte[]> mails = new ArrayList<>();
        List<String> utilities = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus.resolve("email"))) {
            for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                mails.add(Files.readAllBytes(eml));
                Path json = eml.resolveSibling(eml.getFileName().toString().replaceFirst("\\.eml$", ".json"));
                utilities.add(Files.exists(json) ? new ObjectMapper().readTree(json.toFile()).path("utility").asText(null)
                        : null);
            }
        }
        RuleEngine engine = RuleEngine.builtIn();
        long sink = 0;
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (int i = 0; i < mails.size(); i++) {
                sink += engine.evaluate(MailParser.parse(mails.get(i)), utilities.get(i), SenderHistory.NONE).kind().length();
            }
        }
        long[] nanos = new long[mails.size() * MEASURED_ROUNDS];
        int n = 0;
        long start = System.nanoTime();
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            for (int i = 0; i < mails.size(); i++) {
                long t0 = System.nanoTime();
                sink += engine.evaluate(MailParser.parse(mails.get(i)), utilities.get(i), SenderHistory.NONE).kind().length();
                nanos[n++] = System.nanoTime() - t0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        System.out.printf("messages %d (%d mails x %d rounds, 1 thread, after %d warm-up rounds)%n", n, mails.size(),
                MEASURED_ROUNDS, WARMUP_ROUNDS);
        System.out.printf("throughput %.0f messages/s%n", n / seconds);
        System.out.printf("per message p50 %.3f ms  p99 %.3f ms  max %.3f ms%n", nanos[n / 2] / 1e6,
                nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6);
        List<net.mfagateway.parsers.InboundMessage> parsed = mails.stream().map(MailParser::parse).toList();
        long t1 = System.nanoTime();
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            for (int i = 0; i < parsed.size(); i++) {
                sink += engine.evaluate(parsed.get(i), utilities.get(i), SenderHistory.NONE).kind().length();
            }
        }
        System.out.printf("evaluate alone %.0f messages/s%n", n / ((System.nanoTime() - t1) / 1e9));
        System.out.println("(checksum " + sink + ")");
    }
}
