package net.mfagateway.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class VisibleTextTest {

    @Test
    void hiddenPreheaderIsNotInText() {
        InboundMessage message = TestMail.html("""
                <html><body>
                <span style="display:none !important;visibility:hidden;opacity:0;height:0;width:0;">Preview 111111</span>
                <div style="max-height:0;overflow:hidden;mso-hide:all">Also hidden 222222</div>
                <p>Your code is <b>482913</b>.</p>
                </body></html>""");

        assertThat(message.text()).isEqualTo("Your code is 482913.");
    }

    @Test
    void zeroSizeMsoHiddenCommentedAndClassHiddenTextIsDropped() {
        InboundMessage message = TestMail.html("""
                <html><head><style>.preheader { display: none !important; }
                @media (max-width: 480px) { .desktop { display: none; } }
                p.code { color: #482913; }</style></head><body>
                <div class="preheader">hidden 111111</div>
                <span style="font-size:0px">222222</span>
                <span style="mso-hide: all">333333</span>
                <!-- 444444 -->
                <script>var x = 555555;</script>
                <p class="desktop code">Code: 482913</p>
                </body></html>""");

        assertThat(message.text()).isEqualTo("Code: 482913");
    }

    @Test
    void codeSplitAcrossSpansReadsAsOneWord() {
        InboundMessage message = TestMail.html(
                "<p>Your code: <strong><span style=\"letter-spacing:4px\">411</span><span>91135</span></strong></p>");

        assertThat(message.text()).isEqualTo("Your code: 41191135");
    }

    @Test
    void oneCharacterPerCellReadsAsOneWord() {
        InboundMessage message = TestMail.html("""
                <table><tr><td>4</td><td>8</td><td>2</td><td>9</td><td>1</td><td>3</td></tr></table>""");

        assertThat(message.text()).isEqualTo("482913");
    }

    @Test
    void labelAndValueCellsStayApartAsColumns() {
        InboundMessage message = TestMail.html("""
                <table><tr><td>Account</td><td>ending in 9830</td></tr>
                <tr><td>Code</td><td><b>482913</b></td></tr></table>""");

        assertThat(message.text()).isEqualTo("Account\tending in 9830\nCode\t482913");
    }

    @Test
    void linksKeepTheirAnchorTextAndDecodedUrl() {
        InboundMessage message = TestMail.html(
                "<p><a href=\" https://u.example/verify?token=a1&amp;cid=7 \">Verify my sign-in</a></p>");

        assertThat(message.links()).containsExactly(new Link("https://u.example/verify?token=a1&cid=7", "Verify my sign-in"));
    }

    @Test
    void htmlAlternativeIsPreferredOverPlainForText() {
        InboundMessage message = TestMail.parse("""
                From: noreply@utility.example
                To: abc@mfa.example.net
                Subject: Code
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain

                Your code is in the HTML version.
                --b1
                Content-Type: text/html

                <p>Your code is <b>70 88 73</b></p>
                --b1--
                """);

        assertThat(message.text()).isEqualTo("Your code is 70 88 73");
        assertThat(message.problems()).doesNotContain("multipart never closed");
    }

    @Test
    void quotedPrintableWindows1252IsDecoded() {
        InboundMessage message = TestMail.parse("""
                From: noreply@utility.example
                To: abc@mfa.example.net
                Subject: Code
                MIME-Version: 1.0
                Content-Type: text/plain; charset="windows-1252"
                Content-Transfer-Encoding: quoted-printable

                Votre code de v=E9rification est 293462 =96 il expire dans 10 minutes.=20
                Merci=
                 !
                """, Charset.forName("US-ASCII"));

        assertThat(message.text()).isEqualTo("Votre code de vérification est 293462 – il expire dans 10 minutes.\nMerci !");
    }

    @Test
    void wrongCharsetLabelFallsBackToWhatTheBytesAre() {
        InboundMessage message = TestMail.parse("""
                From: noreply@utility.example
                To: abc@mfa.example.net
                Subject: Code
                Content-Type: text/plain; charset="x-unknown-9"
                Content-Transfer-Encoding: 8bit

                Código: 482913
                """, Charset.forName("windows-1252"));

        assertThat(message.text()).isEqualTo("Código: 482913");
        assertThat(message.problems()).contains("unknown charset x-unknown-9");
    }

    @Test
    void encodedWordSubjectIsDecoded() {
        InboundMessage message = TestMail.parse("""
                From: =?UTF-8?Q?SDG=26E?= <myaccount@sdge.com>
                To: abc@mfa.example.net
                Subject: =?UTF-8?B?VHUgY8OzZGlnbyBkZQ==?=
                 =?ISO-8859-1?Q?_verificaci=F3n?= 482913

                body
                """);

        assertThat(message.subject()).isEqualTo("Tu código de verificación 482913");
        assertThat(message.sender()).isEqualTo("myaccount@sdge.com");
    }

    @Test
    void plainTextUrlsBecomeLinksNamedByTheirLine() {
        InboundMessage message = TestMail.parse("""
                From: noreply@utility.example
                To: abc@mfa.example.net
                Subject: Verify

                Verify your sign-in: https://u.example/v?t=1&c=2.
                Unsubscribe: <https://u.example/unsub>
                """);

        assertThat(message.links()).containsExactly(
                new Link("https://u.example/v?t=1&c=2", "Verify your sign-in"),
                new Link("https://u.example/unsub", "Unsubscribe"));
    }

    @Test
    void linesOfBlanksCountAsBlankLines() {
        // Found by MailParserFuzzTest: a form feed or spaces on a line ended the run of blank lines.
        InboundMessage message = TestMail.parse("From: noreply@utility.example\nSubject: Code\n\n"
                + "Your code is\n  \n\f\n \t\n482913\n");

        assertThat(message.text()).isEqualTo("Your code is\n\n482913");
    }
}
