package net.mfagateway.gateway.edge.smtp;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SessionHandler.SessionAcceptance;

/**
 * An SMTP refusal: an answer, not a bug, so it carries no stack trace. The factories are the
 * one place where this edge chooses reply codes; 4xx means the sender should retry, 5xx not.
 * A refusal of one command or message is thrown as is; one that ends the session is sent as a
 * {@link #drop()} from a command, or as a {@link #sessionRefused()} before the greeting.
 */
final class Refusal extends RejectException {

    private final String result;

    private Refusal(int code, String message, String result) {
        super(code, message);
        this.result = result;
    }

    // ---- one command or one message: counted in mfa_gateway_smtp_messages_total{result} ----

    static Refusal unknownRecipient(String address) {
        return new Refusal(550, "5.1.1 <" + address + ">: Recipient address rejected: no such mailbox here",
                "unknown_recipient");
    }

    static Refusal badRecipient(String address) {
        return new Refusal(501, "5.1.3 <" + address + ">: Bad recipient address syntax", "bad_recipient");
    }

    /** RFC 5321 4.5.3.1.10: 452, not 552, so the client sends the rest in another transaction. */
    static Refusal tooManyRecipients(int limit) {
        return new Refusal(452, "4.5.3 Too many recipients, at most " + limit + " per message", "too_many_recipients");
    }

    /** Temporary: the sender's queue retries later, when the connection's rate allows it again. */
    static Refusal rateLimited(String address) {
        return new Refusal(450, "4.7.1 <" + address + ">: too many messages for this address, try again later",
                "rate_limited");
    }

    static Refusal tooLarge(long limit) {
        return new Refusal(552, "5.3.4 Message size exceeds fixed limit of " + limit + " bytes", "too_large");
    }

    /**
     * A bare CR or LF anywhere in DATA, including the fake end markers {@code <LF>.<CR><LF>} and
     * {@code <CR><LF>.<LF>} of SMTP smuggling. Only {@code <CR><LF>.<CR><LF>} ends DATA here, so
     * the whole thing up to the real end is one message, refused whole. 550 rather than Postfix's
     * 521 (smtpd_forbid_bare_newline=reject): 521 says this host accepts no mail at all (RFC 7504),
     * and since client and server agree on where the message ended, the session can go on.
     */
    static Refusal bareNewline() {
        return new Refusal(550, "5.5.2 Message refused: bare CR or LF in DATA; lines must end with CRLF"
                + " (SMTP smuggling protection)", "bare_newline");
    }

    /** RFC 5321 4.5.3.1.10 gives "500 Line too long" as the answer. */
    static Refusal lineTooLong(int limit) {
        return new Refusal(500, "5.5.2 Line too long: a line of the message exceeds " + limit + " bytes",
                "line_too_long");
    }

    static Refusal tlsRequired() {
        return new Refusal(530, "5.7.0 Must issue a STARTTLS command first", "tls_required");
    }

    /** The recipient could not be looked up (the store unreachable for a moment): the sender retries. */
    static Refusal lookupUnavailable(String address) {
        return new Refusal(451, "4.3.0 <" + address + ">: cannot look up this mailbox now, try again later",
                "store_failed");
    }

    static Refusal storeUnavailable() {
        return new Refusal(451, "4.3.0 Temporary failure storing the message, try again later", "store_failed");
    }

    // ---- the whole session (421 then close): counted in mfa_gateway_smtp_session_refusals_total{reason} ----

    static Refusal tooManySessions() {
        return new Refusal(421, "4.3.2 Too many connections, try again later", "too_many_sessions");
    }

    static Refusal tooManySessionsFromClient() {
        return new Refusal(421, "4.7.0 Too many connections from your address, try again later",
                "too_many_sessions_per_client");
    }

    static Refusal idleTimeout() {
        return new Refusal(421, "4.4.2 Idle timeout, closing connection", "idle_timeout");
    }

    static Refusal sessionTimeout() {
        return new Refusal(421, "4.4.2 Session time limit reached, closing connection", "session_timeout");
    }

    static Refusal tooManyCommands() {
        return new Refusal(421, "4.7.0 Too many commands without a message, closing connection",
                "too_many_commands");
    }

    /** The value of the {@code result} (or {@code reason}) tag of the metric that counts it. */
    String result() {
        return result;
    }

    /** Thrown from a command: subethasmtp sends the reply, then closes the connection. */
    DropConnectionException drop() {
        return new DropConnectionException(getCode(), getMessage());
    }

    /** Returned from the session handler: sent instead of the greeting, then the connection is closed. */
    SessionAcceptance sessionRefused() {
        return SessionAcceptance.failure(getCode(), getMessage());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
