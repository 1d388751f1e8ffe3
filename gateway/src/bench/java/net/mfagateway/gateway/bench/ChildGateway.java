package net.mfagateway.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gateway under test: the shaded jar in a child JVM of its own (so its RSS and threads are
 * its own), on free loopback ports, with a temporary data dir that {@link #close} removes.
 */
final class ChildGateway implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("gateway\\.ready smtp_port=(\\d+) http_port=(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int smtpPort;
    private final int httpPort;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChildGateway(Process process, Path dataDir, Path log, int smtpPort, int httpPort, String token) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.smtpPort = smtpPort;
        this.httpPort = httpPort;
        this.token = token;
    }

    /**
     * Starts {@code java [jvmOptions] -jar jar} with the same JDK as this JVM; waits (bounded) for
     * the ready line.
     */
    static ChildGateway start(Path jar, List<String> jvmOptions) throws IOException, InterruptedException {
        return start(jar, jvmOptions, java.util.Map.of());
    }

    /**
     * As {@link #start(Path, List)} with {@code env} added to the child's environment (a shared
     * store, secret key and admin token for a second node); the admin token is then the one given.
     */
    static ChildGateway start(Path jar, List<String> jvmOptions, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("mfa-bench-gateway-");
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("MFA_GATEWAY_SMTP_PORT", "0");
        pb.environment().put("MFA_GATEWAY_HTTP_PORT", "0");
        pb.environment().put("MFA_GATEWAY_BIND", "127.0.0.1");
        pb.environment().put("MFA_GATEWAY_DATA_DIR", dataDir.toString());
        pb.environment().remove("MFA_GATEWAY_ADMIN_TOKEN");
        // The loads send thousands of mails to one connection: measure throughput, not the rate limit.
        pb.environment().put("MFA_GATEWAY_SMTP_MESSAGES_PER_CONNECTION_PER_MINUTE", "1000000");
        pb.environment().putAll(env);
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                String token = env.containsKey("MFA_GATEWAY_ADMIN_TOKEN") ? env.get("MFA_GATEWAY_ADMIN_TOKEN")
                        : Files.readString(dataDir.resolve("admin-token")).trim();
                return new ChildGateway(p, dataDir, log, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        token);
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String out = Files.readString(log);
        deleteTree(dataDir);
        Files.deleteIfExists(log);
        throw new IOException("gateway did not log gateway.ready within 60 s; its output:\n" + out);
    }

    long pid() {
        return process.pid();
    }

    int smtpPort() {
        return smtpPort;
    }

    int httpPort() {
        return httpPort;
    }

    String token() {
        return token;
    }

    /** POST /v1/connections; returns the new connection's id and address. */
    MailConnection createConnection() throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri("/v1/connections"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"utility\":\"coned\",\"label\":\"bench\"}"))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 201) {
            throw new IOException("POST /v1/connections answered " + resp.statusCode() + ": " + resp.body());
        }
        JsonNode node = JSON.readTree(resp.body());
        return new MailConnection(node.get("id").asText(), node.get("email").asText());
    }

    /** One scrape of GET /metrics. */
    Metrics metrics() throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri("/metrics")).timeout(Duration.ofSeconds(10)).build();
        return Metrics.parse(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Polls /metrics until {@code gauge} equals {@code want}, for at most {@code timeout}; returns the last value. */
    double awaitGauge(String gauge, double want, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double v;
        while ((v = metrics().value(gauge)) != want && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return v;
    }

    /** A field of /proc/PID/status such as VmRSS (kB) or Threads. */
    long procStatus(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/" + process.pid() + "/status");
    }

    /** Lines of the gateway's log that contain {@code needle}. */
    long logLinesContaining(String needle) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(needle)).count();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Stops the child (SIGTERM, then SIGKILL after 20 s) and removes its data dir and log. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        deleteTree(dataDir);
        Files.deleteIfExists(log);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A connection as the bench needs it: where to poll and where to mail. */
    record MailConnection(String id, String email) {
    }
}
