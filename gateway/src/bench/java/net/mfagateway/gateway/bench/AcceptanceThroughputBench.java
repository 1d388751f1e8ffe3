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

    /** One load's figures; {@code postfixPerSecond} is empty when Postfix was skipped. */
    record Row(String load, int messages, double gatewayPerSecond, double storedWrites, double commits,
            double meanBatch, double maxBatch, double commitMeanMs, double commitP99Ms,
            Optional<Double> postfixPerSecond, long postfixHeld) {
    }

    private AcceptanceThroughputBench() {
    }

    static List<Row> run(ChildGateway gw, List<SmtpLoad> loads, Optional<PostfixQueue> postfix) throws Exception {
        String recipient = gw.createConnection().email();
        List<Row> rows = new ArrayList<>();
        for (SmtpLoad load : loads) {
            int messages = switch (load) {
                case SmtpLoad.SmtpSource s -> s.messages();
                case SmtpLoad.JavaClients j -> j.messages() / j.sessions() * j.sessions();
            };
            Metrics before = gw.metrics();
            long gwNanos = load.send(gw.smtpPort(), recipient);
            Metrics after = gw.metrics();
            double accepted = after.value("mfa_gateway_smtp_messages_total", "result=\"accepted\"")
                    - before.value("mfa_gateway_smtp_messages_total", "result=\"accepted\"");
            if (accepted != messages) {
                throw new IllegalStateException(load.describe() + ": gateway accepted " + accepted + " of " + messages);
            }
            double commits = after.delta(before, "mfa_gateway_store_commit_batch_count");
            double writes = after.delta(before, "mfa_gateway_store_commit_batch_sum");
            double commitSeconds = after.delta(before, "mfa_gateway_store_commit_seconds_sum");
            double p99 = after.quantileSince(before, "mfa_gateway_store_commit_seconds", 0.99);
            Optional<Double> pfRate = Optional.empty();
            long held = 0;
            if (postfix.isPresent()) {
                long heldBefore = postfix.get().held();
                long pfNanos = load.send(postfix.get().port(), recipient);
                held = postfix.get().held() - heldBefore;
                pfRate = Optional.of(messages / (pfNanos / 1e9));
            }
            rows.add(new Row(load.describe(), messages, messages / (gwNanos / 1e9), writes, commits,
                    commits == 0 ? 0 : writes / commits, after.value("mfa_gateway_store_commit_batch_max"),
                    commits == 0 ? 0 : commitSeconds / commits * 1e3, p99 * 1e3, pfRate, held));
        }
        return rows;
    }
}
