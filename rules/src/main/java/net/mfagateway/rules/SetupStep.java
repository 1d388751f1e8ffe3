package net.mfagateway.rules;

import java.util.List;
import java.util.Objects;

/**
 * One recommended set-up in a {@link UtilityProfile}'s ladder: its method, a title, and the steps
 * a person follows, in order. Titles and steps may say {@code {email}} (the connection's managed
 * address) and {@code {phone}} (its relay number); callers substitute them.
 */
public record SetupStep(String method, String title, List<String> steps) {

    /**
     * Every set-up method, in the order of the general ladder, best first; {@code authorized_user}
     * comes last because only some utilities offer it. Names, not an enum: they are the words of
     * the profile files and of the JSON API.
     */
    public static final List<String> METHODS = List.of("upload_bills", "disable_mfa", "security_questions",
            "managed_forwarding", "customer_inbox_forwarding", "sms_relay", "authorized_user");

    public SetupStep {
        requireMethod(method);
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("set-up '" + method + "' needs a title");
        }
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("set-up '" + method + "' needs at least one step");
        }
    }

    static void requireMethod(String method) {
        if (!METHODS.contains(Objects.requireNonNull(method, "method"))) {
            throw new IllegalArgumentException("set-up method '" + method + "' is not one of " + METHODS);
        }
    }
}
