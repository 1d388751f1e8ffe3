package net.mfagateway.gateway.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.mfagateway.gateway.intake.CodeListener;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Diagnosis;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.StatusChange;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.rules.Extraction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves connections between statuses on what logins and intake report, each change stored with
 * its {@code connection.status} event. A failed login is also kept as a {@code login.failed}
 * event, a successful one as {@code login.succeeded}; the failures since the last success decide
 * when {@code mfa_token_expired} becomes {@code needs_attention}. A portal that is down is
 * {@code website_down} and a {@code login.website_down} event, never counted as a failure; a
 * refused or outdated password is its own status at once. Thread-safe.
 */
public final class StatusTracker implements CodeListener {

    private static final Logger log = LoggerFactory.getLogger(StatusTracker.class);

    private final Store store;
    private final Diagnostician diagnostician;
    private final Ids ids;
    private final Clock clock;
    private final int attentionAfter;

    /** {@code attentionAfter}: failed logins in a row that make a connection {@code needs_attention}. */
    public StatusTracker(Store store, Diagnostician diagnostician, Ids ids, Clock clock, int attentionAfter) {
        this.store = store;
        this.diagnostician = diagnostician;
        this.ids = ids;
        this.clock = clock;
        this.attentionAfter = attentionAfter;
    }

    /**
     * Registers the {@code mfa_gateway_connections{status}} gauges. One scrape reads every
     * connection once: the counts are kept for a second, so the gauges share one pass.
     */
    public void bindMetrics(MeterRegistry metrics) {
        StatusCounts counts = new StatusCounts(store, clock);
        for (ConnectionStatus s : ConnectionStatus.values()) {
            // Held strongly: nothing else keeps the counts, and a collected one reads NaN.
            Gauge.builder("mfa.gateway.connections", counts, c -> c.count(s)).strongReference(true)
                    .description("connections by status").tag("status", s.wireName()).register(metrics);
        }
    }

    /**
     * Applies one login report. Completes with the connection's status afterwards, once the
     * change (if any) and its events are durable.
     */
    public CompletableFuture<ConnectionStatus> report(Connection c, LoginReport report) {
        Instant now = clock.instant();
        return switch (report) {
            case LoginReport.MfaRequired r -> change(c, ConnectionStatus.MFA_REQUIRED, null,
                    Map.of("method", r.method()));
            case LoginReport.Connected r -> store.appendEvent(event(c, "login.succeeded", now,
                            Map.of("mfa", r.mfa().wireName())))
                    .thenCompose(done -> change(c, ConnectionStatus.CONNECTED, null, Map.of()));
            case LoginReport.WebsiteDown r -> websiteDown(c, r, now);
            case LoginReport.CodeTimedOut r -> failure(c, r, now);
            case LoginReport.CodeRejected r -> failure(c, r, now);
            case LoginReport.AnswerRejected r -> failure(c, r, now);
            case LoginReport.NoAnswer r -> failure(c, r, now);
            case LoginReport.PasswordIncorrect r -> failure(c, r, now);
            case LoginReport.NewPasswordNeeded r -> failure(c, r, now);
            case LoginReport.MfaUnreachable r -> failure(c, r, now);
            case LoginReport.Failed r -> failure(c, r, now);
        };
    }

    /**
     * The portal is down: {@code website_down}, with a {@code login.website_down} event rather than
     * {@code login.failed}, so it never counts towards {@code needs_attention}.
     */
    private CompletableFuture<ConnectionStatus> websiteDown(Connection c, LoginReport.WebsiteDown r, Instant now) {
        Diagnosis why = diagnostician.diagnose(c, r);
        return store.appendEvent(event(c, "login.website_down", now, Map.of("message", why.message())))
                .thenCompose(done -> change(c, ConnectionStatus.WEBSITE_DOWN, why, Map.of()));
    }

    @Override
    public void codeStored(Code code) {
    }

    /** A blocked-forwarding report moves the connection at once, off the store's writer thread. */
    @Override
    public void messageStored(Connection connection, Extraction extraction) {
        if (extraction instanceof Extraction.ForwardingBlocked blocked) {
            Instant at = clock.instant();
            CompletableFuture.runAsync(() -> forwardingBlocked(connection, at, blocked.detail()))
                    .exceptionally(failure -> {
                        log.error("connection.status_failed conn={} reason={}", connection.id(), failure.toString());
                        return null;
                    });
        }
    }

    /** Intake heard the customer's mail provider refuse to forward: codes will not come. */
    public CompletableFuture<ConnectionStatus> forwardingBlocked(Connection c, Instant at, String detail) {
        Diagnosis why = new Diagnosis("forwarding_blocked", "The customer's mail provider reported at " + at
                + " that it blocks forwarding to " + c.email() + (detail == null ? "." : ": " + detail),
                List.of("Managed forwarding: make " + c.email() + " the contact address for codes at the utility's"
                        + " portal, or upload bills; see GET /v1/utilities/" + c.utility() + "."), at);
        return change(c, ConnectionStatus.NEEDS_ATTENTION, why, Map.of());
    }

    private CompletableFuture<ConnectionStatus> failure(Connection c, LoginReport report, Instant now) {
        Diagnosis why = diagnostician.diagnose(c, report);
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("outcome", report.outcome());
        failed.put("reason", why.reason());
        failed.put("message", why.message());
        return store.appendEvent(event(c, "login.failed", now, failed)).thenCompose(done -> {
            int inARow = failuresInARow(c.id());
            ConnectionStatus atOnce = atOnce(report);
            if (atOnce != null) {
                return change(c, atOnce, why, Map.of());
            }
            if (inARow >= attentionAfter) {
                Diagnosis repeated = new Diagnosis(why.reason(), inARow + " logins in a row failed; the last: "
                        + why.message(), why.advice(), why.at());
                return change(c, ConnectionStatus.NEEDS_ATTENTION, repeated, Map.of("failuresInARow", inARow));
            }
            if (report instanceof LoginReport.Failed) {
                // Not an MFA failure: the token did not expire, the status stays until it repeats. But the
                // portal answered, so it is no longer down: back to where the connection was before.
                ConnectionStatus current = store.connection(c.id()).map(Connection::status).orElse(c.status());
                return current == ConnectionStatus.WEBSITE_DOWN ? change(c, statusBeforeDown(c.id()), why, Map.of())
                        : CompletableFuture.completedFuture(current);
            }
            return change(c, ConnectionStatus.MFA_TOKEN_EXPIRED, why, Map.of("failuresInARow", inARow));
        });
    }

    /**
     * The status a failure moves to at the first time, whatever came before: a person must act on
     * these, retrying cannot help, and they say more than {@code needs_attention}. Null for the
     * failures that count up towards it.
     */
    private static ConnectionStatus atOnce(LoginReport report) {
        return switch (report) {
            case LoginReport.PasswordIncorrect r -> ConnectionStatus.PASSWORD_INCORRECT;
            case LoginReport.NewPasswordNeeded r -> ConnectionStatus.NEW_PASSWORD_NEEDED;
            case LoginReport.MfaUnreachable r -> ConnectionStatus.NEEDS_ATTENTION;
            case LoginReport.CodeTimedOut r -> null;
            case LoginReport.CodeRejected r -> null;
            case LoginReport.AnswerRejected r -> null;
            case LoginReport.NoAnswer r -> null;
            case LoginReport.Failed r -> null;
            case LoginReport.WebsiteDown r -> null;
            case LoginReport.MfaRequired r -> null;
            case LoginReport.Connected r -> null;
        };
    }

    /** The status the connection had when it last became {@code website_down}. */
    private ConnectionStatus statusBeforeDown(String connectionId) {
        List<Event> events = store.events(connectionId, "connection.status");
        for (int i = events.size() - 1; i >= 0; i--) {
            Map<String, Object> data = events.get(i).data();
            if (ConnectionStatus.WEBSITE_DOWN.wireName().equals(data.get("status"))) {
                return ConnectionStatus.fromWire(String.valueOf(data.get("previous")))
                        .filter(s -> s != ConnectionStatus.WEBSITE_DOWN).orElse(ConnectionStatus.PENDING);
            }
        }
        return ConnectionStatus.PENDING;
    }

    /** {@code login.failed} events since the last {@code login.succeeded}. */
    private int failuresInARow(String connectionId) {
        List<Event> events = store.events(connectionId);
        int n = 0;
        for (int i = events.size() - 1; i >= 0; i--) {
            String type = events.get(i).type();
            if (type.equals("login.succeeded")) {
                break;
            }
            if (type.equals("login.failed")) {
                n++;
            }
        }
        return n;
    }

    private CompletableFuture<ConnectionStatus> change(Connection c, ConnectionStatus to, Diagnosis why,
            Map<String, Object> extra) {
        Connection current = store.connection(c.id()).orElse(c);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", to.wireName());
        data.put("previous", current.status().wireName());
        if (why != null) {
            data.put("reason", why.reason());
            data.put("message", why.message());
            data.put("advice", new ArrayList<>(why.advice()));
        }
        data.putAll(extra);
        Event event = event(c, "connection.status", clock.instant(), data);
        return store.changeStatus(new StatusChange(c.id(), to, why, event)).thenApply(changed -> {
            if (changed) {
                if (to != ConnectionStatus.CONNECTED && to != ConnectionStatus.MFA_REQUIRED
                        && to != ConnectionStatus.PENDING) {
                    log.warn("connection.status conn={} status={} previous={} reason={}", c.id(), to.wireName(),
                            current.status().wireName(), why == null ? "" : why.reason());
                } else {
                    log.info("connection.status conn={} status={} previous={}", c.id(), to.wireName(),
                            current.status().wireName());
                }
            }
            return to;
        });
    }

    private Event event(Connection c, String type, Instant at, Map<String, Object> data) {
        return new Event(ids.next("e_"), c.id(), c.tenantId(), type, at, data);
    }
}
