package net.mfagateway.gateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures durable acceptance throughput: each {@link SmtpLoad} (Postfix's smtp-source with a new
 * session per message and with sessions reused, and this bench's own 8-session client sending
 * code mails) is sent to one gateway connection, then the same load to a Postfix that accepts
 * into its hold queue, on the same machine and disk. A message counts once its {@code 250} is
 * read, which the gateway only answers after the group commit's fsync. For the gateway it also
 * reads, from /metrics deltas, how many writes each fsync carried and what a commit took.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -DskipTests verify} (see gateway/bench/README.md).
 */
final class AcceptanceThroughputBench {

    /** One load's figures over all rounds; rates are per round. Postfix's list is empty when skipped. */
    record Row(String load, int messages, List<Double> gatewayPerSecond, double storedWrites, double commits,
            double maxBatch, double commitMeanMs, double commitP99Ms, List<Double> postfixPerSecond,
            long postfixHeld) {

        double meanBatch() {
            return commits == 0 ? 0 : storedWrites / commits;
        }
    }

    private AcceptanceThroughputBench() {
    }

    /**
     * Sends each load {@code rounds} times to the gateway and, right after each, to Postfix, so
     * both see the same machine state; disk and CPU noise on a small VM is large, hence rounds.
     */
    static List<Row> run(ChildGateway gw, List<SmtpLoad> loads, Optional<PostfixQueue> postfix, int rounds)
            throws Exception {
        String recipient = gw.createConnection().email();
        List<Row> rows = new ArrayList<>();
        for (SmtpLoad load : loads) {
            int messages = switch (load) {
                case SmtpLoad.SmtpSource s -> s.messages();
                case SmtpLoad.JavaClients j -> j.messages() / j.sessions() * j.sessions();
            };
            List<Double> gwRates = new ArrayList<>();
            List<Double> pfRates = new ArrayList<>();
            long held = 0;
            Metrics first = gw.metrics();
            for (int r = 0; r < rounds; r++) {
                Metrics before = gw.metrics();
                long gwNanos = load.send(gw.smtpPort(), recipient);
                String ok = "result=\"accepted\"";
                double accepted = gw.metrics().value("mfa_gateway_smtp_messages_total", ok)
                        - before.value("mfa_gateway_smtp_messages_total", ok);
                if (accepted != messages) {
                    throw new IllegalStateException(load.describe() + ": gateway accepted " + accepted + " of "
                            + messages);
                }
                gwRates.add(messages / (gwNanos / 1e9));
                if (postfix.isPresent()) {
                    long heldBefore = postfix.get().held();
                    long pfNanos = load.send(postfix.get().port(), recipient);
                    held += postfix.get().held() - heldBefore;
                    pfRates.add(messages / (pfNanos / 1e9));
                }
            }
            Metrics last = gw.metrics();
            double commits = last.delta(first, "mfa_gateway_store_commit_batch_count");
            double writes = last.delta(first, "mfa_gateway_store_commit_batch_sum");
            double commitSeconds = last.delta(first, "mfa_gateway_store_commit_seconds_sum");
            double p99 = last.quantileSince(first, "mfa_gateway_store_commit_seconds", 0.99);
            rows.add(new Row(load.describe(), messages, gwRates, writes, commits,
                    last.value("mfa_gateway_store_commit_batch_max"),
                    commits == 0 ? 0 : commitSeconds / commits * 1e3, p99 * 1e3, pfRates, held));
        }
        return rows;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
