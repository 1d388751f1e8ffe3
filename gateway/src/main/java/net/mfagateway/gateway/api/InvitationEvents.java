package net.mfagateway.gateway.api;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Invitation;
import net.mfagateway.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events the hosted pages raise on the invitation's connection ({@code invitation.opened},
 * {@code security_answers.updated}, {@code invitation.completed}); never a token, answer or code.
 */
final class InvitationEvents {

    private static final Logger log = LoggerFactory.getLogger(InvitationEvents.class);

    private final Store store;
    private final Ids ids;

    InvitationEvents(Store store, Ids ids) {
        this.store = store;
        this.ids = ids;
    }

    /**
     * Appends the event, to be called once the fact it reports is stored. The future completes when
     * the event is durable, and normally even when it could not be stored: the owner's action has
     * taken effect by then, so that failure is logged rather than shown to them.
     */
    CompletableFuture<Void> record(Invitation invitation, String type, Instant at, Map<String, Object> data) {
        return store.appendEvent(
                new Event(ids.next("e_"), invitation.connectionId(), invitation.tenantId(), type, at, data))
                .exceptionally(failure -> {
                    log.warn("invite.event_not_stored type={} conn={} reason=\"{}\"", type, invitation.connectionId(),
                            failure.toString());
                    return null;
                });
    }
}
