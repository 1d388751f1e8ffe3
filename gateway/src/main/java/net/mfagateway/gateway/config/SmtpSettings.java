package net.mfagateway.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP listener's protections: limits per message, per session and per client, the two
 * timeouts, the per-connection message rate, and the STARTTLS certificate (both PEM paths, or
 * neither for a self-signed one generated into the data dir).
 *
 * @param maxCommandsBeforeData commands a session may send without transferring a message (the
 *     count starts again after each DATA or BDAT that carried one); QUIT is not counted
 * @param maxLineBytes longest line of a message, without its CRLF
 */
public record SmtpSettings(int maxRecipients, int maxLineBytes, int maxCommandsBeforeData, Duration idleTimeout,
        Duration sessionTimeout, int maxSessions, int maxSessionsPerClient, int messagesPerConnectionPerMinute,
        Optional<Path> tlsCert, Optional<Path> tlsKey, boolean requireTls) {

    public static final SmtpSettings DEFAULTS = new SmtpSettings(50, 10_000, 100, Duration.ofSeconds(60),
            Duration.ofSeconds(600), 200, 20, 60, Optional.empty(), Optional.empty(), false);

    public SmtpSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(tlsCert, "tlsCert");
        Objects.requireNonNull(tlsKey, "tlsKey");
        if (tlsCert.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("tlsCert and tlsKey go together");
        }
    }
}
