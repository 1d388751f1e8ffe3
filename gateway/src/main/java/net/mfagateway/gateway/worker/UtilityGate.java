package net.mfagateway.gateway.worker;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps one utility's portal from being hammered: logins start at least {@code interval} apart,
 * and after portal failures (not MFA failures: the portal itself erred) every login to it
 * pauses, the pause doubling with each failure in a row up to a cap.
 */
final class UtilityGate {

    private final Duration interval;
    private final Duration pauseBase;
    private final Duration pauseMax;
    private Instant nextStart = Instant.EPOCH;
    private int portalFailures;

    UtilityGate(Duration interval, Duration pauseBase, Duration pauseMax) {
        this.interval = interval;
        this.pauseBase = pauseBase;
        this.pauseMax = pauseMax;
    }

    /** Takes the next start if it is due at {@code now}; the instant it is due otherwise. */
    synchronized Instant tryStart(Instant now) {
        if (now.isBefore(nextStart)) {
            return nextStart;
        }
        nextStart = now.plus(interval);
        return null;
    }

    synchronized void portalFailed(Instant now) {
        portalFailures++;
        Duration pause = Backoff.after(portalFailures, pauseBase, pauseMax);
        Instant until = now.plus(pause);
        if (until.isAfter(nextStart)) {
            nextStart = until;
        }
    }

    synchronized void portalAnswered() {
        portalFailures = 0;
    }
}
