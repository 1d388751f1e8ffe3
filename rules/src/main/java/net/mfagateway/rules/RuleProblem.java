package net.mfagateway.rules;

import java.util.Objects;

/**
 * One thing wrong with a rule file: the file's name, the 1-based line (0 when the problem is not
 * tied to a line), and what is wrong, in words an operator can act on.
 */
public record RuleProblem(String file, int line, String message) {
    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
