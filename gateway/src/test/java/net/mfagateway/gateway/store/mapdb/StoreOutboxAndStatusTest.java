package net.mfagateway.gateway.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionEdit;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Delivery;
import net.mfagateway.gateway.store.Diagnosis;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Invitation;
import net.mfagateway.gateway.store.PortalLogin;
import net.mfagateway.gateway.store.StatusChange;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoredMessage;
import net.mfagateway.gateway.store.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status changes, the outbox and invitations on the embedded store, through reopen and journal replay. */
class StoreOutboxAndStatusTest {

    @TempDir
    Path dir;

    private final Ids ids = new Ids(Clock.systemUTC(), new SecureRandom());

    private MapDbStore open() throws IOException {
        return MapDbStore.open(dir, new SimpleMeterRegistry());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private Connection connection(String tenant) {
        return new Connection(ids.next("c_"), tenant, "coned", "", ids.secret(20) + "@mfa.test", null,
                ConnectionStatus.PENDING, now());
    }

    private Event event(Connection c, String type, Map<String, Object> data) {
        return new Event(ids.next("e_"), c.id(), c.tenantId(), type, now(), data);
    }

    private StatusChange change(Connection c, ConnectionStatus to, String reason) {
        Diagnosis why = reason == null ? null : new Diagnosis(reason, "because", List.of("do this"), now());
        return new StatusChange(c.id(), to, why, event(c, "connection.status", Map.of("status", to.wireName())));
    }

    private Store.Received codeMail(Connection c, String code, List<String> copyTo) {
        Instant at = now();
        String messageId = ids.next("m_");
        StoredMessage m = new StoredMessage(messageId, c.id(), "email", at, "a@b.test", messageId, "code",
                "coned.code", List.of(), "raw".getBytes());
        Code k = new Code(ids.next("k_"), c.id(), messageId, code, "code", at, "email", "a@b.test", "a@b.test",
                "direct", "coned", "coned.code", "known", 0.9);
        Event e = new Event(ids.next("e_"), c.id(), c.tenantId(), "code.received", at, Map.of("codeId", k.id()));
        return new Store.Received(m, List.of(k), List.of(e), "coned", "a@b.test", copyTo);
    }

    private Webhook webhook(String tenant) {
        return new Webhook(ids.next("w_"), tenant, "http://127.0.0.1:9/hook", new byte[] {9, 9}, now());
    }

    /** Deletes the MapDB index, so the next open rebuilds everything from the journal. */
    private void loseIndex() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("store.mapdb")).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aStatusChangeIsStoredWithItsEventOnlyWhenSomethingChanges() throws Exception {
        Connection c = connection("t_1");
        try (MapDbStore store = open()) {
            store.putConnection(c).join();
            assertThat(store.changeStatus(change(c, ConnectionStatus.MFA_REQUIRED, null)).join()).isTrue();
            assertThat(store.changeStatus(change(c, ConnectionStatus.MFA_REQUIRED, null)).join()).isFalse();
            assertThat(store.changeStatus(change(c, ConnectionStatus.MFA_TOKEN_EXPIRED, "no_code")).join()).isTrue();
            assertThat(store.changeStatus(change(c, ConnectionStatus.MFA_TOKEN_EXPIRED, "forwarding_stopped")).join())
                    .isTrue();
            assertThat(store.changeStatus(change(connection("t_1"), ConnectionStatus.CONNECTED, null)).join())
                    .isFalse();
        }
        loseIndex();
        try (MapDbStore store = open()) {
            Connection now = store.connection(c.id()).orElseThrow();
            assertThat(now.status()).isEqualTo(ConnectionStatus.MFA_TOKEN_EXPIRED);
            assertThat(now.diagnosis().reason()).isEqualTo("forwarding_stopped");
            assertThat(store.events(c.id(), "connection.status")).hasSize(3);
            assertThat(store.connections("t_1", java.util.Optional.of(ConnectionStatus.MFA_TOKEN_EXPIRED)))
                    .extracting(Connection::id).containsExactly(c.id());
        }
    }

    @Test
    void anEditChangesOnlyTheFieldsItSets() throws Exception {
        Connection c = connection("t_1");
        PortalLogin login = new PortalLogin("simulated", "http://127.0.0.1:1", "ann", 3600);
        try (MapDbStore store = open()) {
            store.putConnection(c).join();
            store.changeStatus(change(c, ConnectionStatus.CONNECTED, null)).join();
            store.editConnection(new ConnectionEdit(c.id(), null, List.of("ann@example.com"), login)).join();
            store.editConnection(new ConnectionEdit(c.id(), "home", null, null)).join();
            Connection now = store.connection(c.id()).orElseThrow();
            assertThat(now.label()).isEqualTo("home");
            assertThat(now.copyTo()).containsExactly("ann@example.com");
            assertThat(now.login()).isEqualTo(login);
            assertThat(now.status()).isEqualTo(ConnectionStatus.CONNECTED);
            store.editConnection(new ConnectionEdit(c.id(), null, List.of(), PortalLogin.NONE)).join();
            assertThat(store.connection(c.id()).orElseThrow().login()).isNull();
            assertThat(store.connection(c.id()).orElseThrow().copyTo()).isEmpty();
        }
    }

    @Test
    void eventsAreQueuedForTheTenantsWebhooksThatExistedWhenTheyHappened() throws Exception {
        Connection mine = connection("t_1");
        Connection theirs = connection("t_2");
        try (MapDbStore store = open()) {
            store.putConnection(mine).join();
            store.putConnection(theirs).join();
            Event before = event(mine, "message.unmatched", Map.of());
            store.appendEvent(before).join();
            Webhook hook = webhook("t_1");
            store.putWebhook(hook).join();
            Event after = event(mine, "message.unmatched", Map.of());
            store.appendEvent(after).join();
            store.appendEvent(event(theirs, "message.unmatched", Map.of())).join();
            store.appendEvent(event(mine, "webhook.gave_up", Map.of("webhookId", hook.id()))).join();
            store.changeStatus(change(mine, ConnectionStatus.MFA_REQUIRED, null)).join();
            store.accept(codeMail(mine, "482913", List.of())).join();

            List<Delivery> queued = store.deliveries();
            assertThat(queued).allSatisfy(d -> {
                assertThat(d.kind()).isEqualTo(Delivery.Kind.WEBHOOK);
                assertThat(d.target()).isEqualTo(hook.id());
                assertThat(d.tenantId()).isEqualTo("t_1");
            });
            assertThat(queued).extracting(Delivery::ref).hasSize(3).startsWith(after.id());
            assertThat(store.webhooks("t_1")).containsExactly(hook);
            assertThat(store.webhooks("t_2")).isEmpty();
        }
    }

    @Test
    void deliveriesSurviveReplayAndFinishedOnesStayFinished() throws Exception {
        Connection c = connection("t_1");
        Webhook hook = webhook("t_1");
        try (MapDbStore store = open()) {
            store.putConnection(c).join();
            store.putWebhook(hook).join();
            store.accept(codeMail(c, "111111", List.of())).join();
            store.accept(codeMail(c, "222222", List.of())).join();
            store.accept(codeMail(c, "333333", List.of())).join();
            List<Delivery> queued = store.deliveries();
            assertThat(queued).hasSize(3);
            store.finishDelivery(queued.get(0).id()).join();
            Instant later = now().plusSeconds(30);
            store.retryDelivery(queued.get(1).failed(later, "HTTP 500")).join();
        }
        loseIndex();
        try (MapDbStore store = open()) {
            List<Delivery> left = store.deliveries();
            assertThat(left).hasSize(2);
            assertThat(left.get(0).attempts()).isEqualTo(1);
            assertThat(left.get(0).lastError()).isEqualTo("HTTP 500");
            assertThat(left.get(1).attempts()).isZero();
            store.finishDelivery(left.get(0).id()).join();
            // A retry recorded after the finish must not bring it back.
            store.retryDelivery(left.get(0).failed(now(), "late")).join();
            assertThat(store.deliveries()).hasSize(1);
        }
    }

    @Test
    void eachCodeIsQueuedForEachCopyAddressAndTheListenerHears() throws Exception {
        Connection c = connection("t_1");
        CountDownLatch heard = new CountDownLatch(1);
        try (MapDbStore store = open()) {
            store.onDeliveriesQueued(heard::countDown);
            store.putConnection(c).join();
            Store.Received mail = codeMail(c, "482913", List.of("ann@example.com", "bob@example.com"));
            store.accept(mail).join();
            assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(store.deliveries()).extracting(Delivery::kind, Delivery::target, Delivery::ref)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(Delivery.Kind.COPY, "ann@example.com",
                                    mail.codes().get(0).id()),
                            org.assertj.core.groups.Tuple.tuple(Delivery.Kind.COPY, "bob@example.com",
                                    mail.codes().get(0).id()));
            // A re-sent message is a duplicate: no second copy.
            store.accept(mail).join();
            assertThat(store.deliveries()).hasSize(2);
        }
    }

    @Test
    void deletingAWebhookDropsItsPendingDeliveries() throws Exception {
        Connection c = connection("t_1");
        Webhook kept = webhook("t_1");
        Webhook gone = webhook("t_1");
        try (MapDbStore store = open()) {
            store.putConnection(c).join();
            store.putWebhook(kept).join();
            store.putWebhook(gone).join();
            store.appendEvent(event(c, "message.unmatched", Map.of())).join();
            assertThat(store.deliveries()).hasSize(2);
            store.deleteWebhook(gone.id()).join();
            assertThat(store.deliveries()).extracting(Delivery::target).containsExactly(kept.id());
            assertThat(store.webhook(gone.id())).isEmpty();
        }
    }

    @Test
    void anInvitationIsClaimedOnceEvenAfterReplay() throws Exception {
        Connection c = connection("t_1");
        Invitation invitation = new Invitation(ids.next("i_"), "t_1", c.id(), "tokenhash", now(),
                now().plusSeconds(3600), null, null, null);
        try (MapDbStore store = open()) {
            store.putInvitation(invitation).join();
            assertThat(store.claimInvitation(invitation.id(), "session1", now()).join()).isTrue();
            assertThat(store.claimInvitation(invitation.id(), "session2", now()).join()).isFalse();
            assertThat(store.claimInvitation("i_unknown", "session3", now()).join()).isFalse();
        }
        loseIndex();
        try (MapDbStore store = open()) {
            Invitation now = store.invitationByTokenHash("tokenhash").orElseThrow();
            assertThat(now.sessionHash()).isEqualTo("session1");
            assertThat(store.invitationBySessionHash("session1")).contains(now);
            assertThat(store.invitationBySessionHash("session2")).isEmpty();
            store.putInvitation(now.closed(now())).join();
            assertThat(store.invitationBySessionHash("session1").orElseThrow().closedAt()).isNotNull();
        }
    }
}
