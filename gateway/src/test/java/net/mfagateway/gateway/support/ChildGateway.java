package net.mfagateway.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The gateway's {@code serve} in a child JVM, so a test can kill it with SIGKILL. */
public final class ChildGateway implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("gateway\\.ready smtp_port=(\\d+) http_port=(\\d+)");

    private final Process process;
    private final int smtpPort;
    private final int httpPort;

    private ChildGateway(Process process, int smtpPort, int httpPort) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.httpPort = httpPort;
    }

    /** Starts {@code serve} on free ports over {@code dataDir}; waits for its ready line. */
    public static ChildGateway start(Path dataDir, Path log, Map<String, String> env) throws IOException,
            InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "net.mfagateway.gateway.cli.Main", "serve"));
        pb.environment().put("MFA_GATEWAY_DATA_DIR", dataDir.toString());
        pb.environment().put("MFA_GATEWAY_SMTP_PORT", "0");
        pb.environment().put("MFA_GATEWAY_HTTP_PORT", "0");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = READY.matcher(Files.readString(log));
                if (m.find()) {
                    return new ChildGateway(process, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        String threads = threadDump(java, process.pid());
        Path kept = keepCopy(dataDir);
        process.destroyForcibly();
        throw new IllegalStateException("gateway not ready within 120 s; data dir copied to " + kept + "\n"
                + Files.readString(log) + "\n" + threads);
    }

    /** The stuck child's threads, from jcmd beside the java binary: what a person would look at first. */
    private static String threadDump(String java, long pid) {
        try {
            Path jcmd = Path.of(java).resolveSibling("jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(200_000);
            p.waitFor(30, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            return "no thread dump: " + e;
        }
    }

    /** A copy of the data dir outside the test's temp dir, which JUnit deletes. */
    private static Path keepCopy(Path dataDir) throws IOException {
        Path kept = Files.createTempDirectory("mfa-gateway-not-ready-");
        try (var files = Files.walk(dataDir)) {
            for (Path p : files.toList()) {
                Path target = kept.resolve(dataDir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return kept;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Creates a connection for {@code utility} through the child's HTTP API; returns its JSON. */
    public com.fasterxml.jackson.databind.JsonNode createConnection(String token, String utility)
            throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort
                                + "/v1/connections"))
                        .header("Authorization", "Bearer " + token)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"utility\":\"" + utility + "\"}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating a connection answered " + r.statusCode() + ": " + r.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
