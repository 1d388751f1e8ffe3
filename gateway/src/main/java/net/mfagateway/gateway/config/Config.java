package net.mfagateway.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's settings, built and checked once at start by {@link ConfigLoader}; immutable
 * after that. {@link #toString} masks secrets, so the whole config can be logged.
 */
public record Config(
        Path dataDir,
        int smtpPort,
        int httpPort,
        String bind,
        String mailDomain,
        Optional<String> adminToken,
        URI publicUrl,
        Optional<String> twilioAuthToken,
        Optional<TwilioAccount> twilioAccount,
        Optional<Path> rulesDir,
        Optional<String> secretKey,
        String store,
        long maxMessageBytes,
        long journalSnapshotBytes,
        WorkerSettings workers,
        Duration invitationTtl,
        Optional<Relay> relay,
        Retries retries,
        SmtpSettings smtp,
        Duration retention,
        Duration eventRetention,
        HttpSettings http) {

    public Config {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(mailDomain, "mailDomain");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(twilioAuthToken, "twilioAuthToken");
        Objects.requireNonNull(twilioAccount, "twilioAccount");
        Objects.requireNonNull(rulesDir, "rulesDir");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(invitationTtl, "invitationTtl");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(smtp, "smtp");
    }

    @Override
    public String toString() {
        return "dataDir=" + dataDir + " smtpPort=" + smtpPort + " httpPort=" + httpPort + " bind=" + bind
                + " mailDomain=" + mailDomain + " adminToken=" + masked(adminToken) + " publicUrl=" + publicUrl
                + " twilioAuthToken=" + masked(twilioAuthToken) + " twilioAccount="
                + twilioAccount.map(a -> "{" + a + "}").orElse("<unset>") + " rulesDir=" + rulesDir.map(Path::toString)
                .orElse("built-in") + " secretKey=" + masked(secretKey) + " store=" + storeForLog()
                + " maxMessageBytes=" + maxMessageBytes + " journalSnapshotBytes=" + journalSnapshotBytes
                + " workers=" + workers + " invitationTtl=" + invitationTtl
                + " relay=" + relay.map(r -> "{" + r + "}").orElse("<unset>") + " retries={first=" + retries.first()
                + " max=" + retries.max() + " giveUpAfter=" + retries.giveUpAfter() + "}"
                + " smtp=" + smtp + " retention=" + retention + " eventRetention=" + eventRetention + " http=" + http;
    }

    /** The store setting with any password masked: for logs and error messages. */
    public String storeForLog() {
        // A PostgreSQL URL may carry a password.
        return store.replaceAll("(?i)(password=)[^&]*", "$1<masked>").replaceAll("//([^:/@]+):[^@]*@", "//$1:<masked>@");
    }

    private static String masked(Optional<String> secret) {
        return secret.isPresent() ? "<masked>" : "<unset>";
    }
}
