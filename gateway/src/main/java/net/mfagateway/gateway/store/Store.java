package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /** Stores the tenant; token hashes it no longer holds stop opening it. */
    CompletableFuture<Void> putTenant(Tenant tenant);

    Optional<Tenant> tenant(String id);

    /** Every tenant, oldest first. */
    List<Tenant> tenants();

    Optional<Tenant> tenantByTokenHash(String tokenHash);

    CompletableFuture<Void> putConnection(Connection connection);

    Optional<Connection> connection(String id);

    /**
     * Removes the connection and frees its address and phone number: mail to the address is
     * refused and texts to the number are unknown from then on. Removing one that is already
     * gone does nothing. Its messages, codes and events are kept; its secrets go with it.
     */
    CompletableFuture<Void> deleteConnection(String id);

    /** Applies the fields the edit sets; an unknown connection is left alone. */
    CompletableFuture<Void> editConnection(ConnectionEdit edit);

    /**
     * Moves the connection to a new status and stores the change's event, atomically, when the
     * status or the diagnosis reason differs from the current one. Completes with true when it
     * changed, false when there was nothing to change (then nothing is written) or no such
     * connection.
     */
    CompletableFuture<Boolean> changeStatus(StatusChange change);

    /** The connection whose address has this local part (lower case), if any. */
    Optional<Connection> connectionByLocalPart(String localPart);

    /** The connection holding this phone number (E.164), if any. */
    Optional<Connection> connectionByPhone(String phone);

    /**
     * Every connection of every tenant that the in-service worker logs in (its {@code login} is
     * set, scheduled or not), in no particular order: for the login scheduler.
     */
    List<Connection> loginConnections();

    /** How many connections of all tenants are in each status; a status none is in is absent. For the metrics. */
    Map<ConnectionStatus, Long> connectionsByStatus();

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

    /** The connection's events of one type, oldest first. */
    default List<Event> events(String connectionId, String type) {
        return events(connectionId).stream().filter(e -> e.type().equals(type)).toList();
    }

    // ---- webhooks and the outbox ----

    CompletableFuture<Void> putWebhook(Webhook webhook);

    /** Removes the webhook and drops its undelivered deliveries. */
    CompletableFuture<Void> deleteWebhook(String id);

    Optional<Webhook> webhook(String id);

    /** The tenant's webhooks, oldest first. */
    List<Webhook> webhooks(String tenantId);

    /**
     * Every pending delivery, oldest first. Deliveries are queued by the store itself, in the
     * commit that stores what they announce: each event of a tenant is queued for each of the
     * tenant's webhooks created at or before the event (except {@code webhook.*} events about that
     * same webhook), and each code of an accepted message for each address in
     * {@link Received#copyTo()}.
     */
    List<Delivery> deliveries();

    /** Records a failed attempt (the delivery as returned by {@link Delivery#failed}); a finished one is left alone. */
    CompletableFuture<Void> retryDelivery(Delivery delivery);

    /** Removes a delivery: sent, or given up on. */
    CompletableFuture<Void> finishDelivery(String id);

    /**
     * Called, on the store's own thread and quickly, after a commit that queued deliveries or
     * changed the outbox; a store shared by several nodes also calls it after such a commit on
     * another node.
     */
    void onDeliveriesQueued(Runnable listener);

    /**
     * Takes a delivery for one attempt: the delivery as stored now when it is still pending, due
     * at {@code now} and not taken by another node until later; it stays taken until {@code until}
     * or until it is retried or finished. Empty when it is gone, not due (another node retried it)
     * or taken. So across nodes sharing the store each attempt is made by one of them; a node that
     * dies holding one only delays it until {@code until}.
     */
    CompletableFuture<Optional<Delivery>> claimDelivery(String id, Instant now, Instant until);

    // ---- leases: work that one node at a time should do ----

    /**
     * Takes or extends the lease {@code name} for {@code holder} until {@code until}: true when
     * {@code holder} now holds it, false while another holder's lease runs past {@code now}.
     */
    CompletableFuture<Boolean> lease(String name, String holder, Instant now, Instant until);

    /** Gives the lease up when {@code holder} holds it. */
    CompletableFuture<Void> releaseLease(String name, String holder);

    // ---- what other nodes commit ----

    /**
     * Listens for commits made by other nodes sharing this store. A store only one process uses
     * never calls it.
     */
    default void onCommitsElsewhere(Elsewhere listener) {
    }

    /** What a store shared by several nodes reports of the others' commits, on its own thread and quickly. */
    interface Elsewhere {

        /** A commit (on any node) stored one or more codes for the connection. */
        void codesStored(String connectionId);

        /**
         * Reports may have been missed (the store lost and regained its way of hearing them):
         * whatever waits on them should look again.
         */
        void lookAgain();
    }

    // ---- invitations ----

    CompletableFuture<Void> putInvitation(Invitation invitation);

    Optional<Invitation> invitationByTokenHash(String tokenHash);

    Optional<Invitation> invitationBySessionHash(String sessionHash);

    /**
     * Exchanges an unclaimed invitation's link for a browser session: true when this call claimed
     * it, false when it was already claimed (a reused link) or is unknown.
     */
    CompletableFuture<Boolean> claimInvitation(String id, String sessionHash, Instant at);

    /** Replaces the connection's security answers (already sealed by the caller: never plaintext here). */
    CompletableFuture<Void> putSecurityAnswers(SealedAnswers answers);

    /** The connection's sealed security answers, if any were set. */
    Optional<SealedAnswers> securityAnswers(String connectionId);

    // ---- connection secrets (sealed by the caller) ----

    /** Stores the secret, replacing the connection's secret of the same kind. */
    CompletableFuture<Void> putSecret(ConnectionSecret secret);

    Optional<ConnectionSecret> secret(String connectionId, String kind);

    /** Removes the connection's secret of this kind, if any. */
    CompletableFuture<Void> deleteSecret(String connectionId, String kind);

    /** True when {@code utility} has delivered a code or link from {@code sender} before. */
    boolean hasSent(String utility, String sender);

    /**
     * Retention: removes raw messages and codes received before {@code contentBefore}, and events
     * before {@code eventsBefore}. Completes with how many entries went. Connections, answers,
     * tenants and pending deliveries stay.
     */
    CompletableFuture<Long> expire(Instant contentBefore, Instant eventsBefore);

    /** False once the store can no longer make writes durable. */
    boolean healthy();

    @Override
    void close();

    /**
     * What {@link #accept} stores together: the message, its codes and its events, and the
     * addresses each code is copied to (the connection's {@code copyTo} when it was received).
     */
    record Received(StoredMessage message, List<Code> codes, List<Event> events, String utility, String sender,
            List<String> copyTo) {
        public Received {
            codes = List.copyOf(codes);
            events = List.copyOf(events);
            copyTo = copyTo == null ? List.of() : List.copyOf(copyTo);
        }

        public Received(StoredMessage message, List<Code> codes, List<Event> events, String utility, String sender) {
            this(message, codes, events, utility, sender, List.of());
        }
    }

    /** The outcome of {@link #accept}: stored now, or kept before under {@code messageId}. */
    record Acceptance(String messageId, boolean duplicate) {
    }
}
