package net.mfagateway.gateway.worker.simulated;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/** How the {@link SimulatedPortal} mails a code: over SMTP, as a utility's mail system would. */
final class PortalMail {

    private final String smtpHost;
    private final int smtpPort;
    private final Clock clock;

    PortalMail(String smtpHost, int smtpPort, Clock clock) {
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.clock = clock;
    }

    /**
     * Mails {@code code} to {@code to} as the account's mail setting says; false when it was not sent.
     * When {@code forwardTo} is given, {@code to} is an inbox that auto-forwards to it, as Gmail
     * does: the mail goes to {@code forwardTo} with {@code X-Forwarded-For} / {@code X-Forwarded-To}
     * and the inbox's sub-addressed envelope sender.
     */
    boolean send(PortalAccount account, String to, String code, String forwardTo) throws MessagingException {
        if (account.mail() == PortalAccount.Mail.DROP) {
            return false;
        }
        Properties props = new Properties();
        props.put("mail.smtp.host", smtpHost);
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        if (forwardTo != null) {
            int at = to.indexOf('@');
            props.put("mail.smtp.from", to.substring(0, at) + "+caf_=" + forwardTo.replace('@', '=') + to.substring(at));
        }
        MimeMessage m = new MimeMessage(Session.getInstance(props));
        m.setFrom(new InternetAddress(account.sender()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        if (forwardTo != null) {
            m.setHeader("X-Forwarded-For", to + " " + forwardTo);
            m.setHeader("X-Forwarded-To", forwardTo);
        }
        m.setSentDate(Date.from(clock.instant()));
        if (account.mail() == PortalAccount.Mail.UNRECOGNISABLE) {
            // What a redesigned template without a recognisable code phrase looks like to the rules.
            m.setSubject("Account notice", StandardCharsets.UTF_8.name());
            m.setText("Hello,\nSomeone signed in to your account. Reference " + code.charAt(0)
                    + "-" + code.substring(1) + "-X.\n", StandardCharsets.UTF_8.name());
        } else {
            String spaced = code.substring(0, 3) + " " + code.substring(3);
            m.setSubject(account.subject(), StandardCharsets.UTF_8.name());
            m.setText("Your verification code is " + spaced + ".\nThis code expires in 10 minutes.\n",
                    StandardCharsets.UTF_8.name());
        }
        if (forwardTo != null) {
            Transport.send(m, new InternetAddress[] {new InternetAddress(forwardTo)});
        } else {
            Transport.send(m);
        }
        return true;
    }
}
