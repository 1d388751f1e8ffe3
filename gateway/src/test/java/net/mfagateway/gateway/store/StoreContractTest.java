package net.mfagateway.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Store} does, whatever keeps it: each implementation runs this suite through a
 * subclass that says how to open it. A restart is "close, then open again" on the same data.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class StoreContractTest {

    /** Opens the store on this test's data: the first time empty, later on what was written before. */
    protected abstract Store open() throws IOException;

    /** A clock the test moves on. */
    protected static final class Moving extends Clock {
        volatile Instant now = Instant.parse("2026-11-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final Moving clock = new Moving();
    private final Ids ids = new Ids(clock, new SecureRandom());

    private Instant now() {
        return clock.instant();
    }

    /** Moves the clock on: each call is a new moment, so ids and times sort as written. */
    private Instant tick() {
        clock.now = clock.now.plusMillis(1);
        return clock.now;
    }

    private Connection connection(String tenant) {
        return new Connection(ids.next("c_"), tenant, "coned", "", ids.secret(20) + "@mfa.test", null,
                ConnectionStatus.PENDING, tick());
    }

    private Event event(Connection c, String type, Map<String, Object> data) {
        return new Event(ids.next("e_"), c.id(), c.tenantId(), type, tick(), data);
    }

    private StatusChange change(Connection c, ConnectionStatus to, String reason) {
        Diagnosis why = reason == null ? null : new Diagnosis(reason, "because", List.of("do this"), now());
        return new StatusChange(c.id(), to, why, event(c, "connection.status", Map.of("status", to.wireName())));
    }

    private Store.Received mail(Connection c, String code, String dedupKey, List<String> copyTo) {
        Instant at = tick();
        String messageId = ids.next("m_");
        StoredMessage m = new StoredMessage(messageId, c.id(), "email", at, "a@b.test", dedupKey, "code",
                "coned.code", List.of("matched"), ("raw " + code).getBytes());
        Code k = new Code(ids.next("k_"), c.id(), messageId, code, "code", at, "email", "a@b.test", "a@b.test",
                "direct", "coned", "coned.code", "known", 0.9);
        Event e = new Event(ids.next("e_"), c.id(), c.tenantId(), "code.received", at, Map.of("codeId", k.id()));
        return new Store.Received(m, List.of(k), List.of(e), "coned", "a@b.test", copyTo);
    }

    private Store.Received mail(Connection c, String code) {
        return mail(c, code, "mid:" + code + "." + ids.secret(6), List.of());
    }

    private Webhook webhook(String tenant) {
        return new Webhook(ids.next("w_"), tenant, "http://127.0.0.1:9/hook", new byte[] {9, 9}, tick());
    }

    private Delivery onlyDelivery(Store store) {
        List<Delivery> all = store.deliveries();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    // ---- what is written stays ----

    @Test
    void everythingWrittenIsThereAfterReopening() throws Exception {
        Connection c = connection("t_1");
        Store.Received mail = mail(c, "123456");
        try (Store store = open()) {
            store.putConnection(c).join();
            store.accept(mail).join();
        }
        try (Store store = open()) {
            assertThat(store.connection(c.id())).contains(c);
            assertThat(store.connectionByLocalPart(c.localPart())).contains(c);
            assertThat(store.codes(c.id())).containsExactlyElementsOf(mail.codes());
            assertThat(store.events(c.id())).containsExactlyElementsOf(mail.events());
            assertThat(store.hasSent("coned", "a@b.test")).isTrue();
            assertThat(store.hasSent("coned", "other@b.test")).isFalse();
            StoredMessage kept = store.message(mail.message().id()).orElseThrow();
            assertThat(kept.raw()).isEqualTo("raw 123456".getBytes());
            assertThat(kept).usingRecursiveComparison().isEqualTo(mail.message());
        }
    }

    @Test
    void instantsComeBackToTheNanosecond() throws Exception {
        Connection c = connection("t_1");
        Instant odd = Instant.parse("2026-11-01T10:15:30.123456789Z");
        Event e = new Event(ids.next("e_"), c.id(), "t_1", "message.unmatched", odd, Map.of("n", 7, "s", "x"));
        try (Store store = open()) {
            store.appendEvent(e).join();
        }
        try (Store store = open()) {
            assertThat(store.events(c.id())).containsExactly(e);
        }
    }

    @Test
    void theSameMessageAcceptedTwiceIsKeptOnceAndNamed() throws Exception {
        Connection c = connection("t_1");
        try (Store store = open()) {
            store.putConnection(c).join();
            Store.Acceptance first = store.accept(mail(c, "999000", "mid:dup", List.of())).join();
            Store.Acceptance again = store.accept(mail(c, "999000", "mid:dup", List.of())).join();
            assertThat(first.duplicate()).isFalse();
            assertThat(again.duplicate()).isTrue();
            assertThat(again.messageId()).isEqualTo(first.messageId());
            assertThat(store.codes(c.id())).hasSize(1);
            assertThat(store.events(c.id())).hasSize(1);
        }
    }

    @Test
    void theSameDedupKeyOnAnotherConnectionIsAnotherMessage() throws Exception {
        Connection one = connection("t_1");
        Connection two = connection("t_1");
        try (Store store = open()) {
            assertThat(store.accept(mail(one, "111111", "mid:same", List.of())).join().duplicate()).isFalse();
            assertThat(store.accept(mail(two, "222222", "mid:same", List.of())).join().duplicate()).isFalse();
        }
    }

    @Test
    void concurrentWritesAllCompleteAndAllAreKept() throws Exception {
        Connection c = connection("t_1");
        List<CompletableFuture<Store.Acceptance>> futures = new ArrayList<>();
        try (Store store = open()) {
            store.putConnection(c).join();
            for (int i = 0; i < 500; i++) {
                futures.add(store.accept(mail(c, String.format("%06d", i))));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            assertThat(store.codes(c.id())).hasSize(500);
        }
        try (Store store = open()) {
            assertThat(store.codes(c.id())).hasSize(500);
        }
    }

    @Test
    void newestCodeAfterIsStrictlyAfter() throws Exception {
        Connection c = connection("t_1");
        try (Store store = open()) {
            store.putConnection(c).join();
            store.accept(mail(c, "100001")).join();
            Code first = store.codes(c.id()).get(0);
            assertThat(store.newestCodeAfter(c.id(), first.receivedAt())).isEmpty();
            assertThat(store.newestCodeAfter(c.id(), first.receivedAt().minusNanos(1000))).contains(first);
            store.accept(mail(c, "100002")).join();
            store.accept(mail(c, "100003")).join();
            assertThat(store.newestCodeAfter(c.id(), first.receivedAt()).map(Code::code)).contains("100003");
            assertThat(store.codes(c.id())).extracting(Code::code).containsExactly("100001", "100002", "100003");
            assertThat(store.newestCodeAfter("c_other", Instant.EPOCH)).isEmpty();
        }
    }

    @Test
    void eventsComeBackOldestFirstAndByType() throws Exception {
        Connection c = connection("t_1");
        Event a = event(c, "message.unmatched", Map.of());
        Event b = event(c, "connection.status", Map.of("status", "connected"));
        Event d = event(c, "message.unmatched", Map.of("why", "no rule"));
        try (Store store = open()) {
            store.appendEvent(d).join();
            store.appendEvent(a).join();
            store.appendEvent(b).join();
            assertThat(store.events(c.id())).containsExactly(a, b, d);
            assertThat(store.events(c.id(), "message.unmatched")).containsExactly(a, d);
            assertThat(store.events("c_other")).isEmpty();
        }
    }

    // ---- tenants and connections ----

    @Test
    void tenantsOpenByTheirCurrentAndPreviousTokenUntilItIsRevoked() throws Exception {
        Tenant t = new Tenant("t_1", "Acme", "hash1", false, tick());
        Tenant older = new Tenant("t_0", "Zeta", "hash0", true, t.createdAt().minusSeconds(60));
        try (Store store = open()) {
            store.putTenant(t).join();
            store.putTenant(older).join();
            store.putTenant(t.rotated("hash2")).join();
            assertThat(store.tenantByTokenHash("hash2").map(Tenant::id)).contains("t_1");
            assertThat(store.tenantByTokenHash("hash1").map(Tenant::id)).contains("t_1");
        }
        try (Store store = open()) {
            store.putTenant(store.tenant("t_1").orElseThrow().withoutPreviousToken()).join();
            assertThat(store.tenantByTokenHash("hash1")).isEmpty();
            assertThat(store.tenantByTokenHash("hash2").map(Tenant::id)).contains("t_1");
            assertThat(store.tenants()).extracting(Tenant::id).containsExactly("t_0", "t_1");
            assertThat(store.tenant("t_0")).contains(older);
            assertThat(store.tenant("t_9")).isEmpty();
        }
    }

    @Test
    void aTenantsConnectionsComeOldestFirstAndByStatus() throws Exception {
        Connection first = connection("t_1");
        Connection second = connection("t_1");
        Connection theirs = connection("t_2");
        try (Store store = open()) {
            store.putConnection(second).join();
            store.putConnection(theirs).join();
            store.putConnection(first).join();
            store.changeStatus(change(second, ConnectionStatus.CONNECTED, null)).join();
            assertThat(store.connections("t_1", Optional.empty())).extracting(Connection::id)
                    .containsExactly(first.id(), second.id());
            assertThat(store.connections("t_1", Optional.of(ConnectionStatus.CONNECTED))).extracting(Connection::id)
                    .containsExactly(second.id());
            assertThat(store.connectionsByStatus()).containsExactlyInAnyOrderEntriesOf(
                    Map.of(ConnectionStatus.PENDING, 2L, ConnectionStatus.CONNECTED, 1L));
        }
    }

    @Test
    void theWorkersConnectionsAreThoseWithALoginOfEveryTenant() throws Exception {
        Connection scheduled = connection("t_1");
        Connection onDemand = connection("t_2");
        Connection collected = connection("t_1");
        Connection loginRemoved = connection("t_2");
        try (Store store = open()) {
            for (Connection c : List.of(scheduled, onDemand, collected, loginRemoved)) {
                store.putConnection(c).join();
            }
            store.editConnection(new ConnectionEdit(scheduled.id(), null, null,
                    new PortalLogin("simulated", "http://127.0.0.1:1", "ann", 3600))).join();
            store.editConnection(new ConnectionEdit(onDemand.id(), null, null,
                    new PortalLogin("simulated", "http://127.0.0.1:1", "bea", 0))).join();
            store.editConnection(new ConnectionEdit(loginRemoved.id(), null, null,
                    new PortalLogin("simulated", "http://127.0.0.1:1", "cal", 60))).join();
            store.editConnection(new ConnectionEdit(loginRemoved.id(), null, null, PortalLogin.NONE)).join();
        }
        try (Store store = open()) {
            assertThat(store.loginConnections()).extracting(Connection::id)
                    .containsExactlyInAnyOrder(scheduled.id(), onDemand.id());
            assertThat(store.connectionsByStatus()).containsExactly(Map.entry(ConnectionStatus.PENDING, 4L));
        }
    }

    @Test
    void aConnectionIsFoundByItsNumber() throws Exception {
        Connection c = new Connection(ids.next("c_"), "t_1", "sce", "", ids.secret(20) + "@mfa.test", "+15550107001",
                ConnectionStatus.PENDING, tick()).withPhoneSid("PN0001");
        try (Store store = open()) {
            store.putConnection(c).join();
            assertThat(store.connectionByPhone("+15550107001")).contains(c);
            assertThat(store.connectionByPhone("+15550107002")).isEmpty();
            assertThat(store.connectionByLocalPart("nobody")).isEmpty();
        }
    }

    @Test
    void aDeletedConnectionFreesItsAddressAndNumberAndKeepsItsCodes() throws Exception {
        Connection kept = connection("t_1");
        Connection gone = new Connection(ids.next("c_"), "t_1", "sce", "", ids.secret(20) + "@mfa.test",
                "+15550107001", ConnectionStatus.PENDING, tick()).withPhoneSid("PN0001");
        try (Store store = open()) {
            store.putConnection(kept).join();
            store.putConnection(gone).join();
            store.accept(mail(gone, "424242")).join();
            store.deleteConnection(gone.id()).join();
            store.deleteConnection(gone.id()).join(); // again: nothing happens
            store.deleteConnection("c_unknown").join();
        }
        try (Store store = open()) {
            assertThat(store.connection(gone.id())).isEmpty();
            assertThat(store.connectionByLocalPart(gone.localPart())).isEmpty();
            assertThat(store.connectionByPhone("+15550107001")).isEmpty();
            assertThat(store.connections("t_1", Optional.empty())).containsExactly(kept);
            assertThat(store.codes(gone.id())).extracting(Code::code).containsExactly("424242");
            assertThat(store.events(gone.id())).hasSize(1);
            Connection next = new Connection(ids.next("c_"), "t_1", "sce", "", ids.secret(20) + "@mfa.test",
                    "+15550107001", ConnectionStatus.PENDING, tick());
            store.putConnection(next).join();
            assertThat(store.connectionByPhone("+15550107001")).contains(next);
        }
    }

    @Test
    void aStatusChangeIsStoredWithItsEventOnlyWhenSomethingChanges() throws Exception {
        Connection c = connection("t_1");
        try (Store store = open()) {
            store.putConnection(c).join();
            assertThat(store.changeStatus(change(c, ConnectionStatus.MFA_REQUIRED, null)).join()).isTrue();
            assertThat(store.changeStatus(change(c, ConnectionStatus.MFA_REQUIRED, null)).join()).isFalse();
            assertThat(store.changeStatus(change(c, ConnectionStatus.MFA_TOKEN_EXPIRED, "no_code")).join()).isTrue();
            assertThat(store.changeStatus(change(c, ConnectionStatus.MFA_TOKEN_EXPIRED, "forwarding_stopped")).join())
                    .isTrue();
            assertThat(store.changeStatus(change(connection("t_1"), ConnectionStatus.CONNECTED, null)).join())
                    .isFalse();
        }
        try (Store store = open()) {
            Connection now = store.connection(c.id()).orElseThrow();
            assertThat(now.status()).isEqualTo(ConnectionStatus.MFA_TOKEN_EXPIRED);
            assertThat(now.diagnosis().reason()).isEqualTo("forwarding_stopped");
            assertThat(store.events(c.id(), "connection.status")).hasSize(3);
            assertThat(store.connections("t_1", Optional.of(ConnectionStatus.MFA_TOKEN_EXPIRED)))
                    .extracting(Connection::id).containsExactly(c.id());
        }
    }

    @Test
    void anEditChangesOnlyTheFieldsItSets() throws Exception {
        Connection c = connection("t_1");
        PortalLogin login = new PortalLogin("simulated", "http://127.0.0.1:1", "ann", 3600);
        try (Store store = open()) {
            store.putConnection(c).join();
            store.changeStatus(change(c, ConnectionStatus.CONNECTED, null)).join();
            store.editConnection(new ConnectionEdit(c.id(), null, List.of("ann@example.com"), login)).join();
            store.editConnection(new ConnectionEdit(c.id(), "home", null, null)).join();
            store.editConnection(new ConnectionEdit("c_unknown", "x", null, null)).join();
        }
        try (Store store = open()) {
            Connection now = store.connection(c.id()).orElseThrow();
            assertThat(now.label()).isEqualTo("home");
            assertThat(now.copyTo()).containsExactly("ann@example.com");
            assertThat(now.login()).isEqualTo(login);
            assertThat(now.status()).isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(store.connection("c_unknown")).isEmpty();
            store.editConnection(new ConnectionEdit(c.id(), null, List.of(), PortalLogin.NONE)).join();
            assertThat(store.connection(c.id()).orElseThrow().login()).isNull();
            assertThat(store.connection(c.id()).orElseThrow().copyTo()).isEmpty();
        }
    }

    // ---- webhooks and the outbox ----

    @Test
    void eventsAreQueuedForTheTenantsWebhooksThatExistedWhenTheyHappened() throws Exception {
        Connection mine = connection("t_1");
        Connection theirs = connection("t_2");
        try (Store store = open()) {
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
            store.accept(mail(mine, "482913")).join();

            List<Delivery> queued = store.deliveries();
            assertThat(queued).allSatisfy(d -> {
                assertThat(d.kind()).isEqualTo(Delivery.Kind.WEBHOOK);
                assertThat(d.target()).isEqualTo(hook.id());
                assertThat(d.tenantId()).isEqualTo("t_1");
                assertThat(d.connectionId()).isEqualTo(mine.id());
                assertThat(d.id()).isEqualTo(d.ref() + "|" + hook.id());
                assertThat(d.attempts()).isZero();
                assertThat(d.lastError()).isNull();
                assertThat(d.nextAttemptAt()).isEqualTo(d.createdAt());
            });
            assertThat(queued).extracting(Delivery::ref).hasSize(3).startsWith(after.id());
            assertThat(queued.get(0).createdAt()).isEqualTo(after.at());
            assertThat(store.webhooks("t_1")).containsExactly(hook);
            assertThat(store.webhook(hook.id())).contains(hook);
            assertThat(store.webhooks("t_2")).isEmpty();
        }
    }

    @Test
    void aWebhookCreatedAtTheVeryMomentOfAnEventGetsIt() throws Exception {
        Connection c = connection("t_1");
        Event e = event(c, "message.unmatched", Map.of());
        Webhook hook = new Webhook(ids.next("w_"), "t_1", "http://127.0.0.1:9/hook", new byte[] {1}, e.at());
        try (Store store = open()) {
            store.putWebhook(hook).join();
            store.appendEvent(e).join();
            assertThat(onlyDelivery(store).ref()).isEqualTo(e.id());
        }
    }

    @Test
    void deliveriesComeBackOldestFirstAndFinishedOnesStayFinished() throws Exception {
        Connection c = connection("t_1");
        Webhook hook = webhook("t_1");
        try (Store store = open()) {
            store.putConnection(c).join();
            store.putWebhook(hook).join();
            store.accept(mail(c, "111111")).join();
            store.accept(mail(c, "222222")).join();
            store.accept(mail(c, "333333")).join();
            List<Delivery> queued = store.deliveries();
            assertThat(queued).hasSize(3);
            assertThat(queued).extracting(Delivery::id).isSorted();
            store.finishDelivery(queued.get(0).id()).join();
            Instant later = now().plusSeconds(30);
            store.retryDelivery(queued.get(1).failed(later, "HTTP 500")).join();
        }
        try (Store store = open()) {
            List<Delivery> left = store.deliveries();
            assertThat(left).hasSize(2);
            assertThat(left.get(0).attempts()).isEqualTo(1);
            assertThat(left.get(0).lastError()).isEqualTo("HTTP 500");
            assertThat(left.get(0).nextAttemptAt()).isEqualTo(now().plusSeconds(30));
            assertThat(left.get(1).attempts()).isZero();
            store.finishDelivery(left.get(0).id()).join();
            // A retry recorded after the finish must not bring it back.
            store.retryDelivery(left.get(0).failed(now(), "late")).join();
            store.finishDelivery("unknown").join();
            assertThat(store.deliveries()).hasSize(1);
        }
    }

    @Test
    void eachCodeIsQueuedForEachCopyAddressAndTheListenerHears() throws Exception {
        Connection c = connection("t_1");
        CountDownLatch heard = new CountDownLatch(1);
        try (Store store = open()) {
            store.onDeliveriesQueued(heard::countDown);
            store.putConnection(c).join();
            Store.Received mail = mail(c, "482913", "mid:copy", List.of("ann@example.com", "bob@example.com"));
            store.accept(mail).join();
            assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
            Code code = mail.codes().get(0);
            assertThat(store.deliveries()).extracting(Delivery::kind, Delivery::target, Delivery::ref, Delivery::id,
                    Delivery::tenantId).containsExactlyInAnyOrder(
                            tuple(Delivery.Kind.COPY, "ann@example.com", code.id(), code.id() + "|ann@example.com",
                                    "t_1"),
                            tuple(Delivery.Kind.COPY, "bob@example.com", code.id(), code.id() + "|bob@example.com",
                                    "t_1"));
            // A re-sent message is a duplicate: no second copy.
            store.accept(mail).join();
            assertThat(store.deliveries()).hasSize(2);
        }
    }

    @Test
    void anEventQueuedForAWebhookWakesTheListener() throws Exception {
        Connection c = connection("t_1");
        CountDownLatch heard = new CountDownLatch(1);
        try (Store store = open()) {
            store.onDeliveriesQueued(heard::countDown);
            store.putWebhook(webhook("t_1")).join();
            store.appendEvent(event(c, "message.unmatched", Map.of())).join();
            assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void deletingAWebhookDropsItsPendingDeliveries() throws Exception {
        Connection c = connection("t_1");
        Webhook kept = webhook("t_1");
        Webhook gone = webhook("t_1");
        try (Store store = open()) {
            store.putConnection(c).join();
            store.putWebhook(kept).join();
            store.putWebhook(gone).join();
            store.accept(mail(c, "555555", "mid:w", List.of("ann@example.com"))).join();
            assertThat(store.deliveries()).hasSize(3);
            store.deleteWebhook(gone.id()).join();
            assertThat(store.deliveries()).extracting(Delivery::target)
                    .containsExactlyInAnyOrder(kept.id(), "ann@example.com");
            assertThat(store.webhook(gone.id())).isEmpty();
            assertThat(store.webhooks("t_1")).containsExactly(kept);
        }
    }

    @Test
    void aDeliveryIsClaimedOnlyWhenDueAndByOneAtATime() throws Exception {
        Connection c = connection("t_1");
        try (Store store = open()) {
            store.putWebhook(webhook("t_1")).join();
            store.appendEvent(event(c, "message.unmatched", Map.of())).join();
            Delivery d = onlyDelivery(store);
            Instant t = d.nextAttemptAt();
            assertThat(store.claimDelivery(d.id(), t.minusSeconds(1), t.plusSeconds(60)).join()).isEmpty();
            assertThat(store.claimDelivery(d.id(), t, t.plusSeconds(60)).join()).contains(d);
            assertThat(store.claimDelivery(d.id(), t.plusSeconds(1), t.plusSeconds(61)).join()).isEmpty();
            // The claim runs out: whoever held it is taken to have died.
            assertThat(store.claimDelivery(d.id(), t.plusSeconds(60), t.plusSeconds(120)).join()).contains(d);
            assertThat(store.claimDelivery("unknown", t, t.plusSeconds(60)).join()).isEmpty();
        }
    }

    @Test
    void aRetryEndsTheClaimAndSetsWhenTheDeliveryIsDueAgain() throws Exception {
        Connection c = connection("t_1");
        try (Store store = open()) {
            store.putWebhook(webhook("t_1")).join();
            store.appendEvent(event(c, "message.unmatched", Map.of())).join();
            Delivery d = onlyDelivery(store);
            Instant t = d.nextAttemptAt();
            assertThat(store.claimDelivery(d.id(), t, t.plusSeconds(60)).join()).isPresent();
            Delivery failed = d.failed(t.plusSeconds(10), "HTTP 503");
            store.retryDelivery(failed).join();
            assertThat(store.claimDelivery(d.id(), t.plusSeconds(5), t.plusSeconds(60)).join()).isEmpty();
            assertThat(store.claimDelivery(d.id(), t.plusSeconds(10), t.plusSeconds(60)).join()).contains(failed);
            store.finishDelivery(d.id()).join();
            assertThat(store.claimDelivery(d.id(), t.plusSeconds(100), t.plusSeconds(160)).join()).isEmpty();
        }
    }

    // ---- leases ----

    @Test
    void aLeaseHasOneHolderUntilItRunsOutOrIsReleased() throws Exception {
        Instant t = now();
        try (Store store = open()) {
            assertThat(store.lease("retention", "node-a", t, t.plusSeconds(30)).join()).isTrue();
            assertThat(store.lease("retention", "node-b", t.plusSeconds(10), t.plusSeconds(40)).join()).isFalse();
            assertThat(store.lease("other", "node-b", t, t.plusSeconds(30)).join()).isTrue();
            // The holder extends it.
            assertThat(store.lease("retention", "node-a", t.plusSeconds(20), t.plusSeconds(50)).join()).isTrue();
            assertThat(store.lease("retention", "node-b", t.plusSeconds(40), t.plusSeconds(70)).join()).isFalse();
            // Run out: another holder takes it.
            assertThat(store.lease("retention", "node-b", t.plusSeconds(50), t.plusSeconds(80)).join()).isTrue();
            assertThat(store.lease("retention", "node-a", t.plusSeconds(60), t.plusSeconds(90)).join()).isFalse();
            // Released: free at once; a release by a non-holder does nothing.
            store.releaseLease("retention", "node-a").join();
            assertThat(store.lease("retention", "node-a", t.plusSeconds(60), t.plusSeconds(90)).join()).isFalse();
            store.releaseLease("retention", "node-b").join();
            assertThat(store.lease("retention", "node-a", t.plusSeconds(60), t.plusSeconds(90)).join()).isTrue();
        }
    }

    // ---- invitations, answers, secrets ----

    @Test
    void anInvitationIsClaimedOnce() throws Exception {
        Connection c = connection("t_1");
        Invitation invitation = new Invitation(ids.next("i_"), "t_1", c.id(), "tokenhash", now(),
                now().plusSeconds(3600), null, null, null);
        try (Store store = open()) {
            store.putInvitation(invitation).join();
            assertThat(store.invitationBySessionHash("session1")).isEmpty();
            assertThat(store.claimInvitation(invitation.id(), "session1", now()).join()).isTrue();
            assertThat(store.claimInvitation(invitation.id(), "session2", now()).join()).isFalse();
            assertThat(store.claimInvitation("i_unknown", "session3", now()).join()).isFalse();
        }
        try (Store store = open()) {
            Invitation claimed = store.invitationByTokenHash("tokenhash").orElseThrow();
            assertThat(claimed.sessionHash()).isEqualTo("session1");
            assertThat(claimed.claimedAt()).isEqualTo(now());
            assertThat(store.invitationBySessionHash("session1")).contains(claimed);
            assertThat(store.invitationBySessionHash("session2")).isEmpty();
            assertThat(store.invitationByTokenHash("other")).isEmpty();
            store.putInvitation(claimed.closed(now())).join();
            assertThat(store.invitationBySessionHash("session1").orElseThrow().closedAt()).isNotNull();
        }
    }

    @Test
    void securityAnswersAreReplacedAndKept() throws Exception {
        Connection c = connection("t_1");
        SealedAnswers first = new SealedAnswers(c.id(), true, new byte[] {1, 2, 3}, tick());
        SealedAnswers second = new SealedAnswers(c.id(), false, new byte[] {4, 5}, tick());
        try (Store store = open()) {
            store.putSecurityAnswers(first).join();
            assertThat(store.securityAnswers(c.id())).contains(first);
            store.putSecurityAnswers(second).join();
        }
        try (Store store = open()) {
            assertThat(store.securityAnswers(c.id())).contains(second);
            assertThat(store.securityAnswers("c_none")).isEmpty();
        }
    }

    @Test
    void connectionSecretsAreReplacedByKindAndGoWithTheirConnection() throws Exception {
        Connection c = connection("t_1");
        Connection other = connection("t_1");
        ConnectionSecret password = new ConnectionSecret(c.id(), "portal_password", new byte[] {1, 2, 3}, tick());
        ConnectionSecret newPassword = new ConnectionSecret(c.id(), "portal_password", new byte[] {7, 8}, tick());
        ConnectionSecret session = new ConnectionSecret(c.id(), "portal_session", new byte[] {4, 5}, tick());
        ConnectionSecret kept = new ConnectionSecret(other.id(), "portal_password", new byte[] {6}, tick());
        try (Store store = open()) {
            store.putConnection(c).join();
            store.putConnection(other).join();
            store.putSecret(password).join();
            store.putSecret(session).join();
            store.putSecret(kept).join();
            store.putSecret(newPassword).join();
            store.deleteSecret(c.id(), "portal_session").join();
            store.deleteSecret(c.id(), "never_set").join();
        }
        try (Store store = open()) {
            assertThat(store.secret(c.id(), "portal_password")).contains(newPassword);
            assertThat(store.secret(c.id(), "portal_session")).isEmpty();
            store.deleteConnection(c.id()).join();
            assertThat(store.secret(c.id(), "portal_password")).isEmpty();
            assertThat(store.secret(other.id(), "portal_password")).contains(kept);
        }
        try (Store store = open()) {
            assertThat(store.secret(c.id(), "portal_password")).isEmpty();
            assertThat(store.secret(other.id(), "portal_password")).contains(kept);
        }
    }

    // ---- retention ----

    @Test
    void oldMessagesCodesAndEventsGoAndNewOnesStay() throws Exception {
        Connection c = connection("t_1");
        Store.Received old;
        Store.Received recent;
        try (Store store = open()) {
            store.putConnection(c).join();
            store.putWebhook(webhook("t_1")).join();
            old = mail(c, "111111");
            store.accept(old).join();
            clock.now = clock.now.plus(Duration.ofDays(10));
            recent = mail(c, "222222");
            store.accept(recent).join();

            long removed = store.expire(now().minus(Duration.ofDays(7)), now().minus(Duration.ofDays(7))).join();

            assertThat(removed).isEqualTo(3);
            assertThat(store.message(old.message().id())).isEmpty();
            assertThat(store.codes(c.id())).extracting(Code::code).containsExactly("222222");
            assertThat(store.events(c.id())).containsExactlyElementsOf(recent.events());
            assertThat(store.message(recent.message().id())).isPresent();
            assertThat(store.connection(c.id())).isPresent();
            assertThat(store.deliveries()).hasSize(2);
            // The old message's dedup key went with it: a resend is a new message.
            assertThat(store.accept(old).join().duplicate()).isFalse();
        }
        try (Store store = open()) {
            assertThat(store.codes(c.id())).extracting(Code::code).containsExactly("111111", "222222");
            assertThat(store.message(recent.message().id())).isPresent();
        }
    }

    @Test
    void retentionKeepsEventsLongerWhenToldTo() throws Exception {
        Connection c = connection("t_1");
        try (Store store = open()) {
            store.accept(mail(c, "111111")).join();
            clock.now = clock.now.plus(Duration.ofDays(10));
            Instant cutoff = now().minus(Duration.ofDays(7));
            assertThat(store.expire(cutoff, cutoff.minus(Duration.ofDays(30))).join()).isEqualTo(2);
            assertThat(store.codes(c.id())).isEmpty();
            assertThat(store.events(c.id())).hasSize(1);
            assertThat(store.expire(cutoff, cutoff).join()).isEqualTo(1);
            assertThat(store.expire(cutoff, cutoff).join()).isZero();
        }
    }

    @Test
    void aStoreThatIsOpenIsHealthyAndAClosedOneRefusesWrites() throws Exception {
        Store store = open();
        assertThat(store.healthy()).isTrue();
        store.close();
        assertThat(store.putTenant(new Tenant("t_1", "Acme", "h", false, now())))
                .failsWithin(5, TimeUnit.SECONDS);
    }
}
