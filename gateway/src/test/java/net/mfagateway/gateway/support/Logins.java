package net.mfagateway.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.worker.simulated.SimulatedPortal;

/**
 * A test gateway's in-service logins to a {@link SimulatedPortal}, seen as a person sees them:
 * connections made through the API, logins started by the worker, status and events read back.
 */
public final class Logins {

    private final TestGateway gw;
    private final SimulatedPortal portal;

    public Logins(TestGateway gw, SimulatedPortal portal) {
        this.gw = gw;
        this.portal = portal;
    }

    /** A connection whose worker logs into the portal as {@code user}; {@code extra} adds fields (e.g. phone). */
    public JsonNode connection(String utility, String user, long everySeconds, Map<String, Object> extra)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("utility", utility);
        body.put("login", Map.of("driver", "simulated", "url", portal.url().toString(), "username", user,
                "everySeconds", everySeconds));
        HttpResponse<String> r = gw.post("/v1/connections", TestGateway.JSON.writeValueAsString(body));
        if (r.statusCode() != 201) {
            throw new AssertionError("create failed: " + r.statusCode() + " " + r.body());
        }
        return TestGateway.json(r);
    }

    public JsonNode connection(String utility, String user) throws Exception {
        return connection(utility, user, 0, Map.of());
    }

    public static String id(JsonNode connection) {
        return connection.get("id").asText();
    }

    public LoginReport logIn(JsonNode connection) throws Exception {
        return gw.workers().logInNow(id(connection)).get(30, TimeUnit.SECONDS);
    }

    public JsonNode get(JsonNode connection) throws Exception {
        return TestGateway.json(gw.get("/v1/connections/" + id(connection)));
    }

    public HttpResponse<String> setPassword(JsonNode connection, String password) throws Exception {
        return gw.put("/v1/connections/" + id(connection) + "/portal-password",
                TestGateway.JSON.writeValueAsString(Map.of("password", password)));
    }

    public List<JsonNode> events(JsonNode connection) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        TestGateway.json(gw.get("/v1/connections/" + id(connection) + "/events")).get("events").forEach(out::add);
        return out;
    }

    public List<String> eventTypes(JsonNode connection) throws Exception {
        return events(connection).stream().map(e -> e.get("type").asText()).toList();
    }

    public List<String> statusChanges(JsonNode connection) throws Exception {
        return events(connection).stream().filter(e -> e.get("type").asText().equals("connection.status"))
                .map(e -> e.get("data").get("status").asText()).toList();
    }

    /** Waits (10 s at most) for the connection to reach {@code status}; returns it then. */
    public JsonNode awaitStatus(JsonNode connection, String status) throws Exception {
        return awaitStatus(connection, status, Duration.ofSeconds(10));
    }

    /**
     * As {@link #awaitStatus(JsonNode, String)} for at most {@code limit}: a scheduled login starts
     * at a schedule scan (every 5 s) after its first, randomly spread, due time, so waiting for
     * one takes up to two scans plus the login.
     */
    public JsonNode awaitStatus(JsonNode connection, String status, Duration limit) throws Exception {
        Await.until(id(connection) + " becomes " + status, limit,
                () -> get(connection).get("status").asText().equals(status));
        return get(connection);
    }
}
