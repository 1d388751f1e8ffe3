package net.mfagateway.gateway.webhook;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import net.mfagateway.gateway.config.Relay;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Delivery;
import net.mfagateway.gateway.store.Store;

/**
 * Mails one code to one address of a connection's {@code copyTo}, through the configured relay
 * (jakarta.mail SMTP), as plain text with the code in the subject and the body, so the customer
 * sees it wherever they read mail. A copy for an address that has since left the list, or of a
 * deleted connection, is dropped.
 */
final class CopyMailer implements Courier {

    private final Store store;
    private final Relay relay;
    private final Session session;

    CopyMailer(Store store, Relay relay, String mailDomain, Duration connectTimeout, Duration timeout) {
        this.store = store;
        this.relay = relay;
        Properties p = new Properties();
        p.put("mail.smtp.host", relay.host());
        p.put("mail.smtp.port", Integer.toString(relay.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
        p.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        p.put("mail.smtp.localhost", mailDomain);
        p.put("mail.smtp.from", relay.from());
        p.put("mail.smtp.auth", Boolean.toString(relay.username().isPresent()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(relay.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(relay.starttls()));
        this.session = Session.getInstance(p);
    }

    @Override
    public Outcome attempt(Delivery d) {
        Optional<Connection> connection = store.connection(d.connectionId());
        if (connection.isEmpty()) {
            return new Outcome.Dropped("connection_deleted");
        }
        if (!connection.get().copyTo().contains(d.target())) {
            return new Outcome.Dropped("address_removed");
        }
        Optional<Code> code = store.codes(d.connectionId()).stream().filter(c -> c.id().equals(d.ref())).findFirst();
        if (code.isEmpty()) {
            return new Outcome.Dropped("code_missing");
        }
        try {
            MimeMessage message = message(connection.get(), code.get(), d.target());
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(relay.host(), relay.port(), relay.username().orElse(null),
                        relay.password().orElse(null));
                transport.sendMessage(message, message.getAllRecipients());
            }
            return new Outcome.Delivered("relay=" + relay.host() + ":" + relay.port());
        } catch (MessagingException e) {
            return new Outcome.Failed(reason(e));
        }
    }

    private MimeMessage message(Connection connection, Code code, String to) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(relay.from()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSentDate(new Date());
        // RFC 3834: an automatic message; vacation responders must not answer it.
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("X-Auto-Response-Suppress", "All");
        String utility = code.utility() != null ? code.utility() : connection.utility();
        boolean link = code.kind().equals("link");
        m.setSubject(link ? "Your " + utility + " sign-in link" : "Your " + utility + " code: " + code.code(), "UTF-8");
        m.setText(body(connection, code, utility, link), "UTF-8");
        return m;
    }

    private static String body(Connection connection, Code code, String utility, boolean link) {
        StringBuilder b = new StringBuilder();
        b.append(link ? "Sign-in link: " : "Code: ").append(code.code()).append("\n\n");
        b.append("Utility:    ").append(utility).append('\n');
        b.append("Connection: ").append(connection.label().isBlank() ? connection.id()
                : connection.label() + " (" + connection.id() + ")").append('\n');
        b.append("Received:   ").append(code.receivedAt()).append(" via ").append(code.channel()).append('\n');
        if (code.sender() != null && !code.sender().isBlank()) {
            b.append("From:       ").append(code.sender()).append('\n');
        }
        b.append("\nmfa-gateway sends this copy because this address is on the connection's copy list.\n");
        return b.toString();
    }

    /** The relay's answer or the I/O failure, on one line: it is logged and stored as lastError. */
    private static String reason(MessagingException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        if (root != e && root.getMessage() != null) {
            message += " (" + root.getMessage() + ")";
        }
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
