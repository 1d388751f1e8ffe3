package net.mfagateway.gateway.edge.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import net.mfagateway.gateway.support.SmtpConversation;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS on a whole gateway with the self-signed certificate it generates into its data dir. */
class StartTlsTest {

    @TempDir
    Path dir;
    private TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private SSLContext trustingTheGatewaysCertificate() throws Exception {
        return SmtpConversation.trusting(dir.resolve(TlsCertificate.CERT_FILE));
    }

    @Test
    void ehloAdvertisesStartTlsAndTheGeneratedKeyIsOwnerOnly() throws Exception {
        gw = TestGateway.start(dir);
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            assertThat(smtp.send("EHLO client.test").expect("250")).contains("250-STARTTLS");
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve(TlsCertificate.KEY_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve(TlsCertificate.CERT_FILE))).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void theGeneratedCertificateIsKeptAcrossRestarts() throws Exception {
        gw = TestGateway.start(dir);
        String first = Files.readString(dir.resolve(TlsCertificate.CERT_FILE));
        gw.close();
        gw = TestGateway.start(dir);
        assertThat(Files.readString(dir.resolve(TlsCertificate.CERT_FILE))).isEqualTo(first);
    }

    @Test
    void aConfiguredCertificateAndKeyAreWhatStartTlsPresents(@TempDir Path pki) throws Exception {
        TlsCertificate configured = TlsCertificate.generate("mx.example.net", Instant.now());
        Path cert = pki.resolve("mx.crt");
        Path key = pki.resolve("mx.key");
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(cert))) {
            w.writeObject(configured.leaf());
        }
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(key))) {
            w.writeObject(new JcaPKCS8Generator(configured.key(), null));
        }
        gw = TestGateway.start(dir, Map.of("MFA_GATEWAY_SMTP_TLS_CERT", cert.toString(),
                "MFA_GATEWAY_SMTP_TLS_KEY", key.toString()));
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            smtp.send("STARTTLS").expect("220");
            smtp.upgrade(SmtpConversation.trusting(cert));
            assertThat(smtp.peerCertificate()).isEqualTo(configured.leaf());
            smtp.send("EHLO client.test").expect("250");
        }
        assertThat(dir.resolve(TlsCertificate.CERT_FILE)).doesNotExist();
    }

    @Test
    void commandsPipelinedBehindStartTlsAreDiscardedNotRunInsideTls() throws Exception {
        gw = TestGateway.start(dir);
        JsonNode c = gw.createConnection("coned");
        String email = c.get("email").asText();
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            // CVE-2011-0411: plaintext injected after STARTTLS in the same packet.
            smtp.sendRaw(("STARTTLS\r\nMAIL FROM:<attacker@evil.test>\r\nRCPT TO:<" + email + ">\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            smtp.expect("220");
            smtp.upgrade(trustingTheGatewaysCertificate());
            // Had the injected MAIL and RCPT run inside TLS, their two 250s would come first.
            smtp.send("RCPT TO:<" + email + ">").expect("503 5.5.1");
            smtp.send("EHLO client.test").expect("250-mfa.localhost");
            smtp.send("DATA").expect("503");
        }
        assertThat(TestGateway.json(gw.get("/v1/connections/" + c.get("id").asText() + "/events")).get("events"))
                .isEmpty();
        assertThat(gw.get("/metrics").body()).contains("mfa_gateway_smtp_tls_handshakes_total{result=\"ok\"} 1.0");
    }

    @Test
    void jakartaMailDeliversACodeOverStartTls() throws Exception {
        gw = TestGateway.start(dir);
        JsonNode c = gw.createConnection("coned");
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(gw.smtpPort()));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.socketFactory", trustingTheGatewaysCertificate().getSocketFactory());
        // The certificate names MAIL_DOMAIN, not 127.0.0.1; trust comes from pinning it above.
        props.put("mail.smtp.ssl.checkserveridentity", "false");
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("noreply@coned.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(c.get("email").asText()));
        message.setSubject("Your verification code");
        message.setText("Your verification code is 271828.");
        Transport.send(message);

        JsonNode code = TestGateway.json(gw.get("/v1/connections/" + c.get("id").asText()
                + "/codes/next?after=2000-01-01T00:00:00Z&wait=1"));
        assertThat(code.get("code").asText()).isEqualTo("271828");
    }

    @Test
    void whenTlsIsRequiredMailBeforeStartTlsGets530() throws Exception {
        gw = TestGateway.start(dir, Map.of("MFA_GATEWAY_SMTP_REQUIRE_TLS", "true"));
        JsonNode c = gw.createConnection("coned");
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            smtp.send("MAIL FROM:<noreply@coned.com>").expect("530 5.7.0");
            smtp.send("STARTTLS").expect("220");
            smtp.upgrade(trustingTheGatewaysCertificate());
            smtp.send("EHLO client.test").expect("250");
            smtp.send("MAIL FROM:<noreply@coned.com>").expect("250");
            smtp.send("RCPT TO:<" + c.get("email").asText() + ">").expect("250");
        }
        assertThat(gw.get("/metrics").body()).contains("mfa_gateway_smtp_messages_total{result=\"tls_required\"} 1.0");
    }

    @Test
    void aFailedHandshakeClosesTheSession() throws Exception {
        gw = TestGateway.start(dir);
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            smtp.send("STARTTLS").expect("220");
            smtp.sendRaw("this is not a TLS ClientHello\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(smtp.closedByServer()).isTrue();
        }
        assertThat(gw.get("/metrics").body()).contains("mfa_gateway_smtp_tls_handshakes_total{result=\"failed\"} 1.0");
    }
}
