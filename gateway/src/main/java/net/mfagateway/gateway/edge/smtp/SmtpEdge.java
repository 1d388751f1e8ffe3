package net.mfagateway.gateway.edge.smtp;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.mfagateway.gateway.intake.Intake;
import net.mfagateway.gateway.store.Store;
import org.subethamail.smtp.server.SMTPServer;

/** The SMTP listener: subethasmtp with our handler, limits and host name. */
public final class SmtpEdge implements AutoCloseable {

    private final SMTPServer server;

    public SmtpEdge(String bind, int port, String mailDomain, long maxBytes, Store store, Intake intake,
            MeterRegistry metrics) throws UnknownHostException {
        Recipients recipients = new Recipients(store, mailDomain);
        // Registered at zero, so rate() and alert expressions see the series before the first mail.
        metrics.counter("mfa.gateway.smtp.messages", "result", "accepted");
        metrics.counter("mfa.gateway.smtp.messages", "result", "store_failed");
        this.server = SMTPServer.port(port)
                .bindAddress(InetAddress.getByName(bind))
                .hostName(mailDomain)
                .softwareName("mfa-gateway")
                // Advertises SIZE and refuses MAIL FROM ... SIZE= above it; the body is capped in the handler.
                .maxMessageSize((int) Math.min(maxBytes, Integer.MAX_VALUE))
                .maxRecipients(100)
                .connectionTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                .messageHandlerFactory(ctx -> new SmtpHandler(ctx, recipients, intake, maxBytes, metrics))
                .build();
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
    }
}
