package net.mfagateway.gateway.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The Twilio account numbers are bought from: the account SID and an API key with its secret
 * (never the account's auth token). {@code apiBase}, when set, replaces Twilio's
 * {@code https://api.twilio.com} (tests point it at a fake). {@link #toString} masks the secret.
 */
public record TwilioAccount(String accountSid, String apiKey, String apiSecret, Optional<URI> apiBase) {

    public TwilioAccount {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiSecret, "apiSecret");
        Objects.requireNonNull(apiBase, "apiBase");
    }

    @Override
    public String toString() {
        return "accountSid=" + accountSid + " apiKey=" + apiKey + " apiSecret=<masked> apiBase="
                + apiBase.map(URI::toString).orElse("twilio");
    }
}
