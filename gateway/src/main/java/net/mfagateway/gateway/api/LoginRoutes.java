package net.mfagateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.status.StatusTracker;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.worker.LoginWorkers;

/**
 * Logins of a connection. {@code POST .../login-reports}: an outside collector says how its login
 * went, and the connection's status moves exactly as it does for in-service workers.
 * {@code POST .../logins}: the in-service worker logs in now (202; the outcome arrives as events);
 * {@code GET .../logins}: how its logins went, with or without a second factor.
 */
final class LoginRoutes implements Routes {

    private static final int MAX_TEXT = 500;
    private static final int MAX_OFFERED = 10;
    private static final String OUTCOMES = "mfa_required, connected, code_timeout, code_rejected, answer_rejected,"
            + " no_answer, password_incorrect, new_password_needed, website_down, mfa_unreachable or failed";

    private final Store store;
    private final StatusTracker status;
    private final LoginWorkers workers;
    private final Clock clock;
    private final ConnectionView view;

    LoginRoutes(Store store, StatusTracker status, LoginWorkers workers, Clock clock, ConnectionView view) {
        this.view = view;
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
            if (req.method().equals("GET")) {
                counts(req, owned(tenant, s.get(2)));
            } else {
                Routes.only("POST", req);
                runNow(req, owned(tenant, s.get(2)));
            }
            return true;
        }
        return false;
    }

    private void report(Request req, Connection c) {
        JsonNode body = req.jsonObject();
        String outcome = req.string(body, "outcome").orElseThrow(() -> ApiException.badRequest("missing_field",
                "'outcome' is required: one of " + OUTCOMES));
        LoginReport report = switch (outcome) {
            case "mfa_required" -> new LoginReport.MfaRequired(req.string(body, "method").orElse("email"));
            case "connected" -> new LoginReport.Connected(mfa(req, body, c));
            case "password_incorrect" -> new LoginReport.PasswordIncorrect(true);
            case "new_password_needed" -> new LoginReport.NewPasswordNeeded();
            case "website_down" -> new LoginReport.WebsiteDown(text(req, body, "detail", false));
            case "mfa_unreachable" -> new LoginReport.MfaUnreachable(offered(body));
            case "code_timeout" -> new LoginReport.CodeTimedOut(askedAt(req, body),
                    Duration.ofSeconds(seconds(body, "waitedSeconds")));
            case "code_rejected" -> new LoginReport.CodeRejected(req.string(body, "codeId").orElse(null));
            case "answer_rejected" -> new LoginReport.AnswerRejected(text(req, body, "question", true));
            case "no_answer" -> new LoginReport.NoAnswer(text(req, body, "question", true));
            case "failed" -> new LoginReport.Failed(text(req, body, "detail", false));
            default -> throw ApiException.badRequest("invalid_field", "unknown outcome '" + outcome + "'; use one of "
                    + OUTCOMES);
        };
        status.report(c, report).whenComplete((now, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not store the report; retry"));
            } else {
                Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK,
                        view.of(store.connection(c.id()).orElse(c)));
            }
        });
    }

    /**
     * {@code GET .../logins}: how the connection's logins went, counted from its events (so over
     * the event retention): successful ones that needed a second factor and ones that did not,
     * failed ones, and ones that found the portal down.
     */
    private void counts(Request req, Connection c) {
        long required = 0;
        long skipped = 0;
        long failed = 0;
        long down = 0;
        List<Event> events = store.events(c.id());
        for (Event e : events) {
            switch (e.type()) {
                case "login.succeeded" -> {
                    Object mfa = e.data().get("mfa");
                    if (LoginReport.Mfa.REQUIRED.wireName().equals(mfa)) {
                        required++;
                    } else if (LoginReport.Mfa.SKIPPED.wireName().equals(mfa)) {
                        skipped++;
                    }
                }
                case "login.failed" -> failed++;
                case "login.website_down" -> down++;
                default -> {
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mfaRequired", required);
        body.put("mfaSkipped", skipped);
        body.put("failed", failed);
        body.put("websiteDown", down);
        body.put("since", events.isEmpty() ? null : events.get(0).at().toString());
        Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, body);
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

    /**
     * Whether a reported login needed its second factor: {@code "mfa"} when the collector says, else
     * {@code required} when it reported {@code mfa_required} during this login, {@code skipped} when not.
     */
    private LoginReport.Mfa mfa(Request req, JsonNode body, Connection c) {
        Optional<String> said = req.string(body, "mfa");
        if (said.isEmpty()) {
            ConnectionStatus now = store.connection(c.id()).map(Connection::status).orElse(c.status());
            return now == ConnectionStatus.MFA_REQUIRED ? LoginReport.Mfa.REQUIRED : LoginReport.Mfa.SKIPPED;
        }
        return switch (said.get()) {
            case "required" -> LoginReport.Mfa.REQUIRED;
            case "skipped" -> LoginReport.Mfa.SKIPPED;
            default -> throw ApiException.badRequest("invalid_field", "'mfa' must be \"required\" (the portal asked for"
                    + " a second factor) or \"skipped\" (it let the login in without one)");
        };
    }

    /** {@code "offered"}: how the portal offered to send its code, as a person reads it ("email to j***@gmail.com"). */
    private static List<String> offered(JsonNode body) {
        JsonNode list = body.get("offered");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > MAX_OFFERED) {
            throw ApiException.badRequest("invalid_field", "'offered' must be an array of at most " + MAX_OFFERED
                    + " strings such as \"email to j***@gmail.com\"");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
                throw ApiException.badRequest("invalid_field", "each of 'offered' must be a string of 1 to 200"
                        + " characters");
            }
            out.add(n.asText());
        }
        return out;
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
