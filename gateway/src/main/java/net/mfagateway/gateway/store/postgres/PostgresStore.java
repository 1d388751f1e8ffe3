package net.mfagateway.gateway.store.postgres;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionEdit;
import net.mfagateway.gateway.store.ConnectionSecret;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Delivery;
import net.mfagateway.gateway.store.Diagnosis;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Invitation;
import net.mfagateway.gateway.store.SealedAnswers;
import net.mfagateway.gateway.store.StatusChange;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoredMessage;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.store.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on PostgreSQL, which several gateway nodes can share. Each write is one transaction
 * (see {@link Database}); the schema is {@code db/postgresql/V*.sql}, migrated by Flyway at open.
 * It keeps what the embedded store keeps, with the same meaning; where both nodes may act at
 * once, row locks and unique constraints decide: the first claim of an invitation or a delivery
 * wins, a message raced in through two nodes is kept once. Commits tell every node what they
 * stored through {@link Notifications}.
 *
 * <p>Times compared inside the database (a delivery being due, a lease running out, a webhook
 * existing when an event happened, retention) are compared to the microsecond; the records
 * themselves keep their nanoseconds.
 */
public final class PostgresStore implements Store {

    private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);

    private final PostgresLocation location;
    private final Database db;
    private final Notifications notifications;
    private volatile Runnable deliveriesQueued = () -> { };
    private volatile Elsewhere elsewhere = new Elsewhere() {
        @Override
        public void codesStored(String connectionId) {
        }

        @Override
        public void lookAgain() {
        }
    };
    private volatile boolean closed;

    private PostgresStore(PostgresLocation location, Database db) throws SQLException {
        this.location = location;
        this.db = db;
        db.afterQueued(() -> deliveriesQueued.run());
        this.notifications = new Notifications(db::connectOutsidePool, new Notifications.Handler() {
            @Override
            public void codesStored(String connectionId) {
                elsewhere.codesStored(connectionId);
            }

            @Override
            public void outboxChanged() {
                deliveriesQueued.run();
            }

            @Override
            public void missed() {
                db.reachable();
                elsewhere.lookAgain();
                deliveriesQueued.run();
            }
        }, location.toString());
    }

    /**
     * Opens the store at {@code location} ({@code postgresql://user:password@host:5432/database?..},
     * {@code postgres://..} or {@code jdbc:postgresql://..}), creating or migrating its schema first.
     *
     * @throws IllegalArgumentException when {@code location} is not a PostgreSQL location
     * @throws IOException when the database cannot be reached or its schema not migrated
     */
    public static PostgresStore open(String location, MeterRegistry registry) throws IOException {
        PostgresLocation where = PostgresLocation.parse(location);
        Database db = Database.open(where, registry);
        try {
            PostgresStore store = new PostgresStore(where, db);
            log.info("store.opened db={} writers={}", where, Database.WRITERS);
            return store;
        } catch (SQLException e) {
            db.close();
            throw new IOException("cannot LISTEN on the PostgreSQL store at " + where + ": " + e.getMessage(), e);
        }
    }

    // ---- tenants ----

    @Override
    public CompletableFuture<Void> putTenant(Tenant t) {
        return db.write(sql -> {
            sql.update("""
                    INSERT INTO tenants (id, token_hash, previous_token_hash, created_at, body) VALUES (?, ?, ?, ?, ?::json)
                    ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash,
                        previous_token_hash = EXCLUDED.previous_token_hash, created_at = EXCLUDED.created_at,
                        body = EXCLUDED.body""",
                    t.id(), t.tokenHash(), t.previousTokenHash(), Rows.micros(t.createdAt()), Rows.body(t));
            return null;
        });
    }

    @Override
    public Optional<Tenant> tenant(String id) {
        return db.read(sql -> sql.one("SELECT body FROM tenants WHERE id = ?", body(Tenant.class), id));
    }

    @Override
    public List<Tenant> tenants() {
        List<Tenant> found = new ArrayList<>(db.read(sql -> sql.all("SELECT body FROM tenants", body(Tenant.class))));
        // Sorted here, to the nanosecond, as the embedded store sorts them.
        found.sort(Comparator.comparing(Tenant::createdAt).thenComparing(Tenant::id));
        return found;
    }

    @Override
    public Optional<Tenant> tenantByTokenHash(String tokenHash) {
        return db.read(sql -> sql.all("SELECT body FROM tenants WHERE token_hash = ? OR previous_token_hash = ?",
                body(Tenant.class), tokenHash, tokenHash)).stream().filter(t -> t.acceptsTokenHash(tokenHash))
                .findFirst();
    }

    // ---- connections ----

    @Override
    public CompletableFuture<Void> putConnection(Connection c) {
        return db.write(sql -> {
            putConnection(sql, c);
            return null;
        });
    }

    private static void putConnection(Sql sql, Connection c) throws SQLException {
        sql.update("""
                INSERT INTO connections (id, tenant_id, local_part, phone, status, created_at, body)
                VALUES (?, ?, ?, ?, ?, ?, ?::json)
                ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, local_part = EXCLUDED.local_part,
                    phone = EXCLUDED.phone, status = EXCLUDED.status, created_at = EXCLUDED.created_at,
                    body = EXCLUDED.body""",
                c.id(), c.tenantId(), c.localPart(), c.phone(), c.status().name(), Rows.micros(c.createdAt()),
                Rows.body(c));
    }

    @Override
    public Optional<Connection> connection(String id) {
        return db.read(sql -> sql.one("SELECT body FROM connections WHERE id = ?", body(Connection.class), id));
    }

    @Override
    public CompletableFuture<Void> deleteConnection(String id) {
        return db.write(sql -> {
            sql.update("DELETE FROM connections WHERE id = ?", id);
            sql.update("DELETE FROM connection_secrets WHERE connection_id = ?", id);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> editConnection(ConnectionEdit edit) {
        return db.write(sql -> {
            Optional<Connection> current = lockConnection(sql, edit.connectionId());
            if (current.isPresent()) {
                putConnection(sql, current.get().with(edit));
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> changeStatus(StatusChange change) {
        return db.write(sql -> {
            Connection c = lockConnection(sql, change.connectionId()).orElse(null);
            if (c == null || (c.status() == change.status()
                    && reason(c.diagnosis()).equals(reason(change.diagnosis())))) {
                return false;
            }
            putConnection(sql, c.withStatus(change.status(), change.diagnosis()));
            putEvents(sql, List.of(change.event()));
            return true;
        });
    }

    /** The connection as stored, locked until the transaction ends: concurrent changes to it queue up. */
    private static Optional<Connection> lockConnection(Sql sql, String id) throws SQLException {
        return sql.one("SELECT body FROM connections WHERE id = ? FOR UPDATE", body(Connection.class), id);
    }

    private static String reason(Diagnosis d) {
        return d == null ? "" : d.reason();
    }

    @Override
    public Optional<Connection> connectionByLocalPart(String localPart) {
        return db.read(sql -> sql.one("SELECT body FROM connections WHERE local_part = ?", body(Connection.class),
                localPart));
    }

    @Override
    public Optional<Connection> connectionByPhone(String phone) {
        return db.read(sql -> sql.one("SELECT body FROM connections WHERE phone = ?", body(Connection.class), phone));
    }

    @Override
    public List<Connection> loginConnections() {
        // Filtered here rather than in Java: a platform whose collectors log in themselves keeps
        // most connections without a worker login, and the scheduler asks every few seconds.
        return db.read(sql -> sql.all("SELECT body FROM connections WHERE json_typeof(body -> 'login') = 'object'",
                body(Connection.class)));
    }

    @Override
    public Map<ConnectionStatus, Long> connectionsByStatus() {
        Map<ConnectionStatus, Long> counts = new EnumMap<>(ConnectionStatus.class);
        db.read(sql -> sql.all("SELECT status, count(*) FROM connections GROUP BY status",
                rs -> Map.entry(ConnectionStatus.valueOf(rs.getString(1)), rs.getLong(2))))
                .forEach(row -> counts.put(row.getKey(), row.getValue()));
        return counts;
    }

    @Override
    public List<Connection> connections(String tenantId, Optional<ConnectionStatus> status) {
        List<Connection> found = new ArrayList<>(db.read(sql -> status.isPresent()
                ? sql.all("SELECT body FROM connections WHERE tenant_id = ? AND status = ?", body(Connection.class),
                        tenantId, status.get().name())
                : sql.all("SELECT body FROM connections WHERE tenant_id = ?", body(Connection.class), tenantId)));
        found.sort(Comparator.comparing(Connection::createdAt).thenComparing(Connection::id));
        return found;
    }

    // ---- messages, codes, events ----

    @Override
    public CompletableFuture<Acceptance> accept(Received r) {
        return db.write(sql -> {
            StoredMessage m = r.message();
            byte[] dedupHash = Rows.sha256(m.dedupKey());
            int stored = sql.update("""
                    INSERT INTO messages (id, connection_id, dedup_hash, id_time, raw, body) VALUES (?, ?, ?, ?, ?, ?::json)
                    ON CONFLICT DO NOTHING""",
                    m.id(), m.connectionId(), dedupHash, Rows.idTime(m.id()), m.raw(), Rows.bodyWithout(m, "raw"));
            if (stored == 0) {
                // Kept before, possibly by another node a moment ago: its commit is what we waited on.
                // (Any unique key counts: the same message handed to two nodes may also share its id.)
                Optional<String> kept = sql.one("SELECT id FROM messages WHERE connection_id = ? AND dedup_hash = ?",
                        rs -> rs.getString(1), m.connectionId(), dedupHash);
                if (kept.isPresent()) {
                    return new Acceptance(kept.get(), true);
                }
                throw new SQLException("message " + m.id() + " neither stored nor kept before", "40001");
            }
            putCodes(sql, r);
            putEvents(sql, r.events());
            queueCopies(sql, r);
            return new Acceptance(m.id(), false);
        });
    }

    private static void putCodes(Sql sql, Received r) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Set<String> connections = new LinkedHashSet<>();
        for (Code c : r.codes()) {
            rows.add(new Object[] {c.connectionId(), Rows.micros(c.receivedAt()), c.id(), Rows.body(c)});
            connections.add(c.connectionId());
        }
        sql.batch("""
                INSERT INTO codes (connection_id, received_at, id, body) VALUES (?, ?, ?, ?::json)
                ON CONFLICT (connection_id, received_at, id) DO UPDATE SET body = EXCLUDED.body""", rows);
        connections.forEach(sql::codesStored);
        if (!r.codes().isEmpty() && r.utility() != null && r.sender() != null && !r.sender().isEmpty()) {
            sql.update("INSERT INTO senders (utility, sender_hash, sender) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    r.utility(), Rows.sha256(r.sender()), r.sender());
        }
    }

    /**
     * Stores the events and queues each for every webhook its tenant had when it happened (not
     * created after it), except a {@code webhook.*} event for the webhook it is about.
     */
    private static void putEvents(Sql sql, List<Event> events) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> fanOut = new ArrayList<>();
        for (Event e : events) {
            rows.add(new Object[] {e.connectionId(), e.id(), e.type(), Rows.idTime(e.id()), Rows.body(e)});
            String aboutWebhook = e.type().startsWith("webhook.") && e.data().get("webhookId") instanceof String w
                    ? w : null;
            String at = e.at().toString();
            fanOut.add(new Object[] {e.id(), at, e.id(), e.tenantId(), e.connectionId(), e.id(), at, at,
                    e.tenantId(), Rows.micros(e.at()), aboutWebhook});
        }
        sql.batch("""
                INSERT INTO events (connection_id, id, type, id_time, body) VALUES (?, ?, ?, ?, ?::json)
                ON CONFLICT (connection_id, id) DO UPDATE SET type = EXCLUDED.type, id_time = EXCLUDED.id_time,
                    body = EXCLUDED.body""", rows);
        // The Delivery record as StoreJson writes it (instants in ISO-8601, as Instant.toString gives them).
        long queued = sql.batch("""
                INSERT INTO deliveries (id, kind, target, next_attempt_at, claimed_until, body)
                SELECT ?::text || '|' || w.id, 'WEBHOOK', w.id, ?::timestamptz, NULL, json_build_object(
                    'id', ?::text || '|' || w.id, 'kind', 'WEBHOOK', 'tenantId', ?::text, 'connectionId', ?::text,
                    'target', w.id, 'ref', ?::text, 'createdAt', ?::text, 'attempts', 0, 'nextAttemptAt', ?::text,
                    'lastError', NULL)
                FROM webhooks w
                WHERE w.tenant_id = ? AND w.created_at <= ? AND w.id IS DISTINCT FROM ?::text
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, target = EXCLUDED.target,
                    next_attempt_at = EXCLUDED.next_attempt_at, claimed_until = NULL, body = EXCLUDED.body""",
                fanOut);
        if (queued > 0) {
            sql.queued();
        }
    }

    /** Queues each code for each address it is copied to. */
    private static void queueCopies(Sql sql, Received r) throws SQLException {
        List<Delivery> copies = new ArrayList<>();
        for (Code c : r.codes()) {
            for (String address : r.copyTo()) {
                copies.add(new Delivery(c.id() + "|" + address, Delivery.Kind.COPY, tenantOf(sql, r, c),
                        c.connectionId(), address, c.id(), c.receivedAt(), 0, c.receivedAt(), null));
            }
        }
        putDeliveries(sql, copies);
        if (!copies.isEmpty()) {
            sql.queued();
        }
    }

    private static String tenantOf(Sql sql, Received r, Code c) throws SQLException {
        Optional<String> fromEvents = r.events().stream().filter(e -> e.connectionId().equals(c.connectionId()))
                .map(Event::tenantId).findFirst();
        if (fromEvents.isPresent()) {
            return fromEvents.get();
        }
        return sql.one("SELECT tenant_id FROM connections WHERE id = ?", rs -> rs.getString(1), c.connectionId())
                .orElse("");
    }

    private static void putDeliveries(Sql sql, List<Delivery> deliveries) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Delivery d : deliveries) {
            rows.add(new Object[] {d.id(), d.kind().name(), d.target(), Rows.micros(d.nextAttemptAt()), Rows.body(d)});
        }
        sql.batch("""
                INSERT INTO deliveries (id, kind, target, next_attempt_at, claimed_until, body)
                VALUES (?, ?, ?, ?, NULL, ?::json)
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, target = EXCLUDED.target,
                    next_attempt_at = EXCLUDED.next_attempt_at, claimed_until = NULL, body = EXCLUDED.body""", rows);
    }

    @Override
    public Optional<StoredMessage> message(String id) {
        return db.read(sql -> sql.one("SELECT body, raw FROM messages WHERE id = ?",
                rs -> Rows.read(rs.getString(1), "raw", rs.getBytes(2), StoredMessage.class), id));
    }

    @Override
    public Optional<Code> newestCodeAfter(String connectionId, Instant after) {
        return db.read(sql -> sql.one("""
                SELECT body FROM codes WHERE connection_id = ? AND received_at > ?
                ORDER BY received_at DESC, id DESC LIMIT 1""", body(Code.class), connectionId, Rows.micros(after)));
    }

    @Override
    public List<Code> codes(String connectionId) {
        return db.read(sql -> sql.all("SELECT body FROM codes WHERE connection_id = ? ORDER BY received_at, id",
                body(Code.class), connectionId));
    }

    @Override
    public CompletableFuture<Void> appendEvent(Event event) {
        return db.write(sql -> {
            putEvents(sql, List.of(event));
            return null;
        });
    }

    @Override
    public List<Event> events(String connectionId) {
        return db.read(sql -> sql.all("SELECT body FROM events WHERE connection_id = ? ORDER BY id",
                body(Event.class), connectionId));
    }

    @Override
    public List<Event> events(String connectionId, String type) {
        return db.read(sql -> sql.all("SELECT body FROM events WHERE connection_id = ? AND type = ? ORDER BY id",
                body(Event.class), connectionId, type));
    }

    // ---- webhooks and the outbox ----

    @Override
    public CompletableFuture<Void> putWebhook(Webhook w) {
        return db.write(sql -> {
            sql.update("""
                    INSERT INTO webhooks (id, tenant_id, created_at, sealed_secret, body) VALUES (?, ?, ?, ?, ?::json)
                    ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, created_at = EXCLUDED.created_at,
                        sealed_secret = EXCLUDED.sealed_secret, body = EXCLUDED.body""",
                    w.id(), w.tenantId(), Rows.micros(w.createdAt()), w.sealedSecret(),
                    Rows.bodyWithout(w, "sealedSecret"));
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> deleteWebhook(String id) {
        return db.write(sql -> {
            if (sql.update("DELETE FROM webhooks WHERE id = ?", id) > 0) {
                sql.update("DELETE FROM deliveries WHERE kind = 'WEBHOOK' AND target = ?", id);
            }
            return null;
        });
    }

    @Override
    public Optional<Webhook> webhook(String id) {
        return db.read(sql -> sql.one("SELECT body, sealed_secret FROM webhooks WHERE id = ?", webhookRow(), id));
    }

    @Override
    public List<Webhook> webhooks(String tenantId) {
        List<Webhook> found = new ArrayList<>(db.read(sql -> sql.all(
                "SELECT body, sealed_secret FROM webhooks WHERE tenant_id = ?", webhookRow(), tenantId)));
        found.sort(Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id));
        return found;
    }

    private static Sql.Row<Webhook> webhookRow() {
        return rs -> Rows.read(rs.getString(1), "sealedSecret", rs.getBytes(2), Webhook.class);
    }

    @Override
    public List<Delivery> deliveries() {
        return db.read(sql -> sql.all("SELECT body FROM deliveries ORDER BY id", body(Delivery.class)));
    }

    @Override
    public CompletableFuture<Void> retryDelivery(Delivery d) {
        return db.write(sql -> {
            int updated = sql.update("""
                    UPDATE deliveries SET next_attempt_at = ?, claimed_until = NULL, body = ?::json WHERE id = ?""",
                    Rows.micros(d.nextAttemptAt()), Rows.body(d), d.id());
            if (updated > 0) {
                sql.outboxChanged();
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> finishDelivery(String id) {
        return db.write(sql -> {
            if (sql.update("DELETE FROM deliveries WHERE id = ?", id) > 0) {
                sql.outboxChanged();
            }
            return null;
        });
    }

    @Override
    public void onDeliveriesQueued(Runnable listener) {
        this.deliveriesQueued = listener;
    }

    @Override
    public CompletableFuture<Optional<Delivery>> claimDelivery(String id, Instant now, Instant until) {
        return db.write(sql -> sql.one("""
                UPDATE deliveries SET claimed_until = ?
                WHERE id = (SELECT id FROM deliveries
                            WHERE id = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
                            FOR UPDATE SKIP LOCKED)
                RETURNING body""", body(Delivery.class), Rows.micros(until), id, Rows.micros(now),
                Rows.micros(now)));
    }

    // ---- leases ----

    @Override
    public CompletableFuture<Boolean> lease(String name, String holder, Instant now, Instant until) {
        return db.write(sql -> sql.exists("""
                INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
                WHERE leases.holder = EXCLUDED.holder OR leases.until <= ?
                RETURNING holder""", name, holder, Rows.micros(until), Rows.micros(now)));
    }

    @Override
    public CompletableFuture<Void> releaseLease(String name, String holder) {
        return db.write(sql -> {
            sql.update("DELETE FROM leases WHERE name = ? AND holder = ?", name, holder);
            return null;
        });
    }

    @Override
    public void onCommitsElsewhere(Elsewhere listener) {
        this.elsewhere = listener;
    }

    // ---- invitations ----

    @Override
    public CompletableFuture<Void> putInvitation(Invitation i) {
        return db.write(sql -> {
            putInvitation(sql, i);
            return null;
        });
    }

    private static void putInvitation(Sql sql, Invitation i) throws SQLException {
        sql.update("""
                INSERT INTO invitations (id, token_hash, session_hash, body) VALUES (?, ?, ?, ?::json)
                ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash,
                    session_hash = EXCLUDED.session_hash, body = EXCLUDED.body""",
                i.id(), i.tokenHash(), i.sessionHash(), Rows.body(i));
    }

    @Override
    public Optional<Invitation> invitationByTokenHash(String tokenHash) {
        return db.read(sql -> sql.one("SELECT body FROM invitations WHERE token_hash = ?", body(Invitation.class),
                tokenHash));
    }

    @Override
    public Optional<Invitation> invitationBySessionHash(String sessionHash) {
        return db.read(sql -> sql.one("SELECT body FROM invitations WHERE session_hash = ?", body(Invitation.class),
                sessionHash));
    }

    @Override
    public CompletableFuture<Boolean> claimInvitation(String id, String sessionHash, Instant at) {
        return db.write(sql -> {
            Optional<Invitation> current = sql.one("SELECT body FROM invitations WHERE id = ? FOR UPDATE",
                    body(Invitation.class), id);
            if (current.isEmpty() || current.get().claimedAt() != null) {
                return false;
            }
            putInvitation(sql, current.get().claimed(sessionHash, at));
            return true;
        });
    }

    // ---- answers and secrets ----

    @Override
    public CompletableFuture<Void> putSecurityAnswers(SealedAnswers a) {
        return db.write(sql -> {
            sql.update("""
                    INSERT INTO security_answers (connection_id, sealed, body) VALUES (?, ?, ?::json)
                    ON CONFLICT (connection_id) DO UPDATE SET sealed = EXCLUDED.sealed, body = EXCLUDED.body""",
                    a.connectionId(), a.sealed(), Rows.bodyWithout(a, "sealed"));
            return null;
        });
    }

    @Override
    public Optional<SealedAnswers> securityAnswers(String connectionId) {
        return db.read(sql -> sql.one("SELECT body, sealed FROM security_answers WHERE connection_id = ?",
                rs -> Rows.read(rs.getString(1), "sealed", rs.getBytes(2), SealedAnswers.class), connectionId));
    }

    @Override
    public CompletableFuture<Void> putSecret(ConnectionSecret s) {
        return db.write(sql -> {
            sql.update("""
                    INSERT INTO connection_secrets (connection_id, kind, sealed, body) VALUES (?, ?, ?, ?::json)
                    ON CONFLICT (connection_id, kind) DO UPDATE SET sealed = EXCLUDED.sealed, body = EXCLUDED.body""",
                    s.connectionId(), s.kind(), s.sealed(), Rows.bodyWithout(s, "sealed"));
            return null;
        });
    }

    @Override
    public Optional<ConnectionSecret> secret(String connectionId, String kind) {
        return db.read(sql -> sql.one("SELECT body, sealed FROM connection_secrets WHERE connection_id = ? AND kind = ?",
                rs -> Rows.read(rs.getString(1), "sealed", rs.getBytes(2), ConnectionSecret.class), connectionId,
                kind));
    }

    @Override
    public CompletableFuture<Void> deleteSecret(String connectionId, String kind) {
        return db.write(sql -> {
            sql.update("DELETE FROM connection_secrets WHERE connection_id = ? AND kind = ?", connectionId, kind);
            return null;
        });
    }

    @Override
    public boolean hasSent(String utility, String sender) {
        return db.read(sql -> sql.exists("SELECT 1 FROM senders WHERE utility = ? AND sender_hash = ?", utility,
                Rows.sha256(sender)));
    }

    // ---- retention, health, lifecycle ----

    /** Counts as the embedded store does: each message, code and event removed is one. */
    @Override
    public CompletableFuture<Long> expire(Instant contentBefore, Instant eventsBefore) {
        return db.write(sql -> {
            long removed = sql.update("DELETE FROM messages WHERE id_time < ?", Rows.microsUp(contentBefore));
            removed += sql.update("DELETE FROM codes WHERE received_at < ?", Rows.micros(contentBefore));
            removed += sql.update("DELETE FROM events WHERE id_time < ?", Rows.microsUp(eventsBefore));
            return removed;
        });
    }

    @Override
    public boolean healthy() {
        return !closed && notifications.listening() && !db.failing();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        notifications.close();
        db.close();
        log.info("store.closed db={}", location);
    }

    private static <T> Sql.Row<T> body(Class<T> type) {
        return (ResultSet rs) -> Rows.read(rs.getString(1), type);
    }
}
