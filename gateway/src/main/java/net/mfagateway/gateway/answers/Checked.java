package net.mfagateway.gateway.answers;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link SecurityAnswers#check}: a set fit to store, or why not. */
public sealed interface Checked {

    /** The set to store: questions stripped, otherwise as typed. */
    record Valid(List<Answer> answers) implements Checked {
        public Valid {
            answers = List.copyOf(answers);
        }
    }

    /** Why the set is refused: a machine code and a sentence naming the entry (never quoting an answer). */
    record Refused(String error, String message) implements Checked {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(message, "message");
        }
    }

    /** How the caller refers to an entry ("answers[2]", "row 3") and to one of its fields, in messages. */
    interface Naming {
        String entry(int index);

        String field(int index, String field);
    }
}
