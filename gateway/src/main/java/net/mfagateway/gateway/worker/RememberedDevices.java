package net.mfagateway.gateway.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.mfagateway.gateway.secrets.ConnectionSecrets;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each connection's portal session state ({@link PortalState}) between logins, so a portal that
 * remembers this "device" lets the next login in without a code. Sealed at rest as the secret
 * kind {@value #KIND}. A state the portal trusted more than {@code ttl} ago (or, never trusted,
 * saved more than {@code ttl} ago) is dropped when next read, which waits for the drop, with a
 * {@code device.expired} event: a device-trust cookie is a bearer credential, so its life here is
 * bounded whatever the portal allows. A person can drop it sooner ({@link #forget}). Thread-safe.
 */
public final class RememberedDevices {

    public static final String KIND = "portal_session";
    private static final Logger log = LoggerFactory.getLogger(RememberedDevices.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionSecrets secrets;
    private final Store store;
    private final Ids ids;
    private final Clock clock;
    private final Duration ttl;

    public RememberedDevices(ConnectionSecrets secrets, Store store, Ids ids, Clock clock, Duration ttl) {
        this.secrets = secrets;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** What is remembered for a connection, without the state itself: for the API. */
    public record Remembered(Instant trustedAt, Instant savedAt, Instant expiresAt) {
    }

    /** The state the last login kept, unless it has expired (then it is dropped). */
    public Optional<PortalState> recall(Connection c) {
        Optional<ConnectionSecrets.Opened> opened = secrets.open(c.id(), KIND);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        PortalState state;
        try {
            state = read(opened.get().plain());
        } finally {
            Arrays.fill(opened.get().plain(), (byte) 0);
        }
        Instant expires = expiresAt(state, opened.get().updatedAt());
        if (!clock.instant().isBefore(expires)) {
            log.info("device.expired conn={} trusted_at={}", c.id(), state.trustedAt());
            awaitDrop(c, drop(c, "device.expired", Map.of("expiredAt", expires.toString())));
            return Optional.empty();
        }
        return Optional.of(state);
    }

    /**
     * Drops every kept state whose time is up, so a connection that no longer logs in does not
     * keep its portal session at rest until it is deleted. Returns how many went.
     */
    public int dropExpired(java.util.Collection<Connection> connections) {
        int dropped = 0;
        for (Connection c : connections) {
            if (store.secret(c.id(), KIND).isPresent() && recall(c).isEmpty()) {
                dropped++;
            }
        }
        return dropped;
    }

    /** When the connection's state was trusted, saved and expires; empty when none is kept. */
    public Optional<Remembered> describe(String connectionId) {
        return secrets.open(connectionId, KIND).map(opened -> {
            try {
                PortalState state = read(opened.plain());
                return new Remembered(state.trustedAt(), opened.updatedAt(), expiresAt(state, opened.updatedAt()));
            } finally {
                Arrays.fill(opened.plain(), (byte) 0);
            }
        });
    }

    /**
     * Keeps {@code state} for the next login in place of the one before. When the portal has just
     * trusted the device ({@code state.trustedAt()} later than {@code before}'s), a
     * {@code device.remembered} event says so. An empty state is dropped instead.
     */
    public CompletableFuture<Void> keep(Connection c, PortalState state, Optional<PortalState> before) {
        if (state.isEmpty()) {
            return before.isPresent() ? secrets.delete(c.id(), KIND) : CompletableFuture.completedFuture(null);
        }
        byte[] plain = write(state);
        CompletableFuture<Void> stored;
        try {
            stored = secrets.put(c.id(), KIND, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        Instant was = before.map(PortalState::trustedAt).orElse(null);
        if (state.trustedAt() == null || state.trustedAt().equals(was)) {
            return stored;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("trustedAt", state.trustedAt().toString());
        data.put("expiresAt", state.trustedAt().plus(ttl).toString());
        return stored.thenCompose(v -> store.appendEvent(event(c, "device.remembered", data)));
    }

    /**
     * Forgets the connection's device: the next login signs in afresh and the portal will probably
     * ask for a code. Completes with false when nothing was remembered (then nothing is written).
     */
    public CompletableFuture<Boolean> forget(Connection c, String via) {
        if (store.secret(c.id(), KIND).isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return drop(c, "device.forgotten", Map.of("via", via)).thenApply(v -> true);
    }

    private CompletableFuture<Void> drop(Connection c, String type, Map<String, Object> data) {
        return secrets.delete(c.id(), KIND).thenCompose(v -> store.appendEvent(event(c, type, data)));
    }

    /**
     * Waits for a drop to commit, so what follows it (this login's own {@link #keep}, an API read)
     * sees it gone: on a store with several writers an unawaited delete could land after the new
     * state and forget it. A drop that fails is logged and found again by the next read.
     */
    private static void awaitDrop(Connection c, CompletableFuture<Void> dropped) {
        try {
            dropped.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("device.drop_failed conn={} reason=\"{}\" action=retried_on_next_read", c.id(), e.toString());
        }
    }

    private Instant expiresAt(PortalState state, Instant savedAt) {
        return (state.trustedAt() != null ? state.trustedAt() : savedAt).plus(ttl);
    }

    private Event event(Connection c, String type, Map<String, Object> data) {
        return new Event(ids.next("e_"), c.id(), c.tenantId(), type, clock.instant(), data);
    }

    private static byte[] write(PortalState state) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode cookies = root.putObject("cookies");
        state.cookies().forEach(cookies::put);
        if (state.trustedAt() != null) {
            root.put("trustedAt", state.trustedAt().toString());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings always writes", e);
        }
    }

    private static PortalState read(byte[] plain) {
        try {
            JsonNode root = JSON.readTree(plain);
            Map<String, String> cookies = new LinkedHashMap<>();
            root.path("cookies").fields().forEachRemaining(e -> cookies.put(e.getKey(), e.getValue().asText()));
            JsonNode trusted = root.get("trustedAt");
            return new PortalState(cookies, trusted == null ? null : Instant.parse(trusted.asText()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a stored portal session state is not what this gateway writes");
        }
    }
}
