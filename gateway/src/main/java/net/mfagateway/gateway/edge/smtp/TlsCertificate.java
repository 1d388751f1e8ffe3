package net.mfagateway.gateway.edge.smtp;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import net.mfagateway.gateway.config.ConfigException;
import net.mfagateway.gateway.config.SmtpSettings;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate STARTTLS presents: the configured PEM pair ({@code MFA_GATEWAY_SMTP_TLS_CERT}
 * and {@code _KEY}), or else a self-signed one for {@code MAIL_DOMAIN}, generated once into
 * {@code DATA_DIR/smtp-tls.crt} and {@code smtp-tls.key} (mode 0600) and reused until it nears
 * expiry or the domain changes. Sending MTAs use opportunistic TLS and do not verify the
 * certificate, so a self-signed one still encrypts; it is meant for development all the same.
 * BouncyCastle reads the PEM keys and builds the certificate; the JDK's own providers do the
 * cryptography, so BouncyCastle is never registered as a provider.
 */
public final class TlsCertificate {

    private static final Logger log = LoggerFactory.getLogger(TlsCertificate.class);
    static final String CERT_FILE = "smtp-tls.crt";
    static final String KEY_FILE = "smtp-tls.key";
    private static final Duration VALIDITY = Duration.ofDays(825);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final char[] STORE_PASSWORD = new char[0];

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private TlsCertificate(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /** The configured pair, or the generated one; a wrong file is a {@link ConfigException} naming its setting. */
    public static TlsCertificate resolve(SmtpSettings settings, Path dataDir, String mailDomain, Clock clock)
            throws IOException {
        if (settings.tlsCert().isPresent()) {
            TlsCertificate configured = load(settings.tlsCert().get(), settings.tlsKey().orElseThrow());
            log.info("smtp.tls cert={} subject=\"{}\" not_after={}", settings.tlsCert().get(),
                    configured.leaf().getSubjectX500Principal().getName(), configured.leaf().getNotAfter().toInstant());
            return configured;
        }
        return selfSigned(dataDir, mailDomain, clock);
    }

    /** Reads a PEM certificate chain (server certificate first) and the PEM private key that belongs to it. */
    static TlsCertificate load(Path certFile, Path keyFile) throws IOException {
        String certSetting = "MFA_GATEWAY_SMTP_TLS_CERT=" + certFile;
        String keySetting = "MFA_GATEWAY_SMTP_TLS_KEY=" + keyFile;
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        for (Object o : pemObjects(certFile, certSetting)) {
            if (o instanceof X509CertificateHolder holder) {
                chain.add(certificate(holder, certSetting));
            }
        }
        if (chain.isEmpty()) {
            throw new ConfigException(certSetting + " holds no PEM certificate (-----BEGIN CERTIFICATE-----); point it"
                    + " at the certificate chain, server certificate first");
        }
        for (Object o : pemObjects(keyFile, keySetting)) {
            if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new ConfigException(keySetting + " is encrypted; store it unencrypted with mode 0600, e.g."
                        + " `openssl pkey -in KEY -out KEY.plain`");
            }
            PrivateKeyInfo info = o instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                    : o instanceof PrivateKeyInfo pkcs8 ? pkcs8 : null;
            if (info != null && key == null) {
                try {
                    key = new JcaPEMKeyConverter().getPrivateKey(info);
                } catch (IOException e) {
                    throw new ConfigException(keySetting + " holds a key this JDK cannot use (" + e.getMessage()
                            + "); use an RSA or EC key");
                }
            }
        }
        if (key == null) {
            throw new ConfigException(keySetting + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE"
                    + " KEY or EC PRIVATE KEY); point it at the key of " + certFile);
        }
        if (!matches(key, chain.get(0))) {
            throw new ConfigException(keySetting + " is not the key of the first certificate in " + certSetting
                    + "; give the pair that belongs together");
        }
        return new TlsCertificate(key, chain);
    }

    /** The generated pair in {@code dataDir}, made (again) when missing, unreadable, for another domain or expiring. */
    static TlsCertificate selfSigned(Path dataDir, String domain, Clock clock) throws IOException {
        Path certFile = dataDir.resolve(CERT_FILE);
        Path keyFile = dataDir.resolve(KEY_FILE);
        Instant now = clock.instant();
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            try {
                TlsCertificate existing = load(certFile, keyFile);
                if (existing.leaf().getSubjectX500Principal().getName().equals("CN=" + domain)
                        && existing.leaf().getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
                    return existing;
                }
            } catch (ConfigException e) {
                log.warn("smtp.tls_regenerated cert={} reason=\"{}\"", certFile, e.getMessage());
            }
        }
        TlsCertificate made = generate(domain, now);
        Files.createDirectories(dataDir);
        writeAtomically(keyFile, pem(new JcaPKCS8Generator(made.key, null)));
        writeAtomically(certFile, pem(made.leaf()));
        log.info("smtp.tls_generated cert={} key={} subject=\"CN={}\" not_after={}", certFile, keyFile, domain,
                made.leaf().getNotAfter().toInstant());
        return made;
    }

    /** A self-signed EC P-256 certificate for {@code domain}: fast to make, and every current TLS stack takes it. */
    static TlsCertificate generate(String domain, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return issue(generator.generateKeyPair(), domain, now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key pair", e);
        }
    }

    /** A self-signed server certificate for {@code domain} over an RSA or EC key pair. */
    static TlsCertificate issue(KeyPair pair, String domain, Instant now) {
        try {
            X500Name name = new X500Name("CN=" + domain);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, domain)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            boolean rsa = pair.getPrivate().getAlgorithm().equals("RSA");
            // RSA key exchange (TLS 1.2 without ECDHE) encrypts to the key; EC keys only sign.
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(rsa ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            String algorithm = rsa ? "SHA256withRSA" : "SHA256withECDSA";
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(algorithm).build(pair.getPrivate()));
            return new TlsCertificate(pair.getPrivate(),
                    List.of(new JcaX509CertificateConverter().getCertificate(holder)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    /** A server-side TLS context presenting this certificate. */
    public SSLContext sslContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("smtp", key, STORE_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS context", e);
        }
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    PrivateKey key() {
        return key;
    }

    private static List<Object> pemObjects(Path file, String setting) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(setting + " cannot be read as PEM (" + e.getMessage() + "); point it at a PEM"
                    + " file");
        }
        return objects;
    }

    private static X509Certificate certificate(X509CertificateHolder holder, String setting) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(setting + " holds a certificate the JDK rejects (" + e.getMessage() + ")");
        }
    }

    /** True when {@code key} signs what the certificate's public key verifies. */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            throw new ConfigException("MFA_GATEWAY_SMTP_TLS_KEY is a " + key.getAlgorithm() + " key; use an RSA or EC"
                    + " key");
        }
        try {
            byte[] probe = "mfa-gateway STARTTLS key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PemObjectGenerator generator) {
                writer.writeObject(generator);
            } else {
                writer.writeObject(object);
            }
        }
        return out.toString();
    }

    /**
     * Writes through a temporary file and a rename, so a crash leaves the old file or the new one.
     * The temporary file, and so the result, is readable by the owner only (0600).
     */
    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            writer.write(text);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
