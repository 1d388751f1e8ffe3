package net.mfagateway.rules;

/** A set-up method that does not work for a utility, and why, in words to show the account holder. */
public record Unsupported(String method, String reason) {

    public Unsupported {
        SetupStep.requireMethod(method);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("unsupported '" + method + "' needs a reason");
        }
    }
}
