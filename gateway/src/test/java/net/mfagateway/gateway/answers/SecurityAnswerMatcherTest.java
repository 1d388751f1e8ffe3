package net.mfagateway.gateway.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paraphrases the matcher must pair and the near-misses it must keep apart. */
class SecurityAnswerMatcherTest {

    private final SecurityAnswerMatcher matcher = new SecurityAnswerMatcher();

    @ParameterizedTest(name = "\"{1}\" asks \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            What is the name of your first pet?        | What was your first pet's name?
            What is the name of your first pet?        | First pet's name
            What is the name of your first pet?        | Name of your first animal?
            What was your first pet’s name?            | what is the name of your FIRST PET
            In what city were you born?                | What city were you born in?
            In what city were you born?                | City of birth?
            In what city were you born?                | In which town were you born?
            In what city were you born?                | What is your birthplace city?
            What is your mother's maiden name?         | Mother's maiden name
            What is your mother's maiden name?         | What was your mom's maiden name?
            What is your mother's maiden name?         | Your mothers maiden name:
            What was the name of your elementary school? | Name of your primary school?
            What was the make of your first car?       | Make of first vehicle
            """)
    void paraphrasesMatch(String stored, String asked) {
        assertThat(matcher.match(asked, List.of(new Answer(stored, "x")))).as(asked).isPresent();
    }

    @ParameterizedTest(name = "\"{1}\" does not ask \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            What is the name of your first pet?        | What was your first car?
            What is the name of your first pet?        | What was the name of your first school?
            What is the name of your first pet?        | What was the name of your second pet?
            What is the name of your first pet?        | What was your first job?
            In what city were you born?                | What city did you grow up in?
            In what city were you born?                | In what city did you meet your spouse?
            In what city were you born?                | What city?
            In what city were you born?                | Where were you born?
            What is your mother's maiden name?         | What is your father's middle name?
            What is your mother's maiden name?         | What is your mother's middle name?
            What is your mother's maiden name?         | What is your grandmother's maiden name?
            What is your mother's maiden name?         | What is your name?
            """)
    void nearMissesDoNotMatch(String stored, String asked) {
        assertThat(matcher.match(asked, List.of(new Answer(stored, "x")))).as(asked).isEmpty();
    }

    @Test
    void theBestOfSeveralStoredQuestionsWins() {
        List<Answer> stored = List.of(
                new Answer("What was your first car?", "Civic"),
                new Answer("What is the name of your first pet?", "Rex"),
                new Answer("What was the name of your first pet dog?", "Fido"),
                new Answer("In what city were you born?", "Albany"));
        assertThat(matcher.match("What was your first pet's name?", stored)).map(Answer::answer).contains("Rex");
        assertThat(matcher.match("Your first pet dog's name?", stored)).map(Answer::answer).contains("Fido");
        assertThat(matcher.match("City of birth", stored)).map(Answer::answer).contains("Albany");
        assertThat(matcher.match("What was your first car?", stored)).map(Answer::answer).contains("Civic");
    }

    @Test
    void aTieBetweenDifferentAnswersIsNoMatch() {
        List<Answer> stored = List.of(
                new Answer("What is the name of your first pet?", "Rex"),
                new Answer("First pet's name", "Fido"));
        assertThat(matcher.match("What was your first pet's name?", stored)).isEmpty();
        List<Answer> agreeing = List.of(
                new Answer("What is the name of your first pet?", "Rex"),
                new Answer("First pet's name", "rex"));
        assertThat(matcher.match("What was your first pet's name?", agreeing)).map(Answer::answer).contains("Rex");
    }

    @Test
    void contentWordsDropScaffoldingPossessivesAndPlurals() {
        assertThat(SecurityAnswerMatcher.contentWords("What was your first pet's name?"))
                .containsExactlyInAnyOrder("first", "pet");
        assertThat(SecurityAnswerMatcher.contentWords("In what city were you born?"))
                .containsExactlyInAnyOrder("city", "birth");
        assertThat(SecurityAnswerMatcher.contentWords("Names of your pets"))
                .containsExactlyInAnyOrder("pet");
        assertThat(SecurityAnswerMatcher.contentWords("What is your name?")).isEmpty();
    }
}
