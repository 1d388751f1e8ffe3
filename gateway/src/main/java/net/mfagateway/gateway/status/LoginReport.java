package net.mfagateway.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a login attempt reported about a connection: from an in-service worker's portal driver,
 * or from an outside collector through the API. Closed: each case moves the status its own way.
 */
public sealed interface LoginReport {

    /** The wire name of the outcome, as the API and the events spell it. */
    String outcome();

    /** The portal asked for a second factor ({@code email}, {@code sms}, {@code security_question}). */
    record MfaRequired(String method) implements LoginReport {
        public String outcome() {
            return "mfa_required";
        }
    }

    /** Logged in. */
    record Connected() implements LoginReport {
        public String outcome() {
            return "connected";
        }
    }

    /** The portal sent a code at {@code askedAt} and none reached the gateway within {@code waited}. */
    record CodeTimedOut(Instant askedAt, Duration waited) implements LoginReport {
        public CodeTimedOut {
            Objects.requireNonNull(askedAt, "askedAt");
            Objects.requireNonNull(waited, "waited");
        }

        public String outcome() {
            return "code_timeout";
        }
    }

    /** The portal refused the code the gateway handed over. */
    record CodeRejected(String codeId) implements LoginReport {
        public String outcome() {
            return "code_rejected";
        }
    }

    /** The portal refused the stored answer to {@code question}. */
    record AnswerRejected(String question) implements LoginReport {
        public String outcome() {
            return "answer_rejected";
        }
    }

    /** The portal asked {@code question} and no stored answer matches it. */
    record NoAnswer(String question) implements LoginReport {
        public String outcome() {
            return "no_answer";
        }
    }

    /** Anything else that stopped the login, in a sentence (never a secret). */
    record Failed(String detail) implements LoginReport {
        public Failed {
            detail = detail == null ? "" : detail;
        }

        public String outcome() {
            return "failed";
        }
    }

    /** Whether this report ends a login attempt unsuccessfully. */
    default boolean isFailure() {
        return !(this instanceof MfaRequired || this instanceof Connected);
    }

    static String describe(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : (s / 60) + " min";
    }
}
