package net.mfagateway.gateway.edge.smtp;

import org.subethamail.smtp.RejectException;

/**
 * An SMTP refusal: an answer, not a bug, so it carries no stack trace. The factories are the
 * one place where this edge chooses reply codes; 4xx means the sender should retry, 5xx not.
 */
final class Refusal extends RejectException {

    private final String result;

    private Refusal(int code, String message, String result) {
        super(code, message);
        this.result = result;
    }

    static Refusal unknownRecipient(String address) {
        return new Refusal(550, "5.1.1 <" + address + ">: Recipient address rejected: no such mailbox here",
                "unknown_recipient");
    }

    static Refusal badRecipient(String address) {
        return new Refusal(501, "5.1.3 <" + address + ">: Bad recipient address syntax", "bad_recipient");
    }

    static Refusal tooLarge(long limit) {
        return new Refusal(552, "5.3.4 Message size exceeds fixed limit of " + limit + " bytes", "too_large");
    }

    static Refusal storeUnavailable() {
        return new Refusal(451, "4.3.0 Temporary failure storing the message, try again later", "store_failed");
    }

    /** The value of the {@code result} tag of {@code mfa_gateway_smtp_messages_total}. */
    String result() {
        return result;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
