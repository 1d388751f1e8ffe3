package net.mfagateway.gateway.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Statements on one pooled connection: a read, or one write transaction, which also collects what
 * its commit should tell the other nodes ({@link Notifications}). Parameters are bound by their
 * Java type; a null lets the server infer the type from the statement.
 */
final class Sql {

    /** Reads one row of a result. */
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final Set<String> notifications = new LinkedHashSet<>();
    private boolean queued;

    Sql(Connection connection) {
        this.connection = connection;
    }

    int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs the statement once per row of parameters, in one round trip; returns the rows changed, added up. */
    long batch(String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Object[] params : rows) {
                bind(ps, params);
                ps.addBatch();
            }
            long changed = 0;
            for (int count : ps.executeBatch()) {
                // SUCCESS_NO_INFO: the driver did not count; take it as a change.
                changed += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : count;
            }
            return changed;
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... params) throws SQLException {
        List<T> found = all(sql, row, params);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    <T> List<T> all(String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(row.read(rs));
                }
                return found;
            }
        }
    }

    boolean exists(String sql, Object... params) throws SQLException {
        return one(sql, rs -> true, params).isPresent();
    }

    /** This transaction stored codes for the connection: its commit says so to every node. */
    void codesStored(String connectionId) {
        notifications.add(Notifications.CODE_PREFIX + connectionId);
    }

    /** This transaction queued new deliveries: the local listener hears it after the commit, every node through it. */
    void queued() {
        queued = true;
        outboxChanged();
    }

    /** This transaction retried or finished deliveries: every node hears it after the commit. */
    void outboxChanged() {
        notifications.add(Notifications.OUTBOX);
    }

    boolean hasQueued() {
        return queued;
    }

    /** Sends what the commit should tell, in one statement; PostgreSQL delivers it only if the commit succeeds. */
    void sendNotifications() throws SQLException {
        if (notifications.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_notify('" + Notifications.CHANNEL + "', payload) FROM unnest(?::text[]) AS payload")) {
            ps.setArray(1, connection.createArrayOf("text", notifications.toArray()));
            ps.executeQuery().close();
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            switch (params[i]) {
                case null -> ps.setObject(i + 1, null);
                case byte[] bytes -> ps.setBytes(i + 1, bytes);
                case Boolean b -> ps.setBoolean(i + 1, b);
                default -> ps.setObject(i + 1, params[i]);
            }
        }
    }
}
