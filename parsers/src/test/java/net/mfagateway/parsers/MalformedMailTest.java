package net.mfagateway.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MalformedMailTest {

    @Test
    void truncatedBase64KeepsWhatSurvives() {
        InboundMessage message = TestMail.parse("""
                From: BGE <myaccount@bge.com>
                To: abc@mfa.example.net
                Subject: Code
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: base64

                PGh0bWw+PGJvZHk+PHA+WW91ciBjb2RlIGlzIDxiPjI3IDc2MzwvYj4uPC9wPjxwPlRoaXMgY29kZSBleHBpcmVzIGluIDEwIG1pb
                """);

        assertThat(message.text()).startsWith("Your code is 27 763.\n\nThis code expires in 10 mi");
        assertThat(message.problems()).contains("base64 body is truncated");
    }

    @Test
    void unclosedMultipartKeepsItsParts() {
        InboundMessage message = TestMail.parse("""
                From: noreply@hawaiianelectric.com
                To: abc@mfa.example.net
                Subject: Passcode
                Content-Type: multipart/alternative; boundary="abc"

                --abc
                Content-Type: text/plain

                Your one-time passcode is 741-9590.
                --abc
                Content-Type: text/html

                <p>Your one-time passcode is <strong>741-9590</strong>.</p>
                <p>Acco""");

        assertThat(message.text()).isEqualTo("Your one-time passcode is 741-9590.\n\nAcco");
        assertThat(message.problems()).contains("multipart never closed");
    }

    @Test
    void boundaryThatDoesNotMatchTheDeclaredOneIsFound() {
        InboundMessage message = TestMail.parse("""
                From: noreply@oru.com
                To: abc@mfa.example.net
                Subject: Code
                Content-Type: multipart/alternative; boundary="declared-XyZ"

                --actual-304
                Content-Type: text/plain

                Your code is: 993 707
                --actual-304--
                """);

        assertThat(message.text()).isEqualTo("Your code is: 993 707");
        assertThat(message.problems()).contains("declared multipart boundary does not match the parts; used the one they carry");
    }

    @Test
    void missingHeadersAreReportedAndTheBodyStillRead() {
        InboundMessage message = TestMail.parse("""
                From: SDG&E <myaccount@sdge.com>
                Subject: Authentication code
                Content-Type: text/plain; charset="utf-8"

                Code: 50769820
                """);

        assertThat(message.text()).isEqualTo("Code: 50769820");
        assertThat(message.problems()).contains("no Date header", "no To header", "no Message-ID header", "no MIME-Version header");
    }

    @Test
    void binaryJunkBodyIsDroppedNotShown() {
        InboundMessage message = TestMail.parse("""
                From: noreply@oru.com
                To: abc@mfa.example.net
                Subject: Your security code
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64

                nB3D+nEm13sJVzJpMdUX0VW*MC3d8Nj2okTZ1rkF2pl7DJMSwIQIRH6/9YQSjdR8/taCglakJM1gs2Rx/j0DWo85yWW2sT9dN7
                """);

        assertThat(message.text()).isEmpty();
        assertThat(message.subject()).isEqualTo("Your security code");
        assertThat(message.problems()).contains("text/plain part is binary junk; skipped");
    }

    @Test
    void nulBytesAreRemovedAndRecorded() {
        InboundMessage message = TestMail.parse("From: a@b.example\nTo: c@mfa.example.net\nSubject: x\n\nCode\0: 4829\0" + "13\n");

        assertThat(message.text()).isEqualTo("Code: 482913");
        assertThat(message.problems()).contains("NUL characters removed");
    }

    @Test
    void enormousHeaderIsCutNotFatal() {
        String huge = "X-Junk: " + "a".repeat(400_000) + "\n";
        InboundMessage message = TestMail.parse("From: a@b.example\nTo: c@mfa.example.net\n" + huge + "Subject: x\n\nbody\n");

        assertThat(message.sender()).isEqualTo("a@b.example");
        assertThat(message.problems()).isNotEmpty();
    }

    @Test
    void noHeadersAtAllIsStillAMessage() {
        InboundMessage message = TestMail.parse("just some text\nwith a code 482913\n");

        assertThat(message.text()).isEqualTo("just some text\nwith a code 482913");
        assertThat(message.sender()).isEmpty();
        assertThat(message.problems()).contains("no header section");
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(20250301);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[random.nextInt(4000)];
            random.nextBytes(junk);
            InboundMessage message = MailParser.parse(junk);
            assertThat(message).isNotNull();
        }
    }

    @Test
    void mangledMultipartsNeverThrow() {
        String base = """
                From: a@b.example
                Content-Type: multipart/mixed; boundary=x

                --x
                Content-Type: message/rfc822

                Content-Type: multipart/alternative; boundary=y
                Content-Transfer-Encoding: base64

                --y
                Content-Type: text/html; charset=nope

                <p style="font-size:0">=?utf-8?B?***?=</p><td>1</td>
                --x--
                """;
        byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] copy = bytes.clone();
            for (int j = 0; j < 5; j++) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            int cut = random.nextInt(copy.length + 1);
            assertThat(MailParser.parse(java.util.Arrays.copyOf(copy, cut))).isNotNull();
        }
        assertThat(MailParser.parse(new byte[0]).problems()).contains("empty message");
        assertThat(MailParser.parse(null).problems()).contains("empty message");
    }

    @Test
    void deeplyNestedMultipartsStopAtALimit() {
        StringBuilder mail = new StringBuilder("From: a@b.example\nContent-Type: multipart/mixed; boundary=b0\n\n");
        for (int i = 0; i < 40; i++) {
            mail.append("--b").append(i).append("\nContent-Type: multipart/mixed; boundary=b").append(i + 1).append("\n\n");
        }
        InboundMessage message = TestMail.parse(mail.toString());

        assertThat(message.problems()).anyMatch(p -> p.startsWith("MIME nesting deeper than"));
    }

    @Test
    void contentTypeWithABadParameterKeepsItsTypeAndBoundary() {
        InboundMessage message = TestMail.parse("""
                From: noreply@oru.com
                To: abc@mfa.example.net
                Subject: Code
                Content-Type: multipart/alternative; boundary="b1" format flowed

                --b1
                Content-Type: text/html; charset=utf-8

                <p>Your code is <b>482913</b></p>
                --b1--
                """);

        assertThat(message.text()).isEqualTo("Your code is 482913");
        assertThat(message.problems()).contains("malformed Content-Type parameters; kept those that parse");
    }

    @Test
    void mboxEnvelopeLineIsNotAHeader() {
        InboundMessage message = TestMail.parse("From noreply@oru.com Mon Mar  3 10:00:00 2025\nFrom: noreply@oru.com\n"
                + "To: abc@mfa.example.net\nSubject: Code\n\nCode 482913\n");

        assertThat(message.sender()).isEqualTo("noreply@oru.com");
        assertThat(message.text()).isEqualTo("Code 482913");
        assertThat(message.headers()).doesNotContainKey("from noreply@oru.com mon mar  3 10");
    }
}
