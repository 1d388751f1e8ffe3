package net.mfagateway.gateway.support;

import java.io.IOException;
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
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
        process.destroyForcibly();
        throw new IllegalStateException("gateway not ready within 60 s:\n" + Files.readString(log));
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int httpPort() {
        return httpPort;
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
