package net.mfagateway.gateway.edge.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import net.mfagateway.gateway.config.SmtpSettings;
import net.mfagateway.gateway.intake.Intake;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.mapdb.MapDbStore;
import net.mfagateway.gateway.support.FlakyStore;
import net.mfagateway.gateway.support.Mails;
import net.mfagateway.gateway.support.SmtpConversation;
import net.mfagateway.rules.RuleEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP edge over a real socket, on a real store: reply codes and what gets stored. */
class SmtpEdgeTest {

    private static final String DOMAIN = "mfa.example.net";
    private static final long LIMIT = 4096;

    @TempDir
    Path dir;

    private FlakyStore flaky;
    private Store store;
    private SmtpEdge edge;
    private int port;
    private final Ids ids = new Ids(Clock.systemUTC(), new SecureRandom());

    @BeforeEach
    void start() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        flaky = new FlakyStore(MapDbStore.open(dir, metrics));
        store = flaky.store();
        RuleEngine rules = RuleEngine.builtIn();
        Intake intake = new Intake(store, () -> rules, code -> { }, ids, Clock.systemUTC(), metrics);
        edge = new SmtpEdge("127.0.0.1", 0, DOMAIN, LIMIT, SmtpSettings.DEFAULTS, Optional.empty(), store, intake,
                metrics);
        port = edge.start();
    }

    @AfterEach
    void stop() {
        edge.close();
        store.close();
    }

    private Connection connection(String utility) {
        Connection c = new Connection(ids.next("c_"), "t_test", utility, "", ids.secret(20) + "@" + DOMAIN, null,
                ConnectionStatus.PENDING, Instant.now());
        store.putConnection(c).join();
        return c;
    }

    @Test
    void codeMailToAConnectionIsStoredBeforeThe250() throws Exception {
        Connection c = connection("coned");
        try (SmtpConversation smtp = new SmtpConversation(port)) {
            smtp.send("EHLO client.test").expect("250");
            String reply = smtp.mail("noreply@coned.com", c.email(),
                    Mails.codeMail("noreply@coned.com", c.email(), "482913"));
            assertThat(reply).startsWith("250");
        }
        // The 250 has been read: the code must already be visible, no waiting.
        assertThat(store.codes(c.id())).extracting(Code::code).containsExactly("482913");
    }

    @Test
    void unknownRecipientGets550() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(port)) {
            smtp.send("EHLO client.test").expect("250");
            smtp.send("MAIL FROM:<a@sender.test>").expect("250");
            smtp.send("RCPT TO:<nobody@" + DOMAIN + ">").expect("550 5.1.1");
        }
    }

    @Test
    void recipientOnAnotherDomainGets550SoNothingIsRelayed() throws Exception {
        Connection c = connection("coned");
        String sameLocalElsewhere = c.localPart() + "@gmail.com";
        try (SmtpConversation smtp = new SmtpConversation(port)) {
            smtp.send("EHLO client.test").expect("250");
            smtp.send("MAIL FROM:<a@sender.test>").expect("250");
            smtp.send("RCPT TO:<" + sameLocalElsewhere + ">").expect("550 5.1.1");
            smtp.send("RCPT TO:<postmaster@example.org>").expect("550 5.1.1");
            smtp.send("RCPT TO:<" + c.email() + "@evil.test>").expect("550 5.1.1");
        }
    }

    @Test
    void recipientMatchesWhateverItsCase() throws Exception {
        Connection c = connection("coned");
        try (SmtpConversation smtp = new SmtpConversation(port)) {
            smtp.send("EHLO client.test").expect("250");
            String reply = smtp.mail("noreply@coned.com", c.email().toUpperCase(),
                    Mails.codeMail("noreply@coned.com", c.email(), "551234"));
            assertThat(reply).startsWith("250");
        }
        assertThat(store.codes(c.id())).extracting(Code::code).containsExactly("551234");
    }

    @Test
    void ehloAdvertisesTheSizeLimit() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(port)) {
            assertThat(smtp.send("EHLO client.test").expect("250")).contains("SIZE " + LIMIT);
        }
    }

    @Test
    void oversizedMessageGets552AndTheSessionStaysUsable() throws Exception {
        Connection c = connection("coned");
        try (SmtpConversation smtp = new SmtpConversation(port)) {
            smtp.send("EHLO client.test").expect("250");
            String big = Mails.codeMail("noreply@coned.com", c.email(), "111111") + "x".repeat(100).repeat(100);
            assertThat(smtp.mail("noreply@coned.com", c.email(), big)).startsWith("552 5.3.4");
            // Same session, no RSET: the next transaction goes through.
            String reply = smtp.mail("noreply@coned.com", c.email(),
                    Mails.codeMail("noreply@coned.com", c.email(), "222222"));
            assertThat(reply).startsWith("250");
        }
        assertThat(store.codes(c.id())).extracting(Code::code).containsExactly("222222");
    }

    @Test
    void storeFailureGets451AndTheSendersRetryIsStored() throws Exception {
        Connection c = connection("coned");
        String mail = Mails.codeMail("noreply@coned.com", c.email(), "734001");
        flaky.failNextAccepts(1);
        try (SmtpConversation smtp = new SmtpConversation(port)) {
            smtp.send("EHLO client.test").expect("250");
            assertThat(smtp.mail("noreply@coned.com", c.email(), mail)).startsWith("451 4.3.0");
            assertThat(store.codes(c.id())).isEmpty();
            assertThat(smtp.mail("noreply@coned.com", c.email(), mail)).startsWith("250");
        }
        assertThat(store.codes(c.id())).extracting(Code::code).containsExactly("734001");
    }

    @Test
    void theSameMessageSentTwiceIsStoredOnce() throws Exception {
        Connection c = connection("coned");
        String mail = Mails.codeMail("noreply@coned.com", c.email(), "909090");
        try (SmtpConversation smtp = new SmtpConversation(port)) {
            smtp.send("EHLO client.test").expect("250");
            assertThat(smtp.mail("noreply@coned.com", c.email(), mail)).startsWith("250");
            assertThat(smtp.mail("noreply@coned.com", c.email(), mail)).startsWith("250");
        }
        assertThat(store.codes(c.id())).hasSize(1);
    }

    @Test
    void oneTransactionToTwoConnectionsGivesEachItsOwnCopy() throws Exception {
        Connection first = connection("coned");
        Connection second = connection("coned");
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("noreply@coned.com"));
        message.setRecipients(Message.RecipientType.TO, new InternetAddress[] {
                new InternetAddress(first.email()), new InternetAddress(second.email())});
        message.setSubject("Your verification code");
        message.setText("Your verification code is 314159.");
        Transport.send(message);

        assertThat(store.codes(first.id())).extracting(Code::code).containsExactly("314159");
        assertThat(store.codes(second.id())).extracting(Code::code).containsExactly("314159");
        List<Code> both = List.of(store.codes(first.id()).get(0), store.codes(second.id()).get(0));
        assertThat(both).extracting(Code::messageId).doesNotHaveDuplicates();
    }
}
