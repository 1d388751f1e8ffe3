package net.mfagateway.gateway.numbers;

import java.net.URI;

/**
 * Buys and releases the phone numbers texts reach the gateway on. Both calls block on the
 * network: never call them on a Netty event loop.
 */
public interface PhoneNumbers {

    /** Buys one SMS-capable number whose texts are POSTed to {@code smsWebhookUrl}. */
    Provisioned provision(URI smsWebhookUrl) throws ProvisioningException;

    /** Gives the number back; releasing one that is already gone is not an error. */
    void release(String numberSid) throws ProvisioningException;

    /** A bought number: E.164, and the provider's id for it. */
    record Provisioned(String phone, String sid) {
    }

    /** The provider refused or could not be reached; {@code noNumbers} when it simply had none to sell. */
    final class ProvisioningException extends Exception {
        private final boolean noNumbers;

        public ProvisioningException(String message, boolean noNumbers, Throwable cause) {
            super(message, cause);
            this.noNumbers = noNumbers;
        }

        public boolean noNumbers() {
            return noNumbers;
        }
    }
}
