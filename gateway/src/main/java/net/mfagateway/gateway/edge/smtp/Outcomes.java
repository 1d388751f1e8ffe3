package net.mfagateway.gateway.edge.smtp;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs what this edge answered: one metric and one log line per outcome. Message
 * outcomes go to {@code mfa_gateway_smtp_messages_total{result}}, session refusals to
 * {@code mfa_gateway_smtp_session_refusals_total{reason}}. Never a message body or a code.
 */
final class Outcomes {

    private static final Logger log = LoggerFactory.getLogger(SmtpEdge.class);

    private final MeterRegistry metrics;

    Outcomes(MeterRegistry metrics) {
        this.metrics = metrics;
        // Registered at zero, so rate() and alert expressions see the series before the first mail.
        metrics.counter("mfa.gateway.smtp.messages", "result", "accepted");
        metrics.counter("mfa.gateway.smtp.messages", "result", "store_failed");
    }

    void accepted() {
        metrics.counter("mfa.gateway.smtp.messages", "result", "accepted").increment();
    }

    /** A command or message refused; returns the refusal so callers can {@code throw outcomes.refused(...)}. */
    Refusal refused(Refusal refusal, String from) {
        metrics.counter("mfa.gateway.smtp.messages", "result", refusal.result()).increment();
        log.info("smtp.refused result={} from={} reply=\"{}\"", refusal.result(), from, refusal.getErrorResponse());
        return refusal;
    }

    /** A session refused before its greeting, or ended with a 421. */
    void sessionRefused(Refusal refusal, InetAddress client) {
        metrics.counter("mfa.gateway.smtp.session.refusals", "reason", refusal.result()).increment();
        log.info("smtp.session_refused reason={} client={} reply=\"{}\"", refusal.result(), client.getHostAddress(),
                refusal.getErrorResponse());
    }

    /** A STARTTLS handshake: {@code ok} or {@code failed} (the session is then closed). */
    void handshake(String result, InetAddress client) {
        metrics.counter("mfa.gateway.smtp.tls.handshakes", "result", result).increment();
        if (!result.equals("ok")) {
            log.info("smtp.tls_failed client={}", client.getHostAddress());
        }
    }
}
