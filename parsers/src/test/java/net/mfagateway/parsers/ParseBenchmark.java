package net.mfagateway.parsers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures {@link MailParser#parse} alone on one thread, in CPU time (the machine is shared, so
 * wall time is noisy): messages per CPU-second and per-message p50 / p99 / max, after a warm-up,
 * over every corpus mail ({@code email/*.eml}). Not a test; unit tests never assert on timing.
 *
 * <p>Command, from the repository root:
 * <pre>
 * ./mvnw -q -pl parsers test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * JAVA=$(ls -d /usr/lib/jvm/*25*)/bin/java   # any JDK >= 21
 * $JAVA -cp parsers/target/test-classes:parsers/target/classes:$(cat parsers/target/cp.txt) \
 *     net.mfagateway.parsers.ParseBenchmark rules/src/test/resources/corpus
 * </pre>
 */
public final class ParseBenchmark {

    private static final int WARMUP_ROUNDS = 40;
    private static final int MEASURED_ROUNDS = 80;

    private ParseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "rules/src/test/resources/corpus");
        List<byte[]> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus.resolve("email"))) {
            for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                mails.add(Files.readAllBytes(eml));
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (byte[] mail : mails) {
                sink += MailParser.parse(mail).text().length();
            }
        }
        long[] cpuNanos = new long[MEASURED_ROUNDS * mails.size()];
        int n = 0;
        long totalStart = threads.getCurrentThreadCpuTime();
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            for (byte[] mail : mails) {
                long start = threads.getCurrentThreadCpuTime();
                sink += MailParser.parse(mail).text().length();
                cpuNanos[n++] = threads.getCurrentThreadCpuTime() - start;
            }
        }
        long total = threads.getCurrentThreadCpuTime() - totalStart;
        Arrays.sort(cpuNanos);
        System.out.printf("parse-only, %d mails x %d rounds, CPU time%n", mails.size(), MEASURED_ROUNDS);
        System.out.printf("  messages per CPU-second  %,.0f%n", n / (total / 1e9));
        System.out.printf("  p50 %.3f ms   p99 %.3f ms   max %.3f ms%n",
                cpuNanos[n / 2] / 1e6, cpuNanos[(int) (n * 0.99)] / 1e6, cpuNanos[n - 1] / 1e6);
        System.out.println("  (sink " + sink + ")");
    }
}
