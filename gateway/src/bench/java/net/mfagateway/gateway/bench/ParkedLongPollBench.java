package net.mfagateway.gateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows what parked long-polls cost: parks {@code count} {@code codes/next} requests (ten per
 * connection, {@code wait=120}) from one client thread, waits until the gateway's
 * {@code mfa_gateway_longpoll_waiting} shows them all, and reads the gateway's live threads
 * ({@code jvm_threads_live_threads} and {@code Threads} in /proc/PID/status) and VmRSS before and
 * while they are parked. Then it drops the sockets and checks the gauge returns to 0.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -DskipTests verify} (see gateway/bench/README.md).
 */
final class ParkedLongPollBench {

    record Result(int parked, double waitingSeen, double jvmThreadsBefore, double jvmThreadsParked,
            long osThreadsBefore, long osThreadsParked, long rssBeforeKb, long rssParkedKb, double waitingAfterClose) {
    }

    private ParkedLongPollBench() {
    }

    static Result run(ChildGateway gw, int count) throws Exception {
        List<ChildGateway.MailConnection> conns = new ArrayList<>();
        for (int i = 0; i < (count + 9) / 10; i++) {
            conns.add(gw.createConnection());
        }
        double waitingBefore = gw.awaitGauge("mfa_gateway_longpoll_waiting", 0, Duration.ofSeconds(10));
        if (waitingBefore != 0) {
            throw new IllegalStateException(waitingBefore + " long-polls still parked before the test");
        }
        double jvmBefore = gw.metrics().value("jvm_threads_live_threads");
        long osBefore = gw.procStatus("Threads");
        long rssBefore = gw.procStatus("VmRSS");
        List<LongPoll> polls = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                polls.add(LongPoll.open(gw.httpPort(), gw.token(), conns.get(i / 10).id(), "wait=120"));
            }
            double seen = gw.awaitGauge("mfa_gateway_longpoll_waiting", count, Duration.ofSeconds(30));
            double jvmParked = gw.metrics().value("jvm_threads_live_threads");
            long osParked = gw.procStatus("Threads");
            long rssParked = gw.procStatus("VmRSS");
            for (LongPoll p : polls) {
                p.close();
            }
            polls.clear();
            double after = gw.awaitGauge("mfa_gateway_longpoll_waiting", 0, Duration.ofSeconds(30));
            return new Result(count, seen, jvmBefore, jvmParked, osBefore, osParked, rssBefore, rssParked, after);
        } finally {
            for (LongPoll p : polls) {
                p.close();
            }
        }
    }
}
