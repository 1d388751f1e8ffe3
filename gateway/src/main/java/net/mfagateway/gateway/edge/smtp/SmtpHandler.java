package net.mfagateway.gateway.edge.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.mfagateway.gateway.intake.Inbound;
import net.mfagateway.gateway.intake.Intake;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.Session;

/**
 * One SMTP transaction, adapted for {@link Intake}. subethasmtp calls {@code from}, then
 * {@code recipient} per RCPT, then {@code data}, then {@code done}, on the session's thread.
 * This class decides nothing about codes; it only routes, limits and answers.
 */
final class SmtpHandler implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(SmtpHandler.class);
    private static final long COMMIT_TIMEOUT_SECONDS = 30;

    /** What every transaction of the listener shares. */
    record Limits(Recipients recipients, Intake intake, long maxBytes, int maxRecipients, int maxLineBytes,
            MessageRate rate, Outcomes outcomes) {
    }

    private final Session session;
    private final SessionWatch watch;
    private final Limits limits;
    private final List<Connection> connections = new ArrayList<>();
    private int accepted;
    private String from = "";

    SmtpHandler(Session session, SessionWatch watch, Limits limits) {
        this.session = session;
        this.watch = watch;
        this.limits = limits;
    }

    @Override
    public void from(String from) {
        this.from = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws Refusal {
        if (accepted >= limits.maxRecipients()) {
            throw refuse(Refusal.tooManyRecipients(limits.maxRecipients()));
        }
        if (recipient == null || recipient.isBlank()) {
            throw refuse(Refusal.badRecipient(String.valueOf(recipient)));
        }
        Optional<Connection> found;
        try {
            found = limits.recipients().resolve(recipient);
        } catch (StoreException e) {
            log.warn("smtp.recipient_lookup_failed reason=\"{}\" action=451_sender_retries", e.getMessage());
            throw refuse(Refusal.lookupUnavailable(recipient));
        }
        Connection connection = found.orElseThrow(() -> refuse(Refusal.unknownRecipient(recipient)));
        if (!limits.rate().allows(connection.id())) {
            throw refuse(Refusal.rateLimited(recipient));
        }
        if (connections.stream().noneMatch(c -> c.id().equals(connection.id()))) {
            connections.add(connection);
        }
        accepted++;
    }

    @Override
    public String data(InputStream data) throws Refusal, IOException {
        long start = System.nanoTime();
        watch.messageStarting();
        byte[] raw;
        try {
            // DATA ends at a dot line, so a bare LF or CR may fake an end to a relay in front of
            // us; BDAT is counted in bytes, where it cannot end anything early.
            boolean strictNewlines = !watch.verb().equals("BDAT");
            raw = MessageBody.read(data, limits.maxBytes(), limits.maxLineBytes(), strictNewlines,
                    watch::dataArrived);
        } catch (Refusal refusal) {
            throw endTransaction(refusal);
        } catch (IOException e) {
            if (!watch.ended()) {
                // The client went away mid-message: nothing is kept. Quitting first spares a log
                // WARN with a stack trace, and a 421 to nobody, from subethasmtp.
                log.info("smtp.aborted from={} reason=\"{}\"", from, e.toString());
                session.quit();
            }
            throw e;
        } finally {
            watch.messageReceived();
        }
        if (watch.ended()) {
            // A timeout cut the message short (BDAT then looks like an early end): keep nothing,
            // and let the session end with the timeout's 421.
            throw new EOFException("session timed out while the message was arriving");
        }
        List<Intake.Stored> stored;
        try {
            stored = limits.intake().accept(new Inbound.Mail(connections, from, raw))
                    .get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw endTransaction(Refusal.storeUnavailable());
        } catch (ExecutionException | TimeoutException e) {
            log.warn("smtp.store_failed from={} rcpts={} reason={}", from, connections.size(),
                    e instanceof ExecutionException ? e.getCause().toString() : "commit timed out");
            throw endTransaction(Refusal.storeUnavailable());
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        for (Intake.Stored s : stored) {
            limits.rate().record(s.connectionId());
            log.info("smtp.accepted conn={} from={} bytes={} ms={} kind={} rule={} duplicate={}", s.connectionId(),
                    from, raw.length, ms, s.kind(), s.ruleId(), s.duplicate());
        }
        limits.outcomes().accepted();
        return null;
    }

    @Override
    public void done() {
    }

    /**
     * After a refused DATA the transaction is over (RFC 5321 4.1.1.4); subethasmtp leaves it
     * open, so a client's next MAIL would be refused as nested. End it here.
     */
    private Refusal endTransaction(Refusal refusal) {
        session.resetMailTransaction();
        return refuse(refusal);
    }

    private Refusal refuse(Refusal refusal) {
        return limits.outcomes().refused(refusal, from);
    }
}
