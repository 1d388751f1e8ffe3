package net.mfagateway.gateway.support;

import java.time.Duration;

/** A bounded wait for something the test cannot be told about directly (a metric, an event). */
public final class Await {

    /** A check that may do I/O. */
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Checks every 20 ms until {@code condition} holds; fails naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, Condition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toMillis() + " ms for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
