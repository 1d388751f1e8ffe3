package net.mfagateway.gateway.worker;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import net.mfagateway.gateway.Backoff;

/**
 * Keeps one utility's portal from being hammered: logins start at least {@code interval} apart,
 * and after portal failures (not MFA failures: the portal itself erred) every login to it
 * pauses, the pause doubling with each failure in a row up to a cap.
 */
final class UtilityGate {

    private final Duration interval;
    private final Backoff pauses;
    private Instant nextStart = Instant.EPOCH;
    private int portalFailures;

    UtilityGate(Duration interval, Duration pauseBase, Duration pauseMax) {
        this.interval = interval;
        this.pauses = new Backoff(pauseBase, pauseMax, new SecureRandom());
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
        Duration pause = pauses.after(portalFailures);
        Instant until = now.plus(pause);
        if (until.isAfter(nextStart)) {
            nextStart = until;
        }
    }

    synchronized void portalAnswered() {
        portalFailures = 0;
    }
}
