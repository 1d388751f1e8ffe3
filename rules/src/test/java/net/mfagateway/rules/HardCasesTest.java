package net.mfagateway.rules;

import static net.mfagateway.rules.Messages.forwarded;
import static net.mfagateway.rules.Messages.mail;
import static net.mfagateway.rules.Messages.sms;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.mfagateway.parsers.Link;
import org.junit.jupiter.api.Test;

/** One hard case per test, each a few inline lines. */
class HardCasesTest {

    private static final RuleEngine ENGINE = RuleEngine.builtIn();

    private static Extraction coned(String subject, String text) {
        return ENGINE.evaluate(mail("noreply@coned.com", subject, text), "coned", SenderHistory.NONE);
    }

    private static String code(Extraction e) {
        return e instanceof Extraction.CodeFound c ? c.code() : e.kind();
    }

    @Test
    void codeSplitBySpacesOrHyphensIsJoined() {
        assertThat(code(coned("Your code", "Your verification code is 482 913."))).isEqualTo("482913");
        assertThat(code(coned("Your code", "Your one-time code:\n\n48 29 13"))).isEqualTo("482913");
        assertThat(code(coned("Your code", "Your temporary PIN is K7Q-2XM."))).isEqualTo("K7Q2XM");
        assertThat(code(coned("Your code", "Your code is 482\u00A0913"))).isEqualTo("482913");
    }

    @Test
    void codeDrawnOneCharacterPerCellIsJoined() {
        assertThat(code(coned("Your code", "Your one-time code:\n0\n4\n8\n2\n1\n3\nIt expires soon."))).isEqualTo("048213");
    }

    @Test
    void trailingNumberAfterASplitCodeIsNotPartOfIt() {
        assertThat(code(coned("Your code", "Your code is 482 913 10 minutes from now"))).isEqualTo("482913");
    }

    @Test
    void longDigitRunIsNotCutDownToACode() {
        assertThat(coned("Your code", "Your code is 1234 5678 9012").kind()).isEqualTo("none");
        assertThat(coned("Your code", "Your code is 6873750965").kind()).isEqualTo("none");
    }

    @Test
    void leadingZerosAndCaseAreKept() {
        assertThat(code(coned("Your code", "Your code is 048213"))).isEqualTo("048213");
        assertThat(code(coned("Your code", "Your temporary PIN is x9T4mp (case sensitive)."))).isEqualTo("x9T4mp");
    }

    @Test
    void cssColourIsNeverACode() {
        assertThat(coned("Your code", "td { color: #482913; }\nYour code is in the app.").kind()).isEqualTo("none");
        assertThat(code(coned("Your code", "Code colour #a1b2c3\nYour code is 551234"))).isEqualTo("551234");
    }

    @Test
    void phoneNumberAfterACodeWordIsNotTheCode() {
        assertThat(code(coned("Your code", "Your code is 551234.\nQuestions about your code? Call 1-800-752-6633.")))
                .isEqualTo("551234");
        assertThat(coned("Need help", "For help with your code call 1-800-752-6633 or 212-555-0101.").kind())
                .isEqualTo("none");
    }

    @Test
    void accountReferenceAndDatesBesideTheCodeAreIgnored() {
        String text = "Please use the following authentication code to confirm your identity:\n\n7415847\n\n"
                + "Reference number: 6873750965\nAccount ending in 6430\nRequested: 03/04/2025 1:53 PM";
        assertThat(code(coned("Authentication code", text))).isEqualTo("7415847");
    }

    @Test
    void expiredOrUsedCodeIsNotDelivered() {
        assertThat(coned("Your code has expired", "Your verification code 482913 has expired.").kind()).isEqualTo("none");
        assertThat(coned("Code used", "The verification code you requested was used to sign in at 9:01 PM.").kind())
                .isEqualTo("none");
    }

    @Test
    void competingCandidatesGiveNone() {
        Extraction e = coned("Your codes", "Your verification code is 482913.\nYour verification code is 725619.");
        assertThat(e).isInstanceOf(Extraction.NoCode.class);
        assertThat(((Extraction.NoCode) e).reasons().get(0)).contains("different candidate codes");
    }

    @Test
    void sameCodeInSubjectAndBodyIsOneCandidate() {
        assertThat(code(coned("482913 is your Con Edison code", "Your verification code is 482 913.")))
                .isEqualTo("482913");
    }

    @Test
    void codeInForwardersNoteThatDiffersGivesNone() {
        Extraction e = ENGINE.evaluate(forwarded("dana@gmail.com", "noreply@coned.com",
                "Use code 551234 instead, the one below failed", "Your code", "Your verification code is 482913."),
                "coned", SenderHistory.NONE);
        assertThat(e.kind()).isEqualTo("none");
    }

    @Test
    void personsReplyAboutACodeIsNotACode() {
        Extraction reply = ENGINE.evaluate(mail("greg.hayes6@outlook.com", "Re: Action needed: verification code",
                "Hi,\nthe code is 212219, does it work?\nGreg"), "sce", SenderHistory.NONE);
        assertThat(reply.kind()).isEqualTo("none");
        Extraction own = ENGINE.evaluate(mail("ops@harborview.example", "Code",
                "I typed 212219 as the code yesterday"), null, SenderHistory.NONE);
        assertThat(own.kind()).isEqualTo("none");
    }

    @Test
    void smsRetrieverHashIsNotTheCode() {
        Extraction e = ENGINE.evaluate(sms("+17574602261", "<#> 617494 is your HRSD code. yBnhjcasSw1"), "hrsd",
                SenderHistory.NONE);
        assertThat(code(e)).isEqualTo("617494");
    }

    @Test
    void originBoundLineRepeatsTheCode() {
        Extraction e = ENGINE.evaluate(sms("36274", "878481 is your code. @www.enbridgegas.com #878481"), "enbridge",
                SenderHistory.NONE);
        assertThat(code(e)).isEqualTo("878481");
    }

    @Test
    void originBoundToAnotherSiteIsRefused() {
        Extraction e = ENGINE.evaluate(sms("36274", "878481 is your code. @www.shop.example #878481"), "enbridge",
                SenderHistory.NONE);
        assertThat(e.kind()).isEqualTo("none");
    }

    @Test
    void amountNextToSmsCodeIsIgnored() {
        Extraction e = ENGINE.evaluate(sms("83706", "TEP: Your payment of $85.93 requires verification. Code: 687170"),
                "tep", SenderHistory.NONE);
        assertThat(code(e)).isEqualTo("687170");
    }

    @Test
    void newSubdomainOfTheUtilityIsRotated() {
        Extraction e = ENGINE.evaluate(mail("alerts@e.coned.com", "Your code", "Your verification code is 912868"),
                "coned", SenderHistory.NONE);
        assertThat(e).isInstanceOfSatisfying(Extraction.CodeFound.class,
                c -> assertThat(c.senderStatus()).isEqualTo(SenderStatus.ROTATED));
    }

    @Test
    void mailServiceDomainCarryingTheNameIsRotated() {
        Extraction e = ENGINE.evaluate(mail("otp@coned-notify.example", "Your code", "Your verification code is 912868"),
                "coned", SenderHistory.NONE);
        assertThat(e).isInstanceOfSatisfying(Extraction.CodeFound.class,
                c -> assertThat(c.senderStatus()).isEqualTo(SenderStatus.ROTATED));
    }

    @Test
    void senderSeenBeforeIsKnown() {
        SenderHistory history = (utility, sender) -> utility.equals("coned") && sender.equals("alerts@e.coned.com");
        Extraction e = ENGINE.evaluate(mail("alerts@e.coned.com", "Your code", "Your verification code is 912868"),
                "coned", history);
        assertThat(e).isInstanceOfSatisfying(Extraction.CodeFound.class,
                c -> assertThat(c.senderStatus()).isEqualTo(SenderStatus.KNOWN));
    }

    @Test
    void utilityTemplateFromUnrelatedSenderIsNotDelivered() {
        Extraction e = ENGINE.evaluate(mail("security@account-check.example", "Your Con Edison code",
                "Your verification code is 912868"), "coned", SenderHistory.NONE);
        assertThat(e).isInstanceOfSatisfying(Extraction.NoCode.class,
                n -> assertThat(n.reasons().get(0)).contains("neither a known sender"));
    }

    @Test
    void utilityWithoutRuleFileIsUnknown() {
        Extraction e = ENGINE.evaluate(mail("noreply@aps.com", "Your code", "Your one-time code:\n47Y-VQF"), "aps",
                SenderHistory.NONE);
        assertThat(e).isInstanceOfSatisfying(Extraction.CodeFound.class, c -> {
            assertThat(c.code()).isEqualTo("47YVQF");
            assertThat(c.senderStatus()).isEqualTo(SenderStatus.UNKNOWN);
            assertThat(c.ruleId()).isEqualTo("generic.code");
        });
    }

    @Test
    void promoCodeIsNotALoginCode() {
        assertThat(coned("Spring savings", "Use promo code SPRING25 at checkout.\nOffer code: 4821 for $20 off.").kind())
                .isEqualTo("none");
    }

    @Test
    void codeWinsOverConfirmLink() {
        Extraction e = coned("Confirm your sign-in", "Enter this code to confirm your sign-in:\n701881\n"
                + "Confirm sign-in: https://www.coned.com/account/confirm-signin?t=abc");
        assertThat(code(e)).isEqualTo("701881");
        assertThat(e.ruleId()).isEqualTo("coned.email.code");
    }

    @Test
    void linkKindPicksTheVerificationUrlNotTheDecoys() {
        List<Link> links = List.of(
                new Link("https://click.e.coned.com/?qs=logo", ""),
                new Link("https://www.coned.com/en/login/verify?token=T0k&cid=1", "Verify sign-in"),
                new Link("https://www.coned.com/account/secure?lock=1", "Not you? Secure your account"),
                new Link("https://click.e.coned.com/unsub_center.aspx?qs=1", "Unsubscribe"),
                new Link("https://www.coned.com/privacy", "Privacy Policy"));
        Extraction e = ENGINE.evaluate(mail("noreply@coned.com", "Verify your sign-in",
                "Click the button below to verify it's you and finish signing in.", links), "coned", SenderHistory.NONE);
        assertThat(e).isInstanceOfSatisfying(Extraction.LinkFound.class,
                l -> assertThat(l.link()).isEqualTo("https://www.coned.com/en/login/verify?token=T0k&cid=1"));
    }

    @Test
    void blockedForwardingReportWinsOverTheQuotedCode() {
        Extraction e = ENGINE.evaluate(forwarded("tom@contoso.example", "postmaster@contoso.example",
                "FYI, forwarding failed.", "Undeliverable: Your code: 482913",
                "Remote Server returned '550 5.7.520 Access denied, Your organization does not allow external forwarding.'"),
                "tep", SenderHistory.NONE);
        assertThat(e.kind()).isEqualTo("forwarding_blocked");
        assertThat(e.ruleId()).isEqualTo("m365-forwarding-blocked");
    }

    @Test
    void otherBounceIsNone() {
        Extraction e = ENGINE.evaluate(mail("postmaster@contoso.example", "Undeliverable: Your security code",
                "Delivery has failed to these recipients or groups:\n550 5.1.1 User unknown\nSubject: Your code: 482913"),
                "tep", SenderHistory.NONE);
        assertThat(e.kind()).isEqualTo("none");
    }

    @Test
    void gmailConfirmationGivesItsNineDigitCodeAndLink() {
        Extraction e = ENGINE.evaluate(mail("forwarding-noreply@google.com",
                "(#688593341) Gmail Forwarding Confirmation - Receive Mail from a@gmail.com",
                "a@gmail.com has requested to automatically forward mail to your email address.\n"
                        + "Confirmation code: 688593341\nhttps://mail-settings.google.com/mail/vf-%5Bx%5D-y\n"
                        + "https://mail-settings.google.com/mail/uf-%5Bx%5D-y"), "duke", SenderHistory.NONE);
        assertThat(e).isEqualTo(new Extraction.ForwardingConfirmation("688593341",
                "https://mail-settings.google.com/mail/vf-%5Bx%5D-y", "gmail-forwarding-confirmation", 0.95));
    }

    @Test
    void noticesWithoutCodesAreNone() {
        assertThat(coned("Two-step verification is on", "Two-step verification is now turned on for your account.\n"
                + "From now on we'll send a code to this email address.").kind()).isEqualTo("none");
        assertThat(coned("New sign-in to your account", "We noticed a new sign-in to your account.").kind())
                .isEqualTo("none");
        assertThat(coned("Your password was changed", "The password for your account was changed.").kind())
                .isEqualTo("none");
        assertThat(ENGINE.evaluate(sms("33567", "Eversource: Your bill of $590.97 is due 02/12. Acct ending 2329."),
                "eversource", SenderHistory.NONE).kind()).isEqualTo("none");
    }

    @Test
    void catastrophicInputEndsAsNoneNotAHang() {
        String text = "code is " + "1 ".repeat(20_000) + "x";
        Extraction e = coned("Your code", text);
        assertThat(e.kind()).isEqualTo("none");
    }

    @Test
    void thousandsOfForwardPrefixesEndInAnAnswerNotAStackOverflow() {
        // Found by RuleEngineFuzzTest: the prefix pattern recursed once per "Fwd:".
        assertThat(code(coned("Fwd: ".repeat(3000) + "482913 is your Con Edison code", "Enter the code shown above.")))
                .isEqualTo("482913");
    }

    @Test
    void originBoundLineWithoutADigitIsNotACode() {
        // Found by RuleEngineFuzzTest: the origin-bound code skipped the checks every other code passes.
        Extraction e = ENGINE.evaluate(sms("36274", "Your sign-in is ready. @www.enbridgegas.com #ABCDEFGH"), "enbridge",
                SenderHistory.NONE);
        assertThat(e.kind()).isEqualTo("none");
    }
}
