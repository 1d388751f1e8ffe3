package net.mfagateway.gateway.edge.smtp;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import net.mfagateway.gateway.config.SmtpSettings;
import net.mfagateway.gateway.intake.Intake;
import net.mfagateway.gateway.store.Store;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * The SMTP listener: subethasmtp with our handler, session limits, command watch and STARTTLS.
 * Every protection answers through {@link Refusal}; see the README's "SMTP hardening".
 */
public final class SmtpEdge implements AutoCloseable {

    /**
     * subethasmtp's own connection cap sits this far above ours, so the sessions over our limit
     * are still greeted with our 421 (and counted) while its cap bounds the threads regardless.
     */
    private static final int CONNECTION_HEADROOM = 20;
    /** subethasmtp's socket read timeout: only a backstop behind {@link Sessions}' idle clock. */
    private static final int BACKSTOP_MILLIS = 5_000;

    private final SMTPServer server;
    private final Sessions sessions;

    /** {@code tls} empty: no STARTTLS (tests of other things); the gateway always passes one. */
    public SmtpEdge(String bind, int port, String mailDomain, long maxBytes, SmtpSettings settings,
            Optional<SSLContext> tls, Store store, Intake intake, MeterRegistry metrics) throws UnknownHostException {
        if (settings.requireTls() && tls.isEmpty()) {
            throw new IllegalArgumentException("requireTls needs a TLS context");
        }
        Outcomes outcomes = new Outcomes(metrics);
        this.sessions = new Sessions(settings.maxSessions(), settings.maxSessionsPerClient(), settings.idleTimeout(),
                settings.sessionTimeout(), settings.maxCommandsBeforeData(), outcomes, metrics);
        SmtpHandler.Limits limits = new SmtpHandler.Limits(new Recipients(store, mailDomain), intake, maxBytes,
                settings.maxRecipients(), settings.maxLineBytes(),
                new MessageRate(settings.messagesPerConnectionPerMinute(), System::nanoTime), outcomes);
        SMTPServer.Builder builder = SMTPServer.port(port)
                .bindAddress(InetAddress.getByName(bind))
                .hostName(mailDomain)
                .softwareName("mfa-gateway")
                // Advertises SIZE and refuses MAIL FROM ... SIZE= above it; the body is capped in the handler.
                .maxMessageSize((int) Math.min(maxBytes, Integer.MAX_VALUE))
                // The handler counts recipients, so the refusal has our code and metric.
                .maxRecipients(-1)
                .maxConnections(settings.maxSessions() + CONNECTION_HEADROOM)
                .connectionTimeoutMs((int) Math.min(Integer.MAX_VALUE,
                        settings.idleTimeout().toMillis() + BACKSTOP_MILLIS))
                .sessionHandler(sessions)
                .messageHandlerFactory(context -> {
                    Session session = (Session) context;
                    return new SmtpHandler(session, sessions.watch(session), limits);
                });
        tls.ifPresent(context -> builder.enableTLS().startTlsSocketFactory(socket -> upgrade(context, socket)));
        this.server = builder.build();
        CommandHandler commands = server.getCommandHandler();
        for (String verb : List.copyOf(commands.getVerbs())) {
            commands.addCommand(new WatchedCommand(commands.getCommand(verb), sessions, outcomes, tls.isPresent(),
                    settings.requireTls()));
        }
    }

    /**
     * The server side of STARTTLS over the plain socket, with the JDK's default protocols (TLS 1.2
     * and 1.3) and cipher suites; subethasmtp's own factory would enable every supported one and
     * look up the client's host name.
     */
    private static SSLSocket upgrade(SSLContext context, Socket socket) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(false);
        return tls;
    }

    /** Binds and starts accepting; returns the port actually bound. */
    public int start() {
        server.start();
        return server.getPortAllocated();
    }

    public boolean running() {
        return server.isRunning();
    }

    @Override
    public void close() {
        server.stop();
        sessions.close();
    }
}
