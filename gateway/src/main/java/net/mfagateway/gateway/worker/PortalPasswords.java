package net.mfagateway.gateway.worker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.mfagateway.gateway.secrets.ConnectionSecrets;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;

/**
 * The password the in-service worker signs in to a connection's portal with: write-only from
 * outside (set and rotated through the API or the invitation page, never returned), sealed at
 * rest, opened only by the login that uses it. Setting one raises {@code portal_password.updated}
 * (saying how, never what). Thread-safe.
 */
public final class PortalPasswords {

    public static final String KIND = "portal_password";
    public static final int MAX_LENGTH = 256;
    /** How the rule reads to a person who broke it. */
    public static final String RULE = "1 to " + MAX_LENGTH + " characters, no control characters";

    private final ConnectionSecrets secrets;
    private final Store store;
    private final Ids ids;
    private final Clock clock;

    public PortalPasswords(ConnectionSecrets secrets, Store store, Ids ids, Clock clock) {
        this.secrets = secrets;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** True for a password the gateway will store: kept exactly as typed, spaces included. */
    public static boolean acceptable(String password) {
        return password != null && !password.isEmpty() && password.length() <= MAX_LENGTH
                && password.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f);
    }

    /**
     * Stores {@code password} (already {@link #acceptable}) in place of the connection's current one,
     * then records {@code portal_password.updated} with {@code via} ({@code api}, {@code invitation}).
     * Completes once both are durable.
     */
    public CompletableFuture<Void> set(Connection c, String password, String via) {
        if (!acceptable(password)) {
            throw new IllegalArgumentException("a portal password must be " + RULE);
        }
        byte[] plain = password.getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Void> stored;
        try {
            stored = secrets.put(c.id(), KIND, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return stored.thenCompose(v -> store.appendEvent(new Event(ids.next("e_"), c.id(), c.tenantId(),
                "portal_password.updated", clock.instant(), Map.of("via", via))));
    }

    /** Removes the stored password, with a {@code portal_password.removed} event. */
    public CompletableFuture<Void> remove(Connection c) {
        return secrets.delete(c.id(), KIND).thenCompose(v -> store.appendEvent(new Event(ids.next("e_"), c.id(),
                c.tenantId(), "portal_password.removed", clock.instant(), Map.of())));
    }

    /** The stored password, for the login about to use it; empty when none is set. */
    public Optional<String> password(String connectionId) {
        return secrets.open(connectionId, KIND).map(opened -> {
            try {
                return new String(opened.plain(), StandardCharsets.UTF_8);
            } finally {
                Arrays.fill(opened.plain(), (byte) 0);
            }
        });
    }

    /** When the stored password was set, if one is. */
    public Optional<Instant> setAt(String connectionId) {
        return secrets.updatedAt(connectionId, KIND);
    }
}
