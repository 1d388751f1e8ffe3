package net.mfagateway.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the gateway's end-to-end benchmarks against one child gateway started from the shaded jar
 * and prints one table: delivery latency ({@link DeliveryLatencyBench}), durable acceptance
 * throughput beside Postfix ({@link AcceptanceThroughputBench}), RSS after that load, the cost
 * of parked long-polls ({@link ParkedLongPollBench}), and then the same latency and throughput
 * for two nodes on PostgreSQL ({@link TwoNodeBench}). Everything runs on 127.0.0.1, in temp dirs
 * that are removed, with bounded loops.
 *
 * <p>Run from the repository root: {@code ./mvnw -q -Pbench -DskipTests verify}; options go in
 * {@code -Dbench.args="--messages=4000 --samples=300 --warmup=50 --warmup-messages=4000 --rounds=3
 * --parked=1000 --no-postfix --no-postgresql"};
 * {@code --jfr=FILE} records the gateway with JFR, {@code --latency-only} stops after figure 1,
 * {@code --samples-out=FILE} writes each latency sample (to line up with the JFR recording).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Map<String, String> opt = options(args);
        int messages = Integer.parseInt(opt.getOrDefault("messages", "4000"));
        int samples = Integer.parseInt(opt.getOrDefault("samples", "300"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "50"));
        int parked = Integer.parseInt(opt.getOrDefault("parked", "1000"));
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "3"));
        int warmupMessages = Integer.parseInt(opt.getOrDefault("warmup-messages", "4000"));
        int sessions = 8;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is missing: build with ./mvnw -q -DskipTests package");
        }
        Table table = new Table();
        System.out.printf("mfa-gateway bench  %s  cores=%d  jdk=%s  jar=%s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                Runtime.version(), jar.getFileName());

        // --jfr=FILE records the gateway with JFR (every fsync included) for finding a missed target.
        List<String> jvmOptions = opt.containsKey("jfr") ? List.of("-XX:StartFlightRecording=filename="
                + Path.of(opt.get("jfr")).toAbsolutePath() + ",settings=profile,jdk.FileForce#threshold=0ms")
                : List.of();
        try (ChildGateway gw = ChildGateway.start(jar, jvmOptions)) {
            System.out.printf("gateway pid=%d smtp=127.0.0.1:%d http=127.0.0.1:%d JVM options %s%n%n",
                    gw.pid(), gw.smtpPort(), gw.httpPort(), jvmOptions.isEmpty() ? "(defaults)" : jvmOptions);
            progress("0/4 warm-up (JIT): " + warmupMessages + " messages per load from " + sessions
                    + " sessions, not measured");
            warmUp(gw, sessions, warmupMessages, table);
            progress("1/4 delivery latency: " + warmup + " warm-up + " + samples + " samples, one at a time");
            latency(gw, warmup, samples, opt.containsKey("samples-out") ? Path.of(opt.get("samples-out")) : null,
                    table);
            if (opt.containsKey("latency-only")) {
                table.print();
                return;
            }
            progress("2/4 acceptance throughput: " + messages + " messages per load, " + sessions + " sessions, "
                    + rounds + " rounds");
            throughput(gw, sessions, messages, rounds, opt.containsKey("no-postfix"), table);
            long rss = gw.procStatus("VmRSS");
            long hwm = gw.procStatus("VmHWM");
            table.row("3", "gateway VmRSS after the load", mib(rss), "<= 512 MiB", rss <= 512 * 1024);
            table.row("3", "gateway VmHWM (peak RSS) so far", mib(hwm), "", null);
            Metrics m = gw.metrics();
            table.row("3", "  JVM heap used / committed / max", String.format("%s / %s / %s",
                    mib((long) m.value("jvm_memory_used_bytes", "area=\"heap\"") / 1024),
                    mib((long) m.value("jvm_memory_committed_bytes", "area=\"heap\"") / 1024),
                    mib((long) m.value("jvm_memory_max_bytes", "area=\"heap\"") / 1024)), "", null);
            table.row("3", "  JVM non-heap committed", mib((long) m.value("jvm_memory_committed_bytes",
                    "area=\"nonheap\"") / 1024), "", null);
            progress("3/4 memory and " + parked + " parked long-polls");
            parked(gw, parked, table);
        }
        if (!opt.containsKey("no-postgresql")) {
            progress("4/4 two nodes on PostgreSQL: latency across nodes, " + messages + " messages per load, "
                    + sessions + " sessions, " + rounds + " rounds");
            TwoNodeBench.run(jar, warmup, samples, sessions, messages, rounds, warmupMessages, table);
        }
        table.print();
    }

    /**
     * The gateway's JIT is still compiling after thousands of messages (C2 used more CPU than the
     * store writer during a 2,000-message load in a profile), so the figures below are taken warm:
     * first code mails over reused sessions, then, when smtp-source is there, a session per
     * message, which runs other code (accept, session set-up). The cold rates are shown too.
     */
    private static void warmUp(ChildGateway gw, int sessions, int messages, Table table) throws Exception {
        if (messages <= 0) {
            return;
        }
        String recipient = gw.createConnection().email();
        List<SmtpLoad> loads = new ArrayList<>();
        loads.add(new SmtpLoad.JavaClients(sessions, messages));
        if (Files.isExecutable(SmtpLoad.SMTP_SOURCE)) {
            loads.add(new SmtpLoad.SmtpSource(sessions, messages, false));
        }
        for (SmtpLoad load : loads) {
            long nanos = load.send(gw.smtpPort(), recipient);
            table.row("0", "warm-up, cold: " + load.describe() + ": msg/s",
                    String.format("%.0f", messages / (nanos / 1e9)), "", null);
        }
    }

    private static void latency(ChildGateway gw, int warmup, int samples, Path samplesOut, Table table)
            throws Exception {
        DeliveryLatencyBench.Result r = DeliveryLatencyBench.run(gw, warmup, samples);
        if (samplesOut != null) {
            // One line per sample, to line up with a --jfr recording: epoch micros when the mail was
            // sent, end-of-DATA -> 250, and 250 -> response, in microseconds.
            StringBuilder sb = new StringBuilder("sent_epoch_us dot_to_250_us from_250_to_response_us\n");
            for (int i = 0; i < r.samples(); i++) {
                sb.append(r.sentAtEpochMicros()[i]).append(' ').append(r.dotTo250()[i] / 1000).append(' ')
                        .append(r.from250ToResponse()[i] / 1000).append('\n');
            }
            Files.writeString(samplesOut, sb);
        }
        String n = " (n=" + r.samples() + ")";
        long[] d = r.from250ToResponse();
        table.row("1", "250 -> long-poll response, p50" + n, ms(Stats.percentileMs(d, 50)), "", null);
        table.row("1", "250 -> long-poll response, p99" + n, ms(Stats.percentileMs(d, 99)), "<= 10 ms",
                Stats.percentileMs(d, 99) <= 10);
        table.row("1", "250 -> long-poll response, max / min", ms(Stats.maxMs(d)) + " / " + ms(Stats.minMs(d)), "",
                null);
        table.row("1", "  responses that arrived before the 250", Stats.countBelowZero(d) + " of " + d.length, "",
                null);
        long[] dot = r.dotTo250();
        table.row("1", "end of DATA -> 250 (durable commit), p50 / p99 / max", ms(Stats.percentileMs(dot, 50))
                + " / " + ms(Stats.percentileMs(dot, 99)) + " / " + ms(Stats.maxMs(dot)), "", null);
        long[] resp = r.dotToResponse();
        table.row("1", "end of DATA -> long-poll response, p50 / p99 / max", ms(Stats.percentileMs(resp, 50))
                + " / " + ms(Stats.percentileMs(resp, 99)) + " / " + ms(Stats.maxMs(resp)), "<= 10 ms (p99)",
                Stats.percentileMs(resp, 99) <= 10);
        table.row("1", "codes handed to the parked waiter by the commit", r.wokenByCommit() + " of " + r.samples(),
                "", null);
        table.row("1", "gateway's code_delivery_seconds p99 (bucket bound)",
                ms(r.gatewayP99Seconds() * 1e3), "", null);
    }

    private static void throughput(ChildGateway gw, int sessions, int messages, int rounds, boolean noPostfix,
            Table table)
            throws Exception {
        List<SmtpLoad> loads = new ArrayList<>();
        boolean smtpSource = Files.isExecutable(SmtpLoad.SMTP_SOURCE);
        if (smtpSource) {
            loads.add(new SmtpLoad.SmtpSource(sessions, messages, false));
            loads.add(new SmtpLoad.SmtpSource(sessions, messages, true));
        } else {
            table.note("smtp-source rows skipped: /usr/sbin/smtp-source missing "
                    + "(DEBIAN_FRONTEND=noninteractive apt-get install -y postfix)");
        }
        loads.add(new SmtpLoad.JavaClients(sessions, messages));
        Optional<String> why = noPostfix ? Optional.of("--no-postfix given") : PostfixQueue.unavailable();
        why.ifPresent(w -> table.note("Postfix column skipped: " + w));
        Optional<PostfixQueue> postfix = Optional.empty();
        if (why.isEmpty()) {
            try {
                postfix = Optional.of(PostfixQueue.start("mfa.localhost"));
            } catch (java.io.IOException e) {
                table.note("Postfix column skipped: it did not start: " + e.getMessage());
            }
        }
        try {
            for (AcceptanceThroughputBench.Row row : AcceptanceThroughputBench.run(gw, loads, postfix, rounds)) {
                double gwRate = AcceptanceThroughputBench.median(row.gatewayPerSecond());
                boolean withPostfix = !row.postfixPerSecond().isEmpty();
                double pfRate = withPostfix ? AcceptanceThroughputBench.median(row.postfixPerSecond()) : 0;
                table.row("2", row.load() + ": msg/s, median of " + rounds, String.format("%.0f", gwRate),
                        withPostfix ? String.format("%.0f", pfRate) : "skipped", ">= 500, >= Postfix",
                        gwRate >= 500 && (!withPostfix || gwRate >= pfRate));
                table.row("2", "  each round", rates(row.gatewayPerSecond()),
                        withPostfix ? rates(row.postfixPerSecond()) : "", "", null);
                table.row("2", "  commits / writes stored / mean batch / max batch",
                        String.format("%.0f / %.0f / %.1f / %.0f", row.commits(), row.storedWrites(),
                                row.meanBatch(), row.maxBatch()),
                        withPostfix ? "held " + row.postfixHeld() : "", "", null);
                table.row("2", "  commit time mean / p99 (bucket bound)",
                        ms(row.commitMeanMs()) + " / " + ms(row.commitP99Ms()), "", "", null);
            }
        } finally {
            if (postfix.isPresent()) {
                postfix.get().close();
            }
        }
    }

    private static void parked(ChildGateway gw, int count, Table table) throws Exception {
        ParkedLongPollBench.Result p = ParkedLongPollBench.run(gw, count);
        table.row("3", "parked long-polls (mfa_gateway_longpoll_waiting)", String.format("%.0f of %d",
                p.waitingSeen(), p.parked()), "", p.waitingSeen() == p.parked());
        table.row("3", "jvm_threads_live_threads before / parked", String.format("%.0f / %.0f",
                p.jvmThreadsBefore(), p.jvmThreadsParked()), "no growth",
                p.jvmThreadsParked() <= p.jvmThreadsBefore());
        table.row("3", "/proc Threads before / parked", p.osThreadsBefore() + " / " + p.osThreadsParked(), "",
                null);
        table.row("3", "VmRSS before / parked", mib(p.rssBeforeKb()) + " / " + mib(p.rssParkedKb()), "", null);
        table.row("3", "waiting after the clients hung up", String.format("%.0f", p.waitingAfterClose()), "0",
                p.waitingAfterClose() == 0);
    }

    private static void progress(String step) {
        System.err.println("bench: " + step);
    }

    private static String rates(java.util.List<Double> rates) {
        return String.join(" ", rates.stream().map(r -> String.format("%.0f", r)).toList());
    }

    private static String ms(double v) {
        return String.format("%.2f ms", v);
    }

    private static String mib(long kb) {
        return String.format("%.0f MiB", kb / 1024.0);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + a);
            }
            int eq = a.indexOf('=');
            opt.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "" : a.substring(eq + 1));
        }
        return opt;
    }
}
