package net.mfagateway.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AutoForwardTest {

    private static InboundMessage withHeaders(String headers) {
        return TestMail.parse(headers + """
                From: Con Edison <noreply@coned.com>
                Subject: Your code
                Content-Type: text/plain

                Your code is 482913.
                """);
    }

    @Test
    void mailAddressedToTheConnectionIsDirect() {
        InboundMessage message = withHeaders("""
                Return-Path: <bounce-91_HTML-94096@bounce.e.coned.com>
                Delivered-To: abc123@mfa.example.net
                To: abc123@mfa.example.net
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.DIRECT);
        assertThat(message.originalSender()).isEqualTo("noreply@coned.com");
        assertThat(message.outerText()).isEmpty();
    }

    @Test
    void gmailForwardingHeadersMeanAuto() {
        InboundMessage message = withHeaders("""
                Delivered-To: abc123@mfa.example.net
                X-Forwarded-To: abc123@mfa.example.net
                X-Forwarded-For: sofia@gmail.com abc123@mfa.example.net
                To: abc123@mfa.example.net
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.AUTO);
        assertThat(message.originalSender()).isEqualTo("noreply@coned.com");
        assertThat(message.text()).isEqualTo("Your code is 482913.");
    }

    @Test
    void exchangeAutoForwardedHeaderMeansAuto() {
        assertThat(withHeaders("X-MS-Exchange-Organization-AutoForwarded: true\nTo: abc123@mfa.example.net\n").forwarding())
                .isEqualTo(Forwarding.AUTO);
        assertThat(withHeaders("X-MS-Exchange-Inbox-Rules-Loop: tom@customer.example\n").forwarding())
                .isEqualTo(Forwarding.AUTO);
    }

    @Test
    void srsReturnPathMeansAuto() {
        assertThat(withHeaders("Return-Path: <SRS0=UDWL=NO=coned.com=noreply@customer.example>\n").forwarding())
                .isEqualTo(Forwarding.AUTO);
        assertThat(withHeaders("Return-Path: <tom+SRS=a9ief=MY=coned.com=noreply@customer.example>\n").forwarding())
                .isEqualTo(Forwarding.AUTO);
    }

    @Test
    void resentHeadersMeanAuto() {
        assertThat(withHeaders("Resent-From: tom@customer.example\nResent-To: abc123@mfa.example.net\n").forwarding())
                .isEqualTo(Forwarding.AUTO);
    }

    @Test
    void customerMailboxDeliveredBelowTheGatewayMeansAuto() {
        InboundMessage message = withHeaders("""
                Delivered-To: abc123@mfa.example.net
                Delivered-To: nadia@customer.example
                To: Nadia <nadia@customer.example>
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.AUTO);
    }

    @Test
    void toNamingSomeoneElseThanTheReceivingMailboxMeansAuto() {
        InboundMessage message = withHeaders("""
                X-Original-To: abc123@gateway.example.org
                To: Tom <tom@customer.example>
                """);

        assertThat(message.forwarding()).isEqualTo(Forwarding.AUTO);
    }
}
