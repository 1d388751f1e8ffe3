package net.mfagateway.gateway.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Measures code delivery latency: for each sample a {@code codes/next} long-poll is parked on a
 * fresh connection and seen parked in {@code mfa_gateway_longpoll_waiting} (one scrape, 5 ms
 * later), then one code mail is sent over a raw SMTP session. It times the end-of-DATA {@code .}
 * sent, the {@code 250} read, and the first byte of the long-poll's HTTP response read (all
 * {@code System.nanoTime()} in this JVM). Samples run one at a time after an unmeasured warm-up,
 * so the figure is latency, not queueing. The gateway's {@code mfa_gateway_code_delivery_seconds}
 * count tells how many codes the commit handed to the waiter (the rest lost the designed race to
 * the waiter's own store read).
 * The gateway wakes waiters right after the commit and before it answers 250, so "250 to
 * response" is often negative; it is reported signed.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -DskipTests verify} (see gateway/bench/README.md).
 */
final class DeliveryLatencyBench {

    private static final long PARK_MILLIS = 5;

    /** Per-sample figures in nanoseconds. */
    record Result(long[] dotTo250, long[] dotToResponse, long[] from250ToResponse, long[] sentAtEpochMicros,
            double gatewayP99Seconds, int samples, long wokenByCommit) {
    }

    private DeliveryLatencyBench() {
    }

    static Result run(ChildGateway gw, int warmup, int samples) throws Exception {
        return run(gw, gw, warmup, samples);
    }

    /**
     * As {@link #run(ChildGateway, int, int)}, the mail sent to {@code mailTo} and the long-poll
     * parked on {@code pollOn}: two nodes sharing one store.
     */
    static Result run(ChildGateway mailTo, ChildGateway pollOn, int warmup, int samples) throws Exception {
        ChildGateway gw = pollOn;
        List<ChildGateway.MailConnection> conns = new ArrayList<>();
        for (int i = 0; i < warmup + samples; i++) {
            conns.add(mailTo.createConnection());
        }
        long[] dotTo250 = new long[samples];
        long[] dotToResponse = new long[samples];
        long[] from250ToResponse = new long[samples];
        long[] sentAt = new long[samples];
        Metrics before = null;
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-longpoll-reader"));
        try (SmtpSession smtp = new SmtpSession("127.0.0.1", mailTo.smtpPort())) {
            for (int i = 0; i < warmup + samples; i++) {
                if (i == warmup) {
                    before = gw.metrics();
                }
                ChildGateway.MailConnection c = conns.get(i);
                String code = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
                try (LongPoll poll = LongPoll.open(gw.httpPort(), gw.token(), c.id(), "wait=60")) {
                    Future<LongPoll.Response> answer = reader.submit(poll::await);
                    // Parking takes well under a millisecond: wait that long, then confirm with one
                    // scrape. A tight scrape loop would make the gateway allocate ~1 MB per scrape
                    // and so add GC pauses of its own making to the figure.
                    Thread.sleep(PARK_MILLIS);
                    if (gw.awaitGauge("mfa_gateway_longpoll_waiting", 1, Duration.ofSeconds(10)) != 1) {
                        throw new IOException("long-poll " + i + " was not seen parked within 10 s");
                    }
                    long epochMicros = java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
                            java.time.Instant.now());
                    SmtpSession.Timing t = smtp.send("bench@example.com", c.email(),
                            SmtpSession.codeMail(c.email(), code, "lat-" + i + "-" + System.nanoTime()));
                    LongPoll.Response r = answer.get(10, TimeUnit.SECONDS);
                    if (r.status() != 200 || !r.body().contains("\"code\":\"" + code + "\"")) {
                        throw new IOException("long-poll " + i + " answered " + r.status() + " " + r.body());
                    }
                    if (i >= warmup) {
                        int k = i - warmup;
                        dotTo250[k] = t.replyRead() - t.endOfDataSent();
                        dotToResponse[k] = r.firstByte() - t.endOfDataSent();
                        from250ToResponse[k] = r.firstByte() - t.replyRead();
                        sentAt[k] = epochMicros;
                    }
                }
            }
        } finally {
            reader.shutdownNow();
        }
        Metrics after = gw.metrics();
        double woken = after.delta(before, "mfa_gateway_code_delivery_seconds_count");
        double gatewayP99 = after.quantileSince(before, "mfa_gateway_code_delivery_seconds", 0.99);
        return new Result(dotTo250, dotToResponse, from250ToResponse, sentAt, gatewayP99, samples, (long) woken);
    }
}
