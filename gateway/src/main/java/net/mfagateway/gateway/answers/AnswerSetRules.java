package net.mfagateway.gateway.answers;

import java.util.ArrayList;
import java.util.List;

/**
 * What a set of security answers must be before it is stored, whoever typed it (the API or the
 * hosted page): at most {@value #MAX_ANSWERS} entries, nothing blank, a question at most
 * {@value #MAX_QUESTION} characters with words to match on, an answer at most {@value #MAX_ANSWER}
 * characters, and no two questions asking the same thing (a match would then be ambiguous).
 * Refusals never quote an answer.
 */
final class AnswerSetRules {

    static final int MAX_ANSWERS = 20;
    static final int MAX_QUESTION = 500;
    static final int MAX_ANSWER = 200;

    private final SecurityAnswerMatcher matcher;

    AnswerSetRules(SecurityAnswerMatcher matcher) {
        this.matcher = matcher;
    }

    /** The set with its questions stripped, or the first thing wrong with it, worded with {@code naming}. */
    Checked check(List<Answer> raw, Checked.Naming naming) {
        if (raw.size() > MAX_ANSWERS) {
            return new Checked.Refused("too_many_answers", "at most " + MAX_ANSWERS + " answers per connection");
        }
        List<Answer> set = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Answer entry = raw.get(i);
            Checked.Refused field = field(entry.question(), MAX_QUESTION, naming.field(i, "question"));
            if (field == null) {
                field = field(entry.answer(), MAX_ANSWER, naming.field(i, "answer"));
            }
            if (field != null) {
                return field;
            }
            String question = entry.question().strip();
            for (int j = 0; j < set.size(); j++) {
                if (matcher.sameQuestion(question, set.get(j).question())) {
                    return new Checked.Refused("duplicate_question",
                            naming.entry(i) + " asks the same as " + naming.entry(j) + "; keep one of them");
                }
            }
            if (!matcher.sameQuestion(question, question)) {
                return new Checked.Refused("invalid_field", naming.field(i, "question") + " has no words to match on;"
                        + " give the question as the portal asks it, e.g. \"What was your first pet's name?\"");
            }
            set.add(new Answer(question, entry.answer()));
        }
        return new Checked.Valid(set);
    }

    private static Checked.Refused field(String value, int max, String name) {
        if (value.isBlank()) {
            return new Checked.Refused("missing_field", name + " is required and not blank");
        }
        if (value.length() > max) {
            return new Checked.Refused("invalid_field", name + " must be at most " + max + " characters");
        }
        return null;
    }
}
