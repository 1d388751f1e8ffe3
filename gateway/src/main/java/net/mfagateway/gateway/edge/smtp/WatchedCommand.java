package net.mfagateway.gateway.edge.smtp;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * One of subethasmtp's commands, run under its session's {@link SessionWatch}: counted, refused
 * once the session has timed out, held to STARTTLS first when TLS is required, and after a
 * failed STARTTLS handshake the session is closed (its socket is in no state to go on).
 * subethasmtp offers no public hook per command, so this wraps the entries of its (internal)
 * command table; unknown verbs never reach a command and are bounded by the session timeout.
 */
final class WatchedCommand implements Command {

    /** What {@code MFA_GATEWAY_SMTP_REQUIRE_TLS} holds back until STARTTLS. */
    private static final Set<String> NEED_TLS = Set.of("MAIL", "RCPT", "DATA", "BDAT");

    private final Command wrapped;
    private final Sessions sessions;
    private final Outcomes outcomes;
    private final boolean tlsEnabled;
    private final boolean requireTls;

    WatchedCommand(Command wrapped, Sessions sessions, Outcomes outcomes, boolean tlsEnabled, boolean requireTls) {
        this.wrapped = wrapped;
        this.sessions = sessions;
        this.outcomes = outcomes;
        this.tlsEnabled = tlsEnabled;
        this.requireTls = requireTls;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        SessionWatch watch = sessions.watch(session);
        if (watch == null) {
            // Not admitted, so never greeted: subethasmtp closes it without reading commands.
            throw new IllegalStateException("command on a session that was not admitted");
        }
        String verb = getName();
        watch.commandStarting(verb);
        try {
            if (requireTls && !session.isTLSStarted() && NEED_TLS.contains(verb)) {
                session.sendResponse(outcomes.refused(Refusal.tlsRequired(), "").getErrorResponse());
                return;
            }
            boolean handshake = tlsEnabled && verb.equals("STARTTLS") && !session.isTLSStarted()
                    && line.trim().toUpperCase(Locale.ROOT).equals("STARTTLS");
            wrapped.execute(line, session);
            if (handshake) {
                // subethasmtp logs a failed handshake and carries on reading the half-upgraded socket.
                outcomes.handshake(session.isTLSStarted() ? "ok" : "failed", watch.client());
                if (!session.isTLSStarted()) {
                    session.quit();
                }
            }
        } finally {
            watch.commandFinished();
        }
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
        return wrapped.getHelp();
    }

    @Override
    public String getName() {
        return wrapped.getName();
    }
}
