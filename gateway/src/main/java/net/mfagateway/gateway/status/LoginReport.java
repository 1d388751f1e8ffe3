package net.mfagateway.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

    /** Whether the portal asked for a second factor on a login that got past the password. */
    enum Mfa {
        /** It did: a code was mailed or texted, or a question asked. */
        REQUIRED,
        /** It did not: a remembered device, or a portal without MFA for this account. */
        SKIPPED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Logged in, with or without a second factor. */
    record Connected(Mfa mfa) implements LoginReport {
        public Connected {
            Objects.requireNonNull(mfa, "mfa");
        }

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

    /**
     * The portal refused the user name or password. {@code passwordStored} says whether the worker
     * had a stored password to give (false: none is set).
     */
    record PasswordIncorrect(boolean passwordStored) implements LoginReport {
        public String outcome() {
            return "password_incorrect";
        }
    }

    /** The password was right, but the portal wants it changed before it lets anyone in. */
    record NewPasswordNeeded() implements LoginReport {
        public String outcome() {
            return "new_password_needed";
        }
    }

    /**
     * The portal did not answer, or answered that it is down (HTTP 5xx, maintenance page): nothing
     * is wrong with the connection. {@code detail} says what was seen (never a secret).
     */
    record WebsiteDown(String detail) implements LoginReport {
        public WebsiteDown {
            detail = detail == null ? "" : detail;
        }

        public String outcome() {
            return "website_down";
        }
    }

    /**
     * The portal offered these ways to send the second factor and none reaches the gateway for this
     * connection (another address, another number, a question without stored answers), so nothing
     * was sent.
     */
    record MfaUnreachable(List<String> offered) implements LoginReport {
        public MfaUnreachable {
            offered = List.copyOf(offered);
        }

        public String outcome() {
            return "mfa_unreachable";
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
