package net.mfagateway.gateway.webhook;

import net.mfagateway.gateway.store.Delivery;

/**
 * Makes one attempt at one kind of delivery. Called on an outbox thread, never with the same
 * delivery twice at once; it may block (within its own time-outs) but never throws for what a
 * receiver does: that is an {@link Outcome}.
 */
interface Courier {

    Outcome attempt(Delivery delivery) throws InterruptedException;

    /** Frees what the courier holds (connections, threads); called once no attempt runs. */
    default void close() {
    }
}
