package net.mfagateway.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.parsers.MailParser;

/**
 * Measures the rules engine on one thread over every corpus mail ({@code email/*.eml}, each with
 * its connection's utility from the {@code .json} beside it): parse + evaluate, evaluate alone (on
 * messages parsed beforehand) and parse alone, after a warm-up. Not a test; unit tests never
 * assert on timing. Targets: parse + evaluate at least 2,000 messages per CPU-second, p99 at most
 * 5 ms.
 *
 * <p>The machine is shared with other builds, so the figures that count are CPU time of the
 * measuring thread ({@link ThreadMXBean#getCurrentThreadCpuTime()}): messages per CPU-second and
 * p50 / p99 / max CPU time per message. Wall-clock figures are printed beside them, labelled; they
 * move with the machine's load. CPU time of the thread leaves out GC and JIT threads.
 *
 * <p>Command, from the repository root (picks a JDK &gt;= 21 through the toolchain, never runs in
 * the test phase):
 * <pre>
 * ./mvnw -q -pl parsers,rules -Pbench test-compile
 * </pre>
 * Another corpus: add {@code -Dbench.corpus=/path/to/corpus}. JVM options (default a fixed 512 MB
 * heap) with {@code -Dbench.jvmArgs=...}, e.g. {@code "-Xmx512m -XX:StartFlightRecording=filename=x.jfr"}
 * for a profile.
 */
public final class ExtractionBenchmark {

    private static final int WARMUP_ROUNDS = 40;
    private static final int MEASURED_ROUNDS = 60;

    private final List<byte[]> mails;
    private final List<String> utilities;
    private final RuleEngine engine = RuleEngine.builtIn();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long sink;

    private ExtractionBenchmark(List<byte[]> mails, List<String> utilities) {
        this.mails = mails;
        this.utilities = utilities;
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "rules/src/test/resources/corpus");
        List<byte[]> mails = new ArrayList<>();
        List<String> utilities = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(corpus.resolve("email"))) {
            for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                mails.add(Files.readAllBytes(eml));
                Path meta = eml.resolveSibling(eml.getFileName().toString().replaceFirst("\\.eml$", ".json"));
                utilities.add(Files.exists(meta) ? json.readTree(meta.toFile()).path("utility").asText(null) : null);
            }
        }
        new ExtractionBenchmark(mails, utilities).run();
    }

    private void run() {
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
        List<InboundMessage> parsed = mails.stream().map(MailParser::parse).toList();
        IntToLongFunction parseAndEvaluate = i -> evaluate(MailParser.parse(mails.get(i)), i);
        IntToLongFunction evaluateOnly = i -> evaluate(parsed.get(i), i);
        IntToLongFunction parseOnly = i -> MailParser.parse(mails.get(i)).text().length();

        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (int i = 0; i < mails.size(); i++) {
                sink += parseAndEvaluate.applyAsLong(i);
            }
        }
        System.out.printf("%d mails x %d rounds on 1 thread, after %d warm-up rounds of parse + evaluate (%s %s)%n",
                mails.size(), MEASURED_ROUNDS, WARMUP_ROUNDS, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        System.out.printf("%-18s %12s %9s %9s %9s   %12s %9s %9s%n", "", "msgs/CPU-s", "cpu p50", "cpu p99",
                "cpu max", "wall msgs/s", "wall p50", "wall p99");
        report("parse + evaluate", measure(parseAndEvaluate));
        report("evaluate only", measure(evaluateOnly));
        report("parse only", measure(parseOnly));
        System.out.println("(times in ms per message; checksum " + sink + ")");
    }

    private long evaluate(InboundMessage message, int i) {
        return engine.evaluate(message, utilities.get(i), SenderHistory.NONE).kind().length();
    }

    private record Sample(long[] cpu, long[] wall) {
    }

    private Sample measure(IntToLongFunction work) {
        int n = mails.size() * MEASURED_ROUNDS;
        long[] cpu = new long[n];
        long[] wall = new long[n];
        int k = 0;
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            for (int i = 0; i < mails.size(); i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                sink += work.applyAsLong(i);
                wall[k] = System.nanoTime() - w0;
                cpu[k] = threads.getCurrentThreadCpuTime() - c0;
                k++;
            }
        }
        return new Sample(cpu, wall);
    }

    private static void report(String what, Sample s) {
        long[] cpu = s.cpu().clone();
        long[] wall = s.wall().clone();
        Arrays.sort(cpu);
        Arrays.sort(wall);
        int n = cpu.length;
        System.out.printf("%-18s %12.0f %9.3f %9.3f %9.3f   %12.0f %9.3f %9.3f%n", what,
                n / (Arrays.stream(cpu).sum() / 1e9), cpu[n / 2] / 1e6, cpu[(int) (n * 0.99)] / 1e6, cpu[n - 1] / 1e6,
                n / (Arrays.stream(wall).sum() / 1e9), wall[n / 2] / 1e6, wall[(int) (n * 0.99)] / 1e6);
    }
}
