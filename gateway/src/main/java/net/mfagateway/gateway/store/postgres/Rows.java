package net.mfagateway.gateway.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.StoreJson;

/**
 * How records become row values and back: the JSON body (with a byte field kept beside it in its
 * own bytea column), and instants as the microsecond timestamps PostgreSQL keeps.
 */
final class Rows {

    private static final ObjectMapper JSON = StoreJson.MAPPER;
    /** Length of the prefix of ids made by {@link Ids#next} for messages and events ("m_", "e_"). */
    private static final int ID_PREFIX = 2;

    private Rows() {
    }

    static String body(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record's body without {@code field}, which the row keeps in a bytea column. */
    static String bodyWithout(Object record, String field) {
        ObjectNode tree = JSON.valueToTree(record);
        tree.remove(field);
        return tree.toString();
    }

    static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + type.getSimpleName() + " does not read back", e);
        }
    }

    /** A record whose {@code field} was kept apart, in a bytea column, as {@code bytes}. */
    static <T> T read(String body, String field, byte[] bytes, Class<T> type) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(body);
            tree.put(field, bytes);
            return JSON.treeToValue(tree, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + type.getSimpleName() + " does not read back", e);
        }
    }

    /** The instant as a column keeps it: truncated to the microsecond, as the embedded store's keys are. */
    static OffsetDateTime micros(Instant at) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /**
     * The first microsecond not before {@code at}: a column time (whole microseconds) is before
     * {@code at} exactly when it is before this one.
     */
    static OffsetDateTime microsUp(Instant at) {
        Instant down = at.truncatedTo(ChronoUnit.MICROS);
        return micros(down.equals(at) ? at : down.plus(1, ChronoUnit.MICROS));
    }

    /** When an id made by {@link Ids#next} was made; null for any other id. */
    static OffsetDateTime idTime(String id) {
        return Ids.instantOf(id, ID_PREFIX).map(Rows::micros).orElse(null);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
