package net.mfagateway.rules;

import java.util.List;
import java.util.Objects;

/**
 * What the rule engine found in one message. A closed set: switch over it without a default so
 * a new variant breaks the build wherever it must be handled.
 */
public sealed interface Extraction {

    /** The wire name of this outcome: {@code code|link|forwarding_confirmation|forwarding_blocked|none}. */
    String kind();

    /** The id of the rule that decided, or {@code null} for {@link NoCode}. */
    String ruleId();

    /** How sure the engine is, 0.0 to 1.0. */
    double confidence();

    /** A one-time login code, normalised as a person would type it. */
    record CodeFound(String code, String utility, String ruleId, double confidence, SenderStatus senderStatus)
            implements Extraction {
        public CodeFound {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(senderStatus, "senderStatus");
        }

        @Override
        public String kind() {
            return "code";
        }
    }

    /** A verification link to open instead of a code. */
    record LinkFound(String link, String utility, String ruleId, double confidence, SenderStatus senderStatus)
            implements Extraction {
        public LinkFound {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(senderStatus, "senderStatus");
        }

        @Override
        public String kind() {
            return "link";
        }
    }

    /** Gmail's forwarding confirmation: a 9-digit code and a link; not a login code. */
    record ForwardingConfirmation(String code, String link, String ruleId, double confidence) implements Extraction {
        public ForwardingConfirmation {
            Objects.requireNonNull(ruleId, "ruleId");
        }

        @Override
        public String kind() {
            return "forwarding_confirmation";
        }
    }

    /** A Microsoft 365 / Exchange report that external forwarding is not allowed. */
    record ForwardingBlocked(String detail, String ruleId, double confidence) implements Extraction {
        public ForwardingBlocked {
            Objects.requireNonNull(ruleId, "ruleId");
        }

        @Override
        public String kind() {
            return "forwarding_blocked";
        }
    }

    /** Nothing to deliver, with the reasons a person can read. */
    record NoCode(List<String> reasons) implements Extraction {
        public NoCode {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String kind() {
            return "none";
        }

        @Override
        public String ruleId() {
            return null;
        }

        @Override
        public double confidence() {
            return 0.0;
        }
    }
}
