package net.mfagateway.gateway.store;

/** A write could not be made durable. Temporary from a sender's point of view: retry later. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
