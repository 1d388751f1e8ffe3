package net.mfagateway.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.mapdb.MapDbStore;
import net.mfagateway.rules.RuleEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus mail through the real Intake into a real store: what becomes a code, what an event. */
class IntakeTest {

    private static final Path CORPUS = Path.of(System.getProperty("mfa.corpus.dir"), "email");

    @TempDir
    Path dir;

    private MapDbStore store;
    private Intake intake;
    private final List<Code> woken = new ArrayList<>();
    private final Ids ids = new Ids(Clock.systemUTC(), new SecureRandom());

    @BeforeEach
    void start() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        store = MapDbStore.open(dir, metrics);
        RuleEngine rules = RuleEngine.builtIn();
        intake = new Intake(store, () -> rules, woken::add, ids, Clock.systemUTC(), metrics);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private Connection accept(String utility, String file) throws Exception {
        Connection c = new Connection(ids.next("c_"), "t_1", utility, "", ids.secret(20) + "@mfa.example.net", null,
                ConnectionStatus.PENDING, Instant.now());
        store.putConnection(c).join();
        intake.accept(new Inbound.Mail(List.of(c), "bounce@sender.example",
                Files.readAllBytes(CORPUS.resolve(file)))).join();
        return c;
    }

    private List<String> eventTypes(Connection c) {
        return store.events(c.id()).stream().map(Event::type).toList();
    }

    @Test
    void aCodeIsStoredWithItsRawMessageAndWakesTheWaiters() throws Exception {
        Connection c = accept("ace", "ace-direct-alt-01.eml");
        List<Code> codes = store.codes(c.id());
        assertThat(codes).extracting(Code::code).containsExactly("KR5EkG");
        assertThat(woken).containsExactlyElementsOf(codes);
        assertThat(codes.get(0).senderStatus()).isEqualTo("known");
        assertThat(codes.get(0).channel()).isEqualTo("email");
        assertThat(eventTypes(c)).containsExactly("code.received");
        byte[] raw = store.message(codes.get(0).messageId()).orElseThrow().raw();
        assertThat(raw).isEqualTo(Files.readAllBytes(CORPUS.resolve("ace-direct-alt-01.eml")));
    }

    @Test
    void aVerificationLinkIsDeliveredLikeACode() throws Exception {
        Connection c = accept("ameren", "ameren-direct-html-01.eml");
        List<Code> codes = store.codes(c.id());
        assertThat(codes).extracting(Code::kind).containsExactly("link");
        assertThat(codes.get(0).code()).isEqualTo(
                "https://myaccount.ameren.com/auth/approve?req=b6056b49d35208a595742fcecaf0d621&sig=VSEVJL7ZfbzPpNXVmHP4FZ");
        assertThat(eventTypes(c)).containsExactly("link.received");
    }

    @Test
    void aRotatedSenderStillDeliversTheCodeAndRaisesSenderRotated() throws Exception {
        Connection c = accept("ameren", "ameren-direct-alt-02.eml");
        assertThat(store.codes(c.id())).extracting(Code::code).containsExactly("7415847");
        assertThat(store.codes(c.id()).get(0).senderStatus()).isEqualTo("rotated");
        assertThat(eventTypes(c)).containsExactly("code.received", "sender.rotated");
        Event rotated = store.events(c.id()).get(1);
        assertThat(rotated.data()).containsEntry("sender", "ameren@notify.ameren.com");
        // Once delivered, the new sender is part of the utility's history: known next time.
        assertThat(store.hasSent("ameren", "ameren@notify.ameren.com")).isTrue();
    }

    @Test
    void gmailsForwardingConfirmationIsAnEventNeverACode() throws Exception {
        Connection c = accept("ace", "ace-direct-gmail-confirmation-01.eml");
        assertThat(store.codes(c.id())).isEmpty();
        assertThat(woken).isEmpty();
        assertThat(eventTypes(c)).containsExactly("forwarding.confirmation");
        assertThat(store.events(c.id()).get(0).data()).containsKey("code");
    }

    @Test
    void aBlockedForwardingReportIsAnEventNeverACode() throws Exception {
        Connection c = accept("nve", "nve-attached-ndr-outlook-01.eml");
        assertThat(store.codes(c.id())).isEmpty();
        assertThat(eventTypes(c)).containsExactly("forwarding.blocked");
    }

    @Test
    void mailWithoutACodeIsKeptAndReportedUnmatchedWithReasons() throws Exception {
        Connection c = accept("ace", "ace-direct-person-01.eml");
        assertThat(store.codes(c.id())).isEmpty();
        assertThat(eventTypes(c)).containsExactly("message.unmatched");
        assertThat((List<?>) store.events(c.id()).get(0).data().get("reasons")).isNotEmpty();
    }

    @Test
    void unparseableBytesAreKeptAndReportedUnmatched() throws Exception {
        Connection c = new Connection(ids.next("c_"), "t_1", "coned", "", ids.secret(20) + "@mfa.example.net", null,
                ConnectionStatus.PENDING, Instant.now());
        store.putConnection(c).join();
        byte[] junk = {0, 1, 2, (byte) 0xff, '\r', '\n', 'x', 0, (byte) 0xfe};
        intake.accept(new Inbound.Mail(List.of(c), "", junk)).join();
        assertThat(eventTypes(c)).containsExactly("message.unmatched");
        String messageId = (String) store.events(c.id()).get(0).data().get("messageId");
        assertThat(store.message(messageId).orElseThrow().raw()).isEqualTo(junk);
    }
}
