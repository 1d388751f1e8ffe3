package net.mfagateway.gateway.edge.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.security.PrivateKey;
import net.mfagateway.gateway.config.ConfigException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The STARTTLS certificate: configured PEM pairs in the common key formats, and the generated one. */
class TlsCertificateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        return g.generateKeyPair();
    }

    private Path pem(String name, Object... objects) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                if (o instanceof PemObjectGenerator g) {
                    writer.writeObject(g);
                } else {
                    writer.writeObject(o);
                }
            }
        }
        return Files.writeString(dir.resolve(name), out.toString());
    }

    /**
     * The key as OpenSSL writes {@code EC PRIVATE KEY} (SEC1, RFC 5915), with the curve inside.
     * JcaPEMWriter leaves the curve out for a JDK key, which no reader can use.
     */
    private static PemObjectGenerator sec1(PrivateKey key, int orderBits) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        try {
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            ECPrivateKey withCurve = new ECPrivateKey(orderBits, inner.getKey(), inner.getPublicKey(),
                    info.getPrivateKeyAlgorithm().getParameters());
            PemObject pem = new PemObject("EC PRIVATE KEY", withCurve.getEncoded());
            return () -> pem;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsAPkcs1RsaKey() throws Exception {
        TlsCertificate made = TlsCertificate.issue(rsa(), "mx.example.net", NOW);
        // JcaPEMWriter writes a bare private key in the traditional form: -----BEGIN RSA PRIVATE KEY-----
        Path key = pem("rsa.key", made.key());
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        TlsCertificate loaded = TlsCertificate.load(pem("rsa.crt", made.leaf()), key);
        assertThat(loaded.leaf()).isEqualTo(made.leaf());
        assertThat(loaded.sslContext()).isNotNull();
    }

    @Test
    void readsASec1EcKeyAndAPkcs8One() throws Exception {
        TlsCertificate made = TlsCertificate.issue(ec(), "mx.example.net", NOW);
        Path cert = pem("ec.crt", made.leaf());
        Path sec1 = pem("ec-sec1.key", sec1(made.key(), 384));
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        Path pkcs8 = pem("ec-pkcs8.key", new JcaPKCS8Generator(made.key(), null));
        assertThat(Files.readString(pkcs8)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(TlsCertificate.load(cert, sec1).leaf()).isEqualTo(made.leaf());
        assertThat(TlsCertificate.load(cert, pkcs8).leaf()).isEqualTo(made.leaf());
    }

    @Test
    void readsAChainAndAKeyFileThatAlsoHoldsTheCertificate() throws Exception {
        TlsCertificate leaf = TlsCertificate.issue(ec(), "mx.example.net", NOW);
        TlsCertificate other = TlsCertificate.issue(ec(), "ca.example.net", NOW);
        Path cert = pem("chain.crt", leaf.leaf(), other.leaf());
        Path combined = pem("combined.pem", leaf.leaf(), new JcaPKCS8Generator(leaf.key(), null));
        assertThat(TlsCertificate.load(cert, combined).leaf()).isEqualTo(leaf.leaf());
    }

    @Test
    void aKeyOfAnotherCertificateNamesTheSettingAndTheFix() throws Exception {
        Path cert = pem("a.crt", TlsCertificate.issue(ec(), "mx.example.net", NOW).leaf());
        Path key = pem("b.key", new JcaPKCS8Generator(TlsCertificate.issue(ec(), "mx.example.net", NOW).key(), null));
        assertThatThrownBy(() -> TlsCertificate.load(cert, key))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_SMTP_TLS_KEY=" + key)
                .hasMessageContaining("is not the key of the first certificate");
    }

    @Test
    void filesWithoutWhatTheyShouldHoldNameTheirSetting() throws Exception {
        TlsCertificate made = TlsCertificate.issue(ec(), "mx.example.net", NOW);
        Path cert = pem("ok.crt", made.leaf());
        Path key = pem("ok.key", new JcaPKCS8Generator(made.key(), null));
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not pem at all\n");
        assertThatThrownBy(() -> TlsCertificate.load(garbage, key))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MFA_GATEWAY_SMTP_TLS_CERT=");
        assertThatThrownBy(() -> TlsCertificate.load(cert, cert))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MFA_GATEWAY_SMTP_TLS_KEY=")
                .hasMessageContaining("holds no PEM private key");
    }

    @Test
    void theGeneratedCertificateIsRenewedWhenItNearsExpiryOrTheDomainChanges() throws Exception {
        Clock now = Clock.fixed(NOW, ZoneOffset.UTC);
        TlsCertificate first = TlsCertificate.selfSigned(dir, "mfa.example.net", now);
        assertThat(first.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=mfa.example.net");
        assertThat(TlsCertificate.selfSigned(dir, "mfa.example.net", now).leaf()).isEqualTo(first.leaf());
        TlsCertificate otherDomain = TlsCertificate.selfSigned(dir, "mx.example.org", now);
        assertThat(otherDomain.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=mx.example.org");
        Instant nearExpiry = otherDomain.leaf().getNotAfter().toInstant().minus(Duration.ofDays(10));
        TlsCertificate renewed = TlsCertificate.selfSigned(dir, "mx.example.org", Clock.fixed(nearExpiry,
                ZoneOffset.UTC));
        assertThat(renewed.leaf()).isNotEqualTo(otherDomain.leaf());
    }

    @Test
    void aDamagedGeneratedPairIsMadeAgain() throws Exception {
        Clock now = Clock.fixed(NOW, ZoneOffset.UTC);
        TlsCertificate.selfSigned(dir, "mfa.example.net", now);
        Files.writeString(dir.resolve(TlsCertificate.KEY_FILE), "truncated");
        TlsCertificate again = TlsCertificate.selfSigned(dir, "mfa.example.net", now);
        assertThat(TlsCertificate.load(dir.resolve(TlsCertificate.CERT_FILE), dir.resolve(TlsCertificate.KEY_FILE))
                .leaf()).isEqualTo(again.leaf());
    }
}
