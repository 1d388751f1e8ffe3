package net.mfagateway.gateway.secrets;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.mfagateway.gateway.store.ConnectionSecret;
import net.mfagateway.gateway.store.Store;

/**
 * A connection's secrets by kind (a portal password, a portal's session state), sealed with the
 * {@link SecretBox} before they reach the store. The associated data is the connection id and the
 * kind, so a blob copied to another connection or relabelled as another kind does not open.
 * Thread-safe.
 */
public final class ConnectionSecrets {

    private final Store store;
    private final SecretBox box;
    private final Clock clock;

    public ConnectionSecrets(Store store, SecretBox box, Clock clock) {
        this.store = store;
        this.box = box;
        this.clock = clock;
    }

    /** What {@link #open} found: the plaintext (the caller wipes it) and when it was stored. */
    public record Opened(byte[] plain, Instant updatedAt) {
    }

    /** Seals {@code plain} and stores it, replacing the connection's secret of this kind; durable on completion. */
    public CompletableFuture<Void> put(String connectionId, String kind, byte[] plain) {
        byte[] sealed = box.seal(plain, owner(connectionId, kind));
        return store.putSecret(new ConnectionSecret(connectionId, kind, sealed,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    /**
     * The connection's secret of this kind, opened; empty when none is stored.
     *
     * @throws IllegalStateException when the stored blob does not open (the secret key changed)
     */
    public Optional<Opened> open(String connectionId, String kind) {
        Optional<ConnectionSecret> stored = store.secret(connectionId, kind);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Opened(box.open(stored.get().sealed(), owner(connectionId, kind)),
                    stored.get().updatedAt()));
        } catch (SecretBox.Unreadable e) {
            throw new IllegalStateException("the " + kind + " of " + connectionId + " does not open: " + e.getMessage()
                    + "; was MFA_GATEWAY_SECRET_KEY or DATA_DIR/secret-key changed?");
        }
    }

    /** When the connection's secret of this kind was stored, without opening it; empty when none is. */
    public Optional<Instant> updatedAt(String connectionId, String kind) {
        return store.secret(connectionId, kind).map(ConnectionSecret::updatedAt);
    }

    public CompletableFuture<Void> delete(String connectionId, String kind) {
        return store.deleteSecret(connectionId, kind);
    }

    /** Connection ids are {@code c_} and base32, kinds {@code [a-z0-9_]}: the slash cannot occur in either. */
    static String owner(String connectionId, String kind) {
        return connectionId + "/" + kind;
    }
}
