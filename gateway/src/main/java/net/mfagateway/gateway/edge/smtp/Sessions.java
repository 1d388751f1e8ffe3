package net.mfagateway.gateway.edge.smtp;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The open SMTP sessions: admits a new one only within the overall and per-client-address
 * limits (else a 421 instead of the greeting), gives each a {@link SessionWatch}, and sweeps them
 * for timeouts on one thread of its own. subethasmtp calls {@link #accept} and
 * {@link #onSessionEnd} on the session's thread.
 */
final class Sessions implements SessionHandler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    private final int maxSessions;
    private final int maxPerClient;
    private final long idleNanos;
    private final long sessionNanos;
    private final int maxCommands;
    private final Outcomes outcomes;
    private final Map<Session, SessionWatch> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perClient = new HashMap<>(); // guarded by this
    private final ScheduledExecutorService sweeper;

    Sessions(int maxSessions, int maxPerClient, Duration idle, Duration session, int maxCommands, Outcomes outcomes,
            MeterRegistry metrics) {
        this.maxSessions = maxSessions;
        this.maxPerClient = maxPerClient;
        this.idleNanos = idle.toNanos();
        this.sessionNanos = session.toNanos();
        this.maxCommands = maxCommands;
        this.outcomes = outcomes;
        metrics.gaugeMapSize("mfa.gateway.smtp.sessions", java.util.List.of(), open);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smtp-session-sweeper");
            t.setDaemon(true);
            return t;
        });
        // A quarter of the shorter timeout, within 50 ms .. 1 s: timeouts fire at most that late.
        long period = Math.clamp(Math.min(idle.toMillis(), session.toMillis()) / 4, 50, 1000);
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress client = session.getRealRemoteAddress().getAddress();
        Refusal refusal;
        synchronized (this) {
            if (open.size() >= maxSessions) {
                refusal = Refusal.tooManySessions();
            } else if (perClient.getOrDefault(client, 0) >= maxPerClient) {
                refusal = Refusal.tooManySessionsFromClient();
            } else {
                perClient.merge(client, 1, Integer::sum);
                open.put(session, new SessionWatch(session.getSocket(), System::nanoTime, idleNanos, sessionNanos,
                        maxCommands, ended -> outcomes.sessionRefused(ended, client)));
                return SessionAcceptance.success();
            }
        }
        outcomes.sessionRefused(refusal, client);
        return refusal.sessionRefused();
    }

    @Override
    public void onSessionEnd(Session session) {
        SessionWatch watch;
        synchronized (this) {
            watch = open.remove(session);
            if (watch == null) {
                return;
            }
            perClient.computeIfPresent(watch.client(), (k, n) -> n == 1 ? null : n - 1);
        }
        Refusal unanswered = watch.unansweredEnd();
        if (unanswered != null) {
            try {
                session.sendResponse(unanswered.getErrorResponse());
            } catch (IOException e) {
                // The client is gone already.
            }
        }
        if (watch.ended()) {
            // Ends the session quietly: the read or DATA that the timeout cut short may still
            // throw on its way out, and subethasmtp would otherwise answer it with its own 421.
            session.quit();
        }
    }

    /** The watch of an admitted session; null for one that was refused or has ended. */
    SessionWatch watch(Session session) {
        return open.get(session);
    }

    private void sweep() {
        try {
            open.values().forEach(SessionWatch::check);
        } catch (RuntimeException e) {
            log.error("smtp.sweep_failed", e);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
