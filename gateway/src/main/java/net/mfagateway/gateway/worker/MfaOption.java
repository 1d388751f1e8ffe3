package net.mfagateway.gateway.worker;

import java.util.Objects;

/**
 * One way a portal offers to send the second factor: {@code method} is {@code email}, {@code sms}
 * or {@code security_question}; {@code to} is the destination as the portal shows it, usually
 * masked ({@code s7****@mfa.example.com}, {@code ***-***-1111}), empty for a question; {@code id}
 * is what the portal wants back when it is chosen.
 */
public record MfaOption(String id, String method, String to) {

    public MfaOption {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        to = to == null ? "" : to;
    }

    /** As a person reads it in a diagnosis: {@code email to s7****@...}. */
    public String describe() {
        return switch (method) {
            case "email" -> "email to " + to;
            case "sms" -> "text to " + to;
            case "security_question" -> "a security question";
            default -> method + (to.isEmpty() ? "" : " to " + to);
        };
    }
}
