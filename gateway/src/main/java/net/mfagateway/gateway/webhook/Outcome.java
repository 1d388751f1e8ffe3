package net.mfagateway.gateway.webhook;

/** What one attempt at a delivery came to. */
sealed interface Outcome {

    /** The receiver took it; {@code detail} is a {@code key=value} fragment for the log line. */
    record Delivered(String detail) implements Outcome {
    }

    /** It may work later: retried with backoff until the give-up time. */
    record Failed(String reason) implements Outcome {
    }

    /** Nothing left to send (webhook deleted, address no longer on the copy list): finished without an event. */
    record Dropped(String reason) implements Outcome {
    }
}
