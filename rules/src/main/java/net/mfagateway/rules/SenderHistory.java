package net.mfagateway.rules;

/**
 * What the engine may know of past traffic: which senders a utility has used before. The gateway
 * backs it with its store; offline, {@link #NONE} leaves only the senders declared in rule files.
 * Implementations must be thread-safe.
 */
public interface SenderHistory {

    /** A history that knows nothing beyond the rule files. */
    SenderHistory NONE = (utility, sender) -> false;

    /**
     * True when {@code utility} has sent MFA messages from {@code sender} before: for mail a
     * lower-case address, for SMS the sender as it arrived (a number, short code or sender name).
     */
    boolean hasSent(String utility, String sender);
}
