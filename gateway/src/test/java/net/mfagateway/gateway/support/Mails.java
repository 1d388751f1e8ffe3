package net.mfagateway.gateway.support;

import java.util.UUID;

/** Small MFA mails for tests. */
public final class Mails {

    private Mails() {
    }

    public static String codeMail(String from, String to, String code) {
        return "From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + "Subject: Your verification code\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@test.example>\r\n"
                + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Your verification code is " + code + ". It expires in 10 minutes.\r\n";
    }
}
