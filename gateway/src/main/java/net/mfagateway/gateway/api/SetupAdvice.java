package net.mfagateway.gateway.api;

import java.util.List;
import java.util.Objects;

/**
 * What the hosted page tells an account owner about setting up their utility: the utility's name,
 * the ways to set it up (best first), and notes. The page is handed an implementation, so where
 * the advice comes from (the utility profiles: {@link ProfileSetupAdvice}) is not its business.
 */
public interface SetupAdvice {

    /** The advice for a utility id; never null (a generic one when the utility is unknown). */
    Advice forUtility(String utilityId);

    /** Steps may hold {@code {email}} and {@code {phone}}, which the page fills in with the connection's. */
    record Advice(String name, List<Option> options, List<String> notes) {
        public Advice {
            Objects.requireNonNull(name, "name");
            options = List.copyOf(options);
            notes = List.copyOf(notes);
        }
    }

    /** One way to set the utility up: a title and the steps, in order. */
    record Option(String title, List<String> steps) {
        public Option {
            Objects.requireNonNull(title, "title");
            steps = List.copyOf(steps);
        }
    }
}
