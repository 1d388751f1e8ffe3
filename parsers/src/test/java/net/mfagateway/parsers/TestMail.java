package net.mfagateway.parsers;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Short inline messages for focused tests: lines joined with CRLF, as they arrive over SMTP. */
final class TestMail {

    private TestMail() {
    }

    static InboundMessage parse(String message) {
        return MailParser.parse(bytes(message, StandardCharsets.UTF_8));
    }

    static InboundMessage parse(String message, Charset charset) {
        return MailParser.parse(bytes(message, charset));
    }

    static byte[] bytes(String message, Charset charset) {
        return message.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(charset);
    }

    /** A direct HTML-only mail from a utility with the given body. */
    static InboundMessage html(String body) {
        return parse("""
                From: Utility <noreply@utility.example>
                To: abc123@mfa.example.net
                Delivered-To: abc123@mfa.example.net
                Subject: Your code
                Date: Mon, 3 Mar 2025 10:00:00 -0500
                Message-ID: <1@utility.example>
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                """ + body);
    }
}
