package net.mfagateway.rules;

import java.util.List;
import java.util.Objects;

/**
 * What to tell the people who set up a connection for one utility: what its portal asks at
 * sign-in ({@code mfa}), the set-ups that work, best first ({@code ladder}, may be empty when
 * there is nothing to set up), those that do not ({@code unsupported}), and notes. Advice only:
 * it changes no extraction.
 */
public record UtilityProfile(String id, String name, List<String> mfa, List<SetupStep> ladder,
        List<Unsupported> unsupported, List<String> notes) {

    /** What a portal may ask at sign-in. Names, not an enum: they are the words of the files and the API. */
    public static final List<String> MFA_METHODS = List.of("email", "sms", "security_questions", "authenticator",
            "captcha", "none", "oauth");

    public UtilityProfile {
        Objects.requireNonNull(id, "id");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("profile '" + id + "' needs a name");
        }
        mfa = List.copyOf(mfa);
        if (mfa.isEmpty()) {
            throw new IllegalArgumentException("profile '" + id + "' needs at least one mfa method");
        }
        for (String m : mfa) {
            if (!MFA_METHODS.contains(m)) {
                throw new IllegalArgumentException("mfa method '" + m + "' is not one of " + MFA_METHODS);
            }
        }
        ladder = List.copyOf(ladder);
        unsupported = List.copyOf(unsupported);
        notes = List.copyOf(notes);
    }
}
