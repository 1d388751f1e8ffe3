package net.mfagateway.gateway.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears what every node commits: one connection of its own, outside the pool, LISTENs on
 * {@link #CHANNEL} and a daemon thread blocks in the driver until a notification arrives. Commits
 * send {@code code:<connectionId>} when they stored codes and {@code outbox} when they changed the
 * outbox; PostgreSQL delivers them only once the commit is done. A broken connection is reopened
 * with capped backoff, and then {@link Handler#missed} says that reports may have been lost meanwhile.
 */
final class Notifications implements AutoCloseable {

    static final String CHANNEL = "mfa_gateway";
    static final String CODE_PREFIX = "code:";
    static final String OUTBOX = "outbox";

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    /** Opens a new connection to the store's database, not from the pool. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    /** What the store does with what it hears, on the listening thread. */
    interface Handler {
        void codesStored(String connectionId);

        void outboxChanged();

        /** Listening again after a break: whatever was committed meanwhile went unheard. */
        void missed();
    }

    private final Connector connector;
    private final Handler handler;
    private final String where;
    private final Thread thread;
    private volatile Connection connection;
    private volatile boolean listening;
    private volatile boolean running = true;

    /** Listens before returning, so that every commit from then on is heard; throws when it cannot. */
    Notifications(Connector connector, Handler handler, String where) throws SQLException {
        this.connector = connector;
        this.handler = handler;
        this.where = where;
        this.connection = listen();
        this.listening = true;
        this.thread = Thread.ofPlatform().daemon().name("store-listen").unstarted(this::run);
        thread.start();
    }

    /** Whether the listening connection is up now. */
    boolean listening() {
        return listening && running;
    }

    private Connection listen() throws SQLException {
        Connection c = connector.connect();
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void run() {
        while (running) {
            try {
                hear(connection);
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                listening = false;
                log.warn("store.listen_lost db={} reason=\"{}\" action=reconnecting effect=\"codes and deliveries"
                        + " committed by other nodes are not heard until it is back\"", where, e.getMessage());
                closeQuietly(connection);
                if (!reconnect()) {
                    return;
                }
                handler.missed();
            }
        }
    }

    /** Blocks in the driver until notifications arrive, then hands them on; returns only by throwing. */
    private void hear(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
            // 0: wait for as long as it takes; a broken connection or close() ends the wait with an exception.
            PGNotification[] heard = pg.getNotifications(0);
            if (heard == null) {
                continue;
            }
            for (PGNotification n : heard) {
                dispatch(n.getParameter());
            }
        }
        throw new SQLException("listener closed");
    }

    private void dispatch(String payload) {
        try {
            if (payload.startsWith(CODE_PREFIX)) {
                handler.codesStored(payload.substring(CODE_PREFIX.length()));
            } else if (payload.equals(OUTBOX)) {
                handler.outboxChanged();
            }
        } catch (RuntimeException e) {
            log.error("store.listener_failed payload_kind={}", payload.startsWith(CODE_PREFIX) ? "code" : payload, e);
        }
    }

    /** Tries again and again, waiting longer each time up to a cap; false once closed. */
    private boolean reconnect() {
        long backoff = FIRST_BACKOFF_MS;
        long since = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                connection = listen();
                listening = true;
                log.info("store.listen_restored db={} after_ms={}", where,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
                return running;
            } catch (SQLException e) {
                log.debug("store.listen_retry db={} reason=\"{}\"", where, e.getMessage());
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
        return false;
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                // Closes the socket under the blocked wait, from this thread, without the driver's lock.
                c.abort(Runnable::run);
            } catch (SQLException e) {
                log.debug("store.listen_abort_failed reason=\"{}\"", e.getMessage());
            }
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("store.listen_close_failed reason=\"{}\"", e.getMessage());
        }
    }
}
