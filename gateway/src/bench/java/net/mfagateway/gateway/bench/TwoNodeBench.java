package net.mfagateway.gateway.bench;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.store.postgres.PostgresServer;

/**
 * The PostgreSQL store with two nodes: two child gateways from the shaded jar on one PostgreSQL
 * (the tests' embedded server, real binaries, fsync and synchronous commit on, on this machine's
 * disk). It measures delivery latency with the mail sent to node A and the long-poll parked on
 * node B (woken by LISTEN/NOTIFY), and durable acceptance with 8 SMTP sessions to one node, then
 * to both nodes at once.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -DskipTests verify} (see gateway/bench/README.md);
 * {@code --no-postgresql} skips it.
 */
final class TwoNodeBench {

    private TwoNodeBench() {
    }

    static void run(Path jar, int warmup, int samples, int sessions, int messages, int rounds, int warmupMessages,
            Table table) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of(
                "MFA_GATEWAY_STORE", PostgresServer.freshDatabase(),
                "MFA_GATEWAY_SECRET_KEY", Base64.getEncoder().encodeToString(key),
                "MFA_GATEWAY_ADMIN_TOKEN", "bench-" + Long.toHexString(new SecureRandom().nextLong()));
        try (ChildGateway a = ChildGateway.start(jar, List.of(), env);
                ChildGateway b = ChildGateway.start(jar, List.of(), env)) {
            System.out.printf("postgresql nodes: A pid=%d smtp=%d http=%d, B pid=%d smtp=%d http=%d%n%n", a.pid(),
                    a.smtpPort(), a.httpPort(), b.pid(), b.smtpPort(), b.httpPort());
            SmtpLoad load = new SmtpLoad.JavaClients(sessions, messages);
            if (warmupMessages > 0) {
                String warm = a.createConnection().email();
                new SmtpLoad.JavaClients(sessions, warmupMessages).send(a.smtpPort(), warm);
                new SmtpLoad.JavaClients(sessions, warmupMessages).send(b.smtpPort(), warm);
            }

            DeliveryLatencyBench.Result r = DeliveryLatencyBench.run(a, b, warmup, samples);
            String n = " (n=" + r.samples() + ")";
            long[] d = r.from250ToResponse();
            long[] resp = r.dotToResponse();
            table.row("4", "PostgreSQL: 250 on A -> long-poll on B answered, p50" + n, ms(Stats.percentileMs(d, 50)),
                    "", null);
            table.row("4", "PostgreSQL: 250 on A -> long-poll on B answered, p99" + n, ms(Stats.percentileMs(d, 99)),
                    "<= 25 ms", Stats.percentileMs(d, 99) <= 25);
            table.row("4", "  end of DATA on A -> long-poll on B answered, p50 / p99 / max",
                    ms(Stats.percentileMs(resp, 50)) + " / " + ms(Stats.percentileMs(resp, 99)) + " / "
                            + ms(Stats.maxMs(resp)), "", null);
            long[] dot = r.dotTo250();
            table.row("4", "  end of DATA -> 250 (PostgreSQL commit), p50 / p99 / max", ms(Stats.percentileMs(dot, 50))
                    + " / " + ms(Stats.percentileMs(dot, 99)) + " / " + ms(Stats.maxMs(dot)), "", null);

            String recipient = a.createConnection().email();
            List<Double> one = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                one.add(messages / (load.send(a.smtpPort(), recipient) / 1e9));
            }
            double oneRate = AcceptanceThroughputBench.median(one);
            table.row("4", "PostgreSQL: " + load.describe() + " to node A: msg/s, median of " + rounds,
                    String.format("%.0f", oneRate), ">= 300 per node", oneRate >= 300);
            table.row("4", "  each round", rates(one), "", null);

            List<Double> perNode = new ArrayList<>();
            ExecutorService both = Executors.newFixedThreadPool(2);
            try {
                for (int i = 0; i < rounds; i++) {
                    Future<Long> onA = both.submit(() -> load.send(a.smtpPort(), recipient));
                    Future<Long> onB = both.submit(() -> load.send(b.smtpPort(), recipient));
                    perNode.add(messages / (onA.get(10, TimeUnit.MINUTES) / 1e9));
                    perNode.add(messages / (onB.get(10, TimeUnit.MINUTES) / 1e9));
                }
            } finally {
                both.shutdownNow();
            }
            double bothRate = AcceptanceThroughputBench.median(perNode);
            // Both nodes, PostgreSQL and this client share the machine's cores here, so this row says
            // what one machine carries in all, not what a node on its own machine does.
            table.row("4", "PostgreSQL: the same load to A and B at once (16 sessions): msg/s per node, median",
                    String.format("%.0f", bothRate), "(one machine)", null);
            table.row("4", "  each node and round", rates(perNode), "", null);
            Metrics m = a.metrics();
            double commits = m.value("mfa_gateway_store_commit_seconds_count");
            table.row("4", "  node A commit time mean (all its writes)", commits == 0 ? "n/a"
                    : ms(m.value("mfa_gateway_store_commit_seconds_sum") / commits * 1e3), "", null);
            double accepted = a.metrics().value("mfa_gateway_smtp_messages_total", "result=\"accepted\"")
                    + b.metrics().value("mfa_gateway_smtp_messages_total", "result=\"accepted\"");
            table.row("4", "  messages accepted by the two nodes (all loads)", String.format("%.0f", accepted), "",
                    null);
        }
    }

    private static String rates(List<Double> rates) {
        return String.join(" ", rates.stream().map(r -> String.format("%.0f", r)).toList());
    }

    private static String ms(double v) {
        return String.format("%.2f ms", v);
    }
}
