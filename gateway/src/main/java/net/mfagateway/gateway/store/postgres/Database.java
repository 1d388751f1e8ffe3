package net.mfagateway.gateway.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.mfagateway.gateway.store.StoreException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database under {@link PostgresStore}: a HikariCP pool, and a bounded set of writer threads
 * that each run one transaction at a time and complete its future only after COMMIT returned
 * (with PostgreSQL's defaults, {@code synchronous_commit=on}, that is once the WAL is flushed).
 * Commits of several writers share WAL flushes, which is what makes many small durable
 * transactions cheap. A failed transaction is rolled back: nothing of it is kept.
 */
final class Database implements AutoCloseable {

    /** One write transaction's statements; runs on a writer thread, and again if PostgreSQL asks for a retry. */
    interface Work<T> {
        T run(Sql sql) throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final int WRITERS = 8;
    private static final int POOL_SIZE = WRITERS + 8;
    private static final int QUEUED_WRITES = 10_000;
    private static final int ATTEMPTS = 3;
    private static final String MIGRATIONS = "classpath:db/postgresql";

    private final PostgresLocation location;
    private final HikariDataSource pool;
    private final ThreadPoolExecutor writers;
    private final Timer commitTimer;
    private volatile Runnable afterQueued = () -> { };
    private volatile boolean failing;
    private volatile boolean closed;

    private Database(PostgresLocation location, HikariDataSource pool, MeterRegistry registry) {
        this.location = location;
        this.pool = pool;
        AtomicInteger n = new AtomicInteger();
        this.writers = new ThreadPoolExecutor(WRITERS, WRITERS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUED_WRITES),
                r -> Thread.ofPlatform().daemon().name("store-write-" + n.incrementAndGet()).unstarted(r));
        // Same name and histogram as the embedded store's: the dashboards and alerts read it.
        this.commitTimer = Timer.builder("mfa.gateway.store.commit")
                .description("write transaction: statements and COMMIT")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Connects, migrates the schema to the newest version, and starts the writers. */
    static Database open(PostgresLocation location, MeterRegistry registry) throws IOException {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(location));
        } catch (RuntimeException e) {
            throw new IOException("cannot reach the PostgreSQL store at " + location + ": " + rootMessage(e), e);
        }
        try {
            var result = Flyway.configure()
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            log.info("store.schema db={} version={} migrations_applied={}", location, result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (FlywayException e) {
            pool.close();
            throw new IOException("cannot migrate the PostgreSQL store's schema at " + location + ": "
                    + rootMessage(e), e);
        }
        return new Database(location, pool, registry);
    }

    private static HikariConfig poolConfig(PostgresLocation location) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mfa-gateway-store");
        config.setJdbcUrl(location.jdbcUrl());
        config.setDataSourceProperties(connectionProperties(location));
        config.setMaximumPoolSize(POOL_SIZE);
        // Grown on demand: an idle node (or a test) holds a couple of connections, not POOL_SIZE.
        config.setMinimumIdle(2);
        // How long a caller waits for a connection while the database is out of reach before it
        // gets its retryable answer (503, SMTP 451): well inside a client's or an MTA's patience.
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(5));
        return config;
    }

    /**
     * What every connection to the store is opened with: the location's, plus a name, keepalives,
     * and errors without the server's detail line, which quotes row values (a connection's
     * unguessable address, say) into messages that end up in logs.
     */
    static Properties connectionProperties(PostgresLocation location) {
        Properties p = location.driverProperties();
        p.putIfAbsent("ApplicationName", "mfa-gateway");
        p.putIfAbsent("tcpKeepAlive", "true");
        p.putIfAbsent("logServerErrorDetail", "false");
        return p;
    }

    /** A connection outside the pool, for the LISTEN that must stay on one session. */
    Connection connectOutsidePool() throws SQLException {
        return DriverManager.getConnection(location.jdbcUrl(), connectionProperties(location));
    }

    /** Called on the writer thread after each commit that queued deliveries. */
    void afterQueued(Runnable listener) {
        this.afterQueued = listener;
    }

    /** Runs {@code work} as one transaction on a writer thread; the future completes after COMMIT. */
    <T> CompletableFuture<T> write(Work<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new StoreException("store is closed", null));
            return done;
        }
        try {
            writers.execute(new Pending<>(this, work, done));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new StoreException(closed ? "store is closed"
                    : "store is overloaded: " + QUEUED_WRITES + " writes already waiting", e));
        }
        return done;
    }

    /** A write waiting for a writer thread. */
    private record Pending<T>(Database db, Work<T> work, CompletableFuture<T> done) implements Runnable {
        @Override
        public void run() {
            db.run(work, done);
        }
    }

    /** What a committed transaction returned, and whether it queued deliveries. */
    private record Outcome<T>(T value, boolean queued) {
    }

    private <T> void run(Work<T> work, CompletableFuture<T> done) {
        long start = System.nanoTime();
        Outcome<T> outcome;
        try {
            outcome = transact(work);
            failing = false;
        } catch (SQLException e) {
            noteFailure(e);
            log.warn("store.commit_failed db={} sqlstate={} reason=\"{}\"", location.hosts(), e.getSQLState(),
                    e.getMessage());
            done.completeExceptionally(new StoreException("write failed: " + e.getMessage(), e));
            return;
        } catch (RuntimeException e) {
            log.error("store.write_failed db={}", location.hosts(), e);
            done.completeExceptionally(new StoreException("write failed: " + e, e));
            return;
        } finally {
            commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        done.complete(outcome.value());
        if (outcome.queued()) {
            try {
                afterQueued.run();
            } catch (RuntimeException e) {
                log.error("store.outbox_listener_failed", e);
            }
        }
    }

    /** Runs the work in a transaction and commits it, again when PostgreSQL asks for a retry. */
    private <T> Outcome<T> transact(Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Sql sql = new Sql(c);
                    T value = work.run(sql);
                    sql.sendNotifications();
                    c.commit();
                    return new Outcome<>(value, sql.hasQueued());
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                log.debug("store.write_retry attempt={} sqlstate={}", attempt, e.getSQLState());
            }
        }
    }

    /** Runs a read on a pooled connection, outside any write transaction. */
    <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            T value = work.run(new Sql(c));
            failing = false;
            return value;
        } catch (SQLException e) {
            noteFailure(e);
            throw new StoreException("read failed: " + e.getMessage(), e);
        }
    }

    /** Deadlocks and serialization failures: PostgreSQL rolled the transaction back and it may simply run again. */
    private static boolean retryable(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /**
     * The database may be out of reach or out of resources (connection lost, shut down, disk full):
     * unhealthy until a read or a write succeeds or the listener reconnects. Reads count: a pooled
     * connection broken by the outage can fail after the listener is back, and a node that only
     * reads (its login scan every few seconds, API reads) must still be seen to recover.
     */
    private void noteFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof SQLTransientConnectionException || state.startsWith("08") || state.startsWith("53")
                || state.startsWith("57") || state.startsWith("58")) {
            failing = true;
        }
    }

    /** The database answered again (the listener reconnected). */
    void reachable() {
        failing = false;
    }

    boolean failing() {
        return failing;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("store.rollback_failed reason=\"{}\"", e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writers.shutdown();
        try {
            if (!writers.awaitTermination(30, TimeUnit.SECONDS)) {
                var abandoned = writers.shutdownNow();
                log.warn("store.close_unfinished writes_abandoned={}", abandoned.size());
                for (Runnable r : abandoned) {
                    ((Pending<?>) r).done().completeExceptionally(new StoreException("store is closed", null));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
    }
}
