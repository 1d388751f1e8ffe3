package net.mfagateway.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import net.mfagateway.gateway.cli.Gateway;
import net.mfagateway.gateway.config.Config;
import net.mfagateway.gateway.config.ConfigLoader;

/** A whole gateway on free loopback ports over a temp data dir, with a small API client. */
public final class TestGateway implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final Gateway gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Writes a tenant with {@code token} straight into the store in {@code dataDir}, before a
     * gateway starts there: the tests' second tenant, made without the tenant API.
     */
    public static void seedTenant(Path dataDir, String id, String token) throws Exception {
        try (var store = net.mfagateway.gateway.store.mapdb.MapDbStore.open(dataDir,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
            store.putTenant(new net.mfagateway.gateway.store.Tenant(id, id,
                    net.mfagateway.gateway.store.Tenant.hashToken(token), false, java.time.Instant.now()))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    public static TestGateway start(Path dataDir) throws Exception {
        return start(dataDir, Map.of());
    }

    public static TestGateway start(Path dataDir, Map<String, String> env) throws Exception {
        return start(dataDir, env, Clock.systemUTC());
    }

    /** A gateway that tells time by {@code clock}, e.g. a {@link TestClock} a test moves on. */
    public static TestGateway start(Path dataDir, Map<String, String> env, Clock clock) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("MFA_GATEWAY_SMTP_PORT", "0");
        all.putIfAbsent("MFA_GATEWAY_HTTP_PORT", "0");
        all.putIfAbsent("MFA_GATEWAY_DATA_DIR", dataDir.toString());
        Config config = ConfigLoader.load(null, all);
        return new TestGateway(Gateway.start(config, clock, net.mfagateway.gateway.worker.LoginListener.NONE));
    }

    public int smtpPort() {
        return gateway.smtpPort();
    }

    public int httpPort() {
        return gateway.httpPort();
    }

    public String token() {
        return gateway.adminToken();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort() + path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token()).GET().build());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> patch(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token()).DELETE().build());
    }

    /**
     * The value of one Prometheus series from {@code /metrics}, e.g.
     * {@code metric("mfa_gateway_webhook_deliveries_total", "result=\"failed\"")}; 0 when absent.
     */
    public double metric(String name, String... labels) throws IOException, InterruptedException {
        for (String line : get("/metrics").body().lines().toList()) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean all = true;
                for (String label : labels) {
                    all &= line.contains(label);
                }
                if (all) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return 0;
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The in-service login workers. */
    public net.mfagateway.gateway.worker.LoginWorkers workers() {
        return gateway.workers();
    }

    public HttpClient client() {
        return http;
    }

    /** Creates a connection and returns its JSON. */
    public JsonNode createConnection(String utility) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/v1/connections", "{\"utility\":\"" + utility + "\",\"label\":\"test\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("create failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Mails a Con Edison code mail the rules recognise to {@code to} over SMTP; returns the reply to DATA. */
    public String mailCode(String to, String code) throws IOException {
        try (SmtpConversation smtp = new SmtpConversation(smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            return smtp.mail("noreply@coned.com", to, Mails.codeMail("noreply@coned.com", to, code));
        }
    }

    public static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        gateway.close();
    }
}
