package net.mfagateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.status.StatusTracker;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.worker.LoginWorkers;

/**
 * Logins of a connection. {@code POST .../login-reports}: an outside collector says how its login
 * went, and the connection's status moves exactly as it does for in-service workers.
 * {@code POST .../logins}: the in-service worker logs in now (202; the outcome arrives as events).
 */
final class LoginRoutes implements Routes {

    private static final int MAX_TEXT = 500;

    private final Store store;
    private final StatusTracker status;
    private final LoginWorkers workers;
    private final Clock clock;

    LoginRoutes(Store store, StatusTracker status, LoginWorkers workers, Clock clock) {
        this.store = store;
        this.status = status;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public boolean route(Request req, Tenant tenant) {
        List<String> s = req.segments();
        if (s.size() != 4 || !s.get(1).equals("connections")) {
            return false;
        }
        if (s.get(3).equals("login-reports")) {
            Routes.only("POST", req);
            report(req, owned(tenant, s.get(2)));
            return true;
        }
        if (s.get(3).equals("logins")) {
            Routes.only("POST", req);
            runNow(req, owned(tenant, s.get(2)));
            return true;
        }
        return false;
    }

    private void report(Request req, Connection c) {
        JsonNode body = req.jsonObject();
        String outcome = req.string(body, "outcome").orElseThrow(() -> ApiException.badRequest("missing_field",
                "'outcome' is required: mfa_required, connected, code_timeout, code_rejected, answer_rejected,"
                        + " no_answer or failed"));
        LoginReport report = switch (outcome) {
            case "mfa_required" -> new LoginReport.MfaRequired(req.string(body, "method").orElse("email"));
            case "connected" -> new LoginReport.Connected();
            case "code_timeout" -> new LoginReport.CodeTimedOut(askedAt(req, body),
                    Duration.ofSeconds(seconds(body, "waitedSeconds")));
            case "code_rejected" -> new LoginReport.CodeRejected(req.string(body, "codeId").orElse(null));
            case "answer_rejected" -> new LoginReport.AnswerRejected(text(req, body, "question", true));
            case "no_answer" -> new LoginReport.NoAnswer(text(req, body, "question", true));
            case "failed" -> new LoginReport.Failed(text(req, body, "detail", false));
            default -> throw ApiException.badRequest("invalid_field", "unknown outcome '" + outcome + "'; use"
                    + " mfa_required, connected, code_timeout, code_rejected, answer_rejected, no_answer or failed");
        };
        status.report(c, report).whenComplete((now, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not store the report; retry"));
            } else {
                Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK,
                        CodeView.of(store.connection(c.id()).orElse(c)));
            }
        });
    }

    private void runNow(Request req, Connection c) {
        if (c.login() == null) {
            throw ApiException.conflict("connection " + c.id() + " has no login settings; set 'login' with PATCH"
                    + " /v1/connections/" + c.id() + " or report outside logins to .../login-reports");
        }
        var started = workers.logInNow(c.id());
        if (started.isCompletedExceptionally()) {
            String why = started.handle((ok, failure) -> failure.getMessage()).join();
            throw ApiException.conflict(why);
        }
        Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.ACCEPTED,
                Map.of("connectionId", c.id(), "started", clock.instant().toString()));
    }

    private Instant askedAt(Request req, JsonNode body) {
        String raw = req.string(body, "askedAt").orElse(null);
        if (raw == null) {
            return clock.instant().minusSeconds(seconds(body, "waitedSeconds"));
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_field", "'askedAt' must be an ISO-8601 instant such as"
                    + " 2026-11-23T08:00:00Z");
        }
    }

    private static long seconds(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.canConvertToLong() || n.asLong() < 0 || n.asLong() > 86_400) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be whole seconds, 0..86400");
        }
        return n.asLong();
    }

    private static String text(Request req, JsonNode body, String field, boolean required) {
        String value = req.string(body, field).orElse(null);
        if (value == null && required) {
            throw ApiException.badRequest("missing_field", "'" + field + "' is required for this outcome");
        }
        if (value != null && value.length() > MAX_TEXT) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    private Connection owned(Tenant tenant, String id) {
        return Routes.owned(store, tenant, id);
    }
}
