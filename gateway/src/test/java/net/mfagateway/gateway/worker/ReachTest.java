package net.mfagateway.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which of a portal's masked destinations reaches the gateway, as {@link Reach} ranks them. */
class ReachTest {

    private static final String OWN = "s78w8b7awz9j9h16rdac@mfa.example.com";
    private static final MfaOption OWN_MAIL = new MfaOption("1", "email", "s7******************@mfa.example.com");
    private static final MfaOption CUSTOMER_MAIL = new MfaOption("2", "email", "an**********@gmail.com");
    private static final MfaOption TEXT = new MfaOption("3", "sms", "(***) ***-1111");
    private static final MfaOption QUESTION = new MfaOption("4", "security_question", "");

    @Test
    void theOwnAddressComesFirstThenTheNumberThenAQuestionWithAnswersThenAForwardingInbox() {
        Reach all = new Reach(OWN, "+15550001111", Set.of("ann.customer@gmail.com"), true);
        List<MfaOption> offered = List.of(QUESTION, CUSTOMER_MAIL, TEXT, OWN_MAIL);

        assertThat(all.best(offered)).contains(OWN_MAIL);
        assertThat(all.best(List.of(QUESTION, CUSTOMER_MAIL, TEXT))).contains(TEXT);
        assertThat(all.best(List.of(CUSTOMER_MAIL, QUESTION))).contains(QUESTION);
        assertThat(all.best(List.of(CUSTOMER_MAIL))).contains(CUSTOMER_MAIL);
    }

    @Test
    void nothingReachesANewConnectionWithoutANumberOrAnswers() {
        Reach bare = new Reach(OWN, null, Set.of(), false);

        assertThat(bare.best(List.of(CUSTOMER_MAIL, TEXT, QUESTION))).isEmpty();
    }

    @Test
    void maskedAddressesMatchOnTheirDomainAndVisibleEnds() {
        assertThat(Reach.maskedEmailMatches("s7***@mfa.example.com", OWN)).isTrue();
        assertThat(Reach.maskedEmailMatches("s7***ac@MFA.example.com", OWN)).isTrue();
        assertThat(Reach.maskedEmailMatches(OWN, OWN)).isTrue();
        assertThat(Reach.maskedEmailMatches("s7***zz@mfa.example.com", OWN)).isFalse();
        assertThat(Reach.maskedEmailMatches("s7***@example.com", OWN)).isFalse();
        assertThat(Reach.maskedEmailMatches("t7***@mfa.example.com", OWN)).isFalse();
        // Nothing of the local part shown: any address at that domain would do, so it proves nothing.
        assertThat(Reach.maskedEmailMatches("*****@mfa.example.com", OWN)).isFalse();
    }

    @Test
    void maskedNumbersMatchOnTheirVisibleLastDigits() {
        assertThat(Reach.maskedPhoneMatches("***-***-1111", "+15550001111")).isTrue();
        assertThat(Reach.maskedPhoneMatches("+1 (***) ***-**11", "+15550001111")).isTrue();
        assertThat(Reach.maskedPhoneMatches("***-***-2222", "+15550001111")).isFalse();
        assertThat(Reach.maskedPhoneMatches("***-***-***1", "+15550001111")).isFalse();
        assertThat(Reach.maskedPhoneMatches("555-000-1111", "+15550001111")).isTrue();
    }
}
