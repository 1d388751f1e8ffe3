package net.mfagateway.gateway.store.mapdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.time.Instant;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionEdit;
import net.mfagateway.gateway.store.ConnectionSecret;
import net.mfagateway.gateway.store.Delivery;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Invitation;
import net.mfagateway.gateway.store.StatusChange;
import net.mfagateway.gateway.store.StoreJson;
import net.mfagateway.gateway.store.Webhook;
import net.mfagateway.gateway.store.SealedAnswers;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;

/**
 * One change to the store, as written to the journal and replayed from it. Applying a mutation
 * twice leaves the store as applying it once, so replay after a crash is safe.
 */
sealed interface Mutation {

    record TenantPut(Tenant tenant) implements Mutation {
    }

    record ConnectionPut(Connection connection) implements Mutation {
    }

    record MessageAccepted(Store.Received received) implements Mutation {
    }

    record EventAppended(Event event) implements Mutation {
    }

    /** A connection's security answers replaced; the journal holds only the sealed blob. */
    record SecurityAnswersPut(SealedAnswers answers) implements Mutation {
    }

    /** A connection removed, with its address and phone number; replaying it when it is gone does nothing. */
    record ConnectionDeleted(String connectionId) implements Mutation {
    }

    record ConnectionEdited(ConnectionEdit edit) implements Mutation {
    }

    /** Applied only when it changes something: the condition is checked again on replay, in journal order. */
    record StatusChanged(StatusChange change) implements Mutation {
    }

    record WebhookPut(Webhook webhook) implements Mutation {
    }

    record WebhookDeleted(String webhookId) implements Mutation {
    }

    record DeliveryRetried(Delivery delivery) implements Mutation {
    }

    record DeliveryFinished(String deliveryId) implements Mutation {
    }

    record InvitationPut(Invitation invitation) implements Mutation {
    }

    /** Applied only to an unclaimed invitation; replay re-checks in journal order, so the first claim wins again. */
    record InvitationClaimed(String invitationId, String sessionHash, Instant at) implements Mutation {
    }

    /** Retention: everything older than the cutoffs goes; replaying it removes the same again. */
    record Expired(Instant contentBefore, Instant eventsBefore) implements Mutation {
    }

    /** A connection secret stored; the journal holds only the sealed blob. */
    record SecretPut(ConnectionSecret secret) implements Mutation {
    }

    record SecretDeleted(String connectionId, String kind) implements Mutation {
    }

    /** Journal encoding: one tag byte, then the record as JSON. */
    final class Codec {
        static final ObjectMapper JSON = StoreJson.MAPPER;

        private Codec() {
        }

        static byte[] encode(Mutation m) {
            byte tag = switch (m) {
                case TenantPut t -> 1;
                case ConnectionPut c -> 2;
                case MessageAccepted a -> 3;
                case EventAppended e -> 4;
                case SecurityAnswersPut s -> 10;
                case ConnectionDeleted d -> 11;
                case ConnectionEdited e -> 12;
                case StatusChanged c -> 13;
                case WebhookPut w -> 14;
                case WebhookDeleted w -> 15;
                case DeliveryRetried d -> 16;
                case DeliveryFinished d -> 17;
                case InvitationPut i -> 18;
                case InvitationClaimed i -> 19;
                case Expired e -> 20;
                case SecretPut p -> 21;
                case SecretDeleted d -> 22;
            };
            try {
                byte[] body = JSON.writeValueAsBytes(m);
                byte[] out = new byte[body.length + 1];
                out[0] = tag;
                System.arraycopy(body, 0, out, 1, body.length);
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Mutation decode(byte[] payload) throws IOException {
            byte[] body = Arrays.copyOfRange(payload, 1, payload.length);
            return switch (payload[0]) {
                case 1 -> JSON.readValue(body, TenantPut.class);
                case 2 -> JSON.readValue(body, ConnectionPut.class);
                case 3 -> JSON.readValue(body, MessageAccepted.class);
                case 4 -> JSON.readValue(body, EventAppended.class);
                case 10 -> JSON.readValue(body, SecurityAnswersPut.class);
                case 11 -> JSON.readValue(body, ConnectionDeleted.class);
                case 12 -> JSON.readValue(body, ConnectionEdited.class);
                case 13 -> JSON.readValue(body, StatusChanged.class);
                case 14 -> JSON.readValue(body, WebhookPut.class);
                case 15 -> JSON.readValue(body, WebhookDeleted.class);
                case 16 -> JSON.readValue(body, DeliveryRetried.class);
                case 17 -> JSON.readValue(body, DeliveryFinished.class);
                case 18 -> JSON.readValue(body, InvitationPut.class);
                case 19 -> JSON.readValue(body, InvitationClaimed.class);
                case 20 -> JSON.readValue(body, Expired.class);
                case 21 -> JSON.readValue(body, SecretPut.class);
                case 22 -> JSON.readValue(body, SecretDeleted.class);
                default -> throw new IOException("unknown journal record tag " + payload[0]);
            };
        }
    }
}
