package net.mfagateway.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttachedForwardTest {

    @Test
    void messageRfc822AttachmentIsTheOriginal() {
        InboundMessage message = TestMail.parse("""
                From: Paul Sorensen <paul@customer.example>
                To: abc123@mfa.example.net
                Subject: FW: Your code
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain

                Code attached. Paul, cell 555-0172
                --outer
                Content-Type: message/rfc822
                Content-Disposition: attachment

                From: Ameren <noreply@ameren.com>
                To: paul@customer.example
                Subject: Your Ameren code
                Content-Type: text/plain

                Your code is 604481.
                --outer--
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.ATTACHED);
        assertThat(message.sender()).isEqualTo("paul@customer.example");
        assertThat(message.originalSender()).isEqualTo("noreply@ameren.com");
        assertThat(message.subject()).isEqualTo("Your Ameren code");
        assertThat(message.text()).isEqualTo("Your code is 604481.");
        assertThat(message.outerText()).isEqualTo("Code attached. Paul, cell 555-0172");
    }

    @Test
    void base64EmlFileAttachmentIsTheOriginal() {
        InboundMessage message = TestMail.parse("""
                From: Paul Sorensen <paul@customer.example>
                To: abc123@mfa.example.net
                Subject: code
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain

                See attachment.
                --outer
                Content-Type: application/octet-stream; name="Your FPL code.eml"
                Content-Disposition: attachment; filename="Your FPL code.eml"
                Content-Transfer-Encoding: base64

                RnJvbTogRlBMIDxub3JlcGx5QGZwbC5jb20+DQpUbzogZGFuYUBjdXN0b21lci5leGFtcGxlDQpTdWJqZWN0OiBZb3VyIEZQTCBjb2RlDQpDb250ZW50LVR5cGU6IHRleHQvaHRtbA0KDQo8cD5Zb3VyIGNvZGUgaXMgPGI+ODM5MjAxNTQ8L2I+PC9wPg0K
                --outer--
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.ATTACHED);
        assertThat(message.originalSender()).isEqualTo("noreply@fpl.com");
        assertThat(message.text()).isEqualTo("Your code is 83920154");
    }

    @Test
    void attachedBounceIsSignedByItsPostmasterEvenWhenItCarriesTheOriginal() {
        InboundMessage message = TestMail.parse("""
                From: Paul Sorensen <paul@customer.example>
                To: abc123@mfa.example.net
                Subject: FW: Undeliverable: Access code
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain

                Bounce message attached.
                --outer
                Content-Type: message/rfc822

                From: Microsoft Outlook <MicrosoftExchange329e71@customer.example>
                To: paul@customer.example
                Subject: Undeliverable: Access code
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Remote Server returned '550 5.7.520 Access denied'
                --r
                Content-Type: message/delivery-status

                Status: 5.7.520
                --r
                Content-Type: message/rfc822

                From: Potomac Edison <noreply@firstenergycorp.com>
                Subject: Access code

                Your code is 123456.
                --r--
                --outer--
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.ATTACHED);
        assertThat(message.originalSender()).isEqualTo("microsoftexchange329e71@customer.example");
        assertThat(message.text()).isEqualTo("Remote Server returned '550 5.7.520 Access denied'");
    }
}
