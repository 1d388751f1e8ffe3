package net.mfagateway.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InlineForwardTest {

    private static InboundMessage forwardedBy(String subject, String body) {
        return TestMail.parse("""
                From: Dana Whitfield <dana@customer.example>
                To: abc123@mfa.example.net
                Subject: %s
                Content-Type: text/plain; charset=utf-8

                %s""".formatted(subject, body));
    }

    @Test
    void gmailForwardGivesTheUtilityAsOriginalSenderAndKeepsTheNoteOut() {
        InboundMessage message = forwardedBy("Fwd: Your code", """
                Here you go.

                Dana Whitfield
                Cell: 555-0142

                ---------- Forwarded message ---------
                From: Con Edison <noreply@coned.com>
                Date: Wed, Feb 5, 2025 at 10:26 AM
                Subject: Your Con Edison code
                To: <dana@customer.example>


                Your verification code is 708873.
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.INLINE);
        assertThat(message.sender()).isEqualTo("dana@customer.example");
        assertThat(message.originalSender()).isEqualTo("noreply@coned.com");
        assertThat(message.subject()).isEqualTo("Your Con Edison code");
        assertThat(message.text()).isEqualTo("Your verification code is 708873.");
        assertThat(message.outerText()).isEqualTo("Here you go.\n\nDana Whitfield\nCell: 555-0142");
    }

    @Test
    void doubleSpacedForwardHeaderIsStillOneBlock() {
        InboundMessage message = forwardedBy("Fwd: Your code", """
                Here you go.

                ---------- Forwarded message ---------

                From: Con Edison <noreply@coned.com>

                Date: Wed, Feb 5, 2025 at 10:26 AM

                Subject: Your Con Edison code

                To: <dana@customer.example>


                Your verification code is 708873.
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.INLINE);
        assertThat(message.originalSender()).isEqualTo("noreply@coned.com");
        assertThat(message.subject()).isEqualTo("Your Con Edison code");
        assertThat(message.text()).isEqualTo("Your verification code is 708873.");
        assertThat(message.outerText()).isEqualTo("Here you go.");
    }

    @Test
    void forwardOfAForwardWithDoubleSpacedHeadersKeepsTheTwoBlocksApart() {
        InboundMessage message = forwardedBy("FW: Fwd: Your code", """
                See below.

                From: Dana Whitfield <dana@customer.example>

                Sent: Wednesday, February 5, 2025 10:30 AM

                Subject: Fwd: Your code

                From: Con Edison <noreply@coned.com>

                Sent: Wednesday, February 5, 2025 10:26 AM

                Subject: Your Con Edison code

                Your verification code is 708873.
                """);

        assertThat(message.originalSender()).isEqualTo("noreply@coned.com");
        assertThat(message.subject()).isEqualTo("Your Con Edison code");
        assertThat(message.text()).isEqualTo("Your verification code is 708873.");
    }

    @Test
    void outlookForwardInHtmlIsFoundFromItsFromSentBlock() {
        InboundMessage message = TestMail.parse("""
                From: Derek Fleming <derek@customer.example>
                To: abc123@mfa.example.net
                Subject: FW: Your temporary PIN
                Content-Type: text/html; charset=utf-8

                <div class=WordSection1><p class=MsoNormal>See below. Derek, 555-0177<o:p></o:p></p>
                <div style='border:none;border-top:solid #E1E1E1 1.0pt'>
                <p class=MsoNormal><b>From:</b> Ameren &lt;noreply@ameren.com&gt; <br><b>Sent:</b> Sunday, February 23, 2025 11:01 AM<br>
                <b>To:</b> Derek Fleming<br><b>Subject:</b> Your temporary PIN</p></div>
                <p>Your temporary PIN is <strong>Y8JRYXW7</strong>.</p>
                <p><a href="https://www.ameren.com/privacy">Privacy Policy</a></p></div>
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.INLINE);
        assertThat(message.originalSender()).isEqualTo("noreply@ameren.com");
        assertThat(message.text()).isEqualTo("Your temporary PIN is Y8JRYXW7.\n\nPrivacy Policy");
        assertThat(message.outerText()).isEqualTo("See below. Derek, 555-0177");
        assertThat(message.links()).containsExactly(new Link("https://www.ameren.com/privacy", "Privacy Policy"));
    }

    @Test
    void outlookLocalisedBlockIsFound() {
        InboundMessage message = forwardedBy("TR: Votre code", """
                De : Enbridge Gas <notifications@enbridge.com>
                Envoyé : dimanche 2 février 2025 08:08
                À : Marcus Okafor
                Objet : Votre code de vérification

                Votre code de vérification est 293462.
                """);

        assertThat(message.originalSender()).isEqualTo("notifications@enbridge.com");
        assertThat(message.subject()).isEqualTo("Votre code de vérification");
        assertThat(message.text()).isEqualTo("Votre code de vérification est 293462.");
    }

    @Test
    void appleMailForwardIsFound() {
        InboundMessage message = forwardedBy("Fwd: Login code", """
                Sent from my iPhone

                Begin forwarded message:

                From: Southwest Gas <no-reply@swgas.com>
                Subject: Login code
                Date: February 16, 2025 at 8:31:15 PM PST
                To: dana@customer.example
                Reply-To: no-reply@swgas.com

                Use this code to log in: 199317
                """);

        assertThat(message.originalSender()).isEqualTo("no-reply@swgas.com");
        assertThat(message.text()).isEqualTo("Use this code to log in: 199317");
        assertThat(message.outerText()).isEqualTo("Sent from my iPhone");
    }

    @Test
    void thunderbirdForwardWithSubjectFirstIsFound() {
        InboundMessage message = forwardedBy("Fwd: Code", """
                -------- Forwarded Message --------
                Subject: 	Your TEP code
                Date: 	Sun, 16 Feb 2025 20:31:15 -0700
                From: 	Tucson Electric Power <noreply@tep.com>
                To: 	dana@customer.example

                Your code is 145 922.

                --
                Dana, 555-0100
                """);

        assertThat(message.originalSender()).isEqualTo("noreply@tep.com");
        assertThat(message.subject()).isEqualTo("Your TEP code");
        assertThat(message.text()).startsWith("Your code is 145 922.");
    }

    @Test
    void quotedForwardIsReadWithoutTheQuoteMarks() {
        InboundMessage message = forwardedBy("Fwd: Code", """
                Code for the login.

                ----- Forwarded message from Southwest Gas <no-reply@swgas.com> -----

                Date: Sun, 16 Feb 2025 20:31:15 -0800
                From: Southwest Gas <no-reply@swgas.com>
                Subject: Login code

                > Use this code:
                >
                > 199317

                ----- End forwarded message -----

                --\s
                Dana Whitfield, Cell: 555-0133
                """);

        assertThat(message.originalSender()).isEqualTo("no-reply@swgas.com");
        assertThat(message.text()).isEqualTo("Use this code:\n\n199317");
        assertThat(message.outerText()).contains("Code for the login.").contains("555-0133").doesNotContain("199317");
    }

    @Test
    void forwardOfAForwardGivesTheInnermostMessage() {
        InboundMessage message = forwardedBy("Fwd: Fwd: Your code", """
                ---------- Forwarded message ---------
                From: Office Manager <office@customer.example>
                Date: Wed, Feb 5, 2025 at 10:30 AM
                Subject: Fwd: Your code
                To: <dana@customer.example>

                Can you pass this on? Call me at 555-0199.

                ---------- Forwarded message ---------
                From: PSE&G <no-reply@pseg.com>
                Date: Wed, Feb 5, 2025 at 10:26 AM
                Subject: Your code
                To: <office@customer.example>

                Your code is 12151019.
                """);

        assertThat(message.originalSender()).isEqualTo("no-reply@pseg.com");
        assertThat(message.text()).isEqualTo("Your code is 12151019.");
        assertThat(message.outerText()).contains("555-0199");
    }

    @Test
    void messagesForwardedSideBySideAreAllContent() {
        InboundMessage message = forwardedBy("FW: codes", """
                Got two of these:

                From: Washington Gas <noreply@washgas.com>
                Sent: Wednesday, January 15, 2025 8:48 PM
                Subject: Your code

                816409

                From: Washington Gas <noreply@washgas.com>
                Sent: Wednesday, January 15, 2025 8:48 PM
                Subject: Your verification code

                725 619
                """);

        assertThat(message.originalSender()).isEqualTo("noreply@washgas.com");
        assertThat(message.text()).isEqualTo("816409\n\n725 619");
        assertThat(message.subject()).isEqualTo("Your code\nYour verification code");
    }

    @Test
    void replyQuotingTheMailItAnswersIsNotAForward() {
        InboundMessage message = forwardedBy("RE: Action needed", """
                I already used 530687 yesterday.

                From: Utility Data Support <support@platform.example>
                Sent: Monday, March 10, 2025 6:48 PM
                To: Dana Whitfield
                Subject: Action needed

                Please forward your codes.
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.DIRECT);
        assertThat(message.originalSender()).isEqualTo("dana@customer.example");
        assertThat(message.outerText()).isEmpty();
    }

    @Test
    void forwardedBounceIsSignedByThePostmasterNotTheQuotedHeaders() {
        InboundMessage message = forwardedBy("FW: Undeliverable: Your security code", """
                Is this why?

                From: Microsoft Outlook <MicrosoftExchange329e71@customer.example>
                Sent: Tuesday, February 25, 2025 5:12 PM
                To: Omar Saleh
                Subject: Undeliverable: Your security code

                Remote Server returned '550 5.7.520 Access denied, Your organization does not allow external forwarding.'

                Original message headers:

                Received: from BN8PR17MB2624.namprd14.prod.outlook.com ([fe80::2407]) by
                 BN8PR17MB2624.namprd14.prod.outlook.com with mapi id 15.20.7881.073
                From: dana@customer.example
                To: abc123@mfa.example.net
                Subject: Your security code
                Date: Tue, 25 Feb 2025 22:12:10 +0000
                Message-ID: <BN8PR17MB2624@namprd14.prod.outlook.com>
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.INLINE);
        assertThat(message.originalSender()).isEqualTo("microsoftexchange329e71@customer.example");
        assertThat(message.text()).contains("550 5.7.520");
        assertThat(message.outerText()).isEqualTo("Is this why?");
    }
}
