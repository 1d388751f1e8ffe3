package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the gateway keeps. Writes return a future that completes only once the write is
 * durable (a crash after completion loses nothing) and visible to reads; it completes
 * exceptionally with {@link StoreException} when the write could not be made durable, and then
 * nothing of it is kept. Reads see every completed write. All methods are thread-safe; none of
 * them blocks on I/O except the reads, which are short.
 */
public interface Store extends AutoCloseable {

    CompletableFuture<Void> putTenant(Tenant tenant);

    Optional<Tenant> tenant(String id);

    Optional<Tenant> tenantByTokenHash(String tokenHash);

    CompletableFuture<Void> putConnection(Connection connection);

    Optional<Connection> connection(String id);

    /**
     * Removes the connection and frees its address and phone number: mail to the address is
     * refused and texts to the number are unknown from then on. Removing one that is already
     * gone does nothing. Its messages, codes and events are kept.
     */
    CompletableFuture<Void> deleteConnection(String id);

    /** The connection whose address has this local part (lower case), if any. */
    Optional<Connection> connectionByLocalPart(String localPart);

    /** The connection holding this phone number (E.164), if any. */
    Optional<Connection> connectionByPhone(String phone);

    /** The tenant's connections, oldest first, optionally only those in one status. */
    List<Connection> connections(String tenantId, Optional<ConnectionStatus> status);

    /**
     * Stores a received message with the codes and events extracted from it, atomically. A
     * message whose connection already holds one with the same {@code dedupKey} is not stored
     * again; the answer says so and names the message kept before.
     */
    CompletableFuture<Acceptance> accept(Received received);

    Optional<StoredMessage> message(String id);

    /** The newest code or link of the connection received strictly after {@code after}. */
    Optional<Code> newestCodeAfter(String connectionId, Instant after);

    /** Every code and link of the connection, oldest first. */
    List<Code> codes(String connectionId);

    CompletableFuture<Void> appendEvent(Event event);

    /** The connection's events, oldest first. */
    List<Event> events(String connectionId);

    /** Replaces the connection's security answers (already sealed by the caller: never plaintext here). */
    CompletableFuture<Void> putSecurityAnswers(SealedAnswers answers);

    /** The connection's sealed security answers, if any were set. */
    Optional<SealedAnswers> securityAnswers(String connectionId);

    /** True when {@code utility} has delivered a code or link from {@code sender} before. */
    boolean hasSent(String utility, String sender);

    /** False once the store can no longer make writes durable. */
    boolean healthy();

    @Override
    void close();

    /** What {@link #accept} stores together: the message, its codes and its events. */
    record Received(StoredMessage message, List<Code> codes, List<Event> events, String utility, String sender) {
        public Received {
            codes = List.copyOf(codes);
            events = List.copyOf(events);
        }
    }

    /** The outcome of {@link #accept}: stored now, or kept before under {@code messageId}. */
    record Acceptance(String messageId, boolean duplicate) {
    }
}
