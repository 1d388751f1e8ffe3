package net.mfagateway.gateway.edge.smtp;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.mfagateway.gateway.intake.Inbound;
import net.mfagateway.gateway.intake.Intake;
import net.mfagateway.gateway.store.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
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

    private final MessageContext context;
    private final Recipients recipients;
    private final Intake intake;
    private final long maxBytes;
    private final MeterRegistry metrics;
    private final List<Connection> connections = new ArrayList<>();
    private String from = "";

    SmtpHandler(MessageContext context, Recipients recipients, Intake intake, long maxBytes, MeterRegistry metrics) {
        this.context = context;
        this.recipients = recipients;
        this.intake = intake;
        this.maxBytes = maxBytes;
        this.metrics = metrics;
    }

    @Override
    public void from(String from) {
        this.from = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws Refusal {
        if (recipient == null || recipient.isBlank()) {
            throw refuse(Refusal.badRecipient(String.valueOf(recipient)));
        }
        Connection connection = recipients.resolve(recipient)
                .orElseThrow(() -> refuse(Refusal.unknownRecipient(recipient)));
        if (connections.stream().noneMatch(c -> c.id().equals(connection.id()))) {
            connections.add(connection);
        }
    }

    @Override
    public String data(InputStream data) throws Refusal, IOException {
        long start = System.nanoTime();
        byte[] raw = readAtMost(data, maxBytes);
        if (raw == null) {
            throw endTransaction(Refusal.tooLarge(maxBytes));
        }
        List<Intake.Stored> stored;
        try {
            stored = intake.accept(new Inbound.Mail(connections, from, raw))
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
            log.info("smtp.accepted conn={} from={} bytes={} ms={} kind={} rule={} duplicate={}", s.connectionId(),
                    from, raw.length, ms, s.kind(), s.ruleId(), s.duplicate());
        }
        metrics.counter("mfa.gateway.smtp.messages", "result", "accepted").increment();
        return null;
    }

    @Override
    public void done() {
    }

    /**
     * Reads the whole body if it fits in {@code limit} bytes. Otherwise drains the rest, so the
     * session stays in step with the client, and returns null.
     */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > limit) {
                while (in.read(buf) != -1) {
                    // drain to the end-of-data marker
                }
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * After a refused DATA the transaction is over (RFC 5321 4.1.1.4); subethasmtp leaves it
     * open, so a client's next MAIL would be refused as nested. End it here.
     */
    private Refusal endTransaction(Refusal refusal) {
        if (context instanceof Session session) {
            session.resetMailTransaction();
        }
        return refuse(refusal);
    }

    private Refusal refuse(Refusal refusal) {
        metrics.counter("mfa.gateway.smtp.messages", "result", refusal.result()).increment();
        log.info("smtp.refused result={} from={} reply=\"{}\"", refusal.result(), from, refusal.getErrorResponse());
        return refusal;
    }
}
