package net.mfagateway.gateway.answers;

import java.util.Objects;

/** One security question and the answer to type for it. {@link #toString} hides the answer. */
public record Answer(String question, String answer) {

    public Answer {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
    }

    @Override
    public String toString() {
        return "Answer[question=<hidden>, answer=<hidden>]";
    }
}
