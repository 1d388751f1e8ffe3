package net.mfagateway.gateway.worker.simulated;

import java.util.Objects;

/**
 * One account at the {@link SimulatedPortal}: how it asks for a second factor and how its code
 * mail behaves. {@code password} null accepts any password.
 */
public record PortalAccount(String username, String password, Mfa mfa, String mailTo, String sender, String subject,
        String question, String answer, Mail mail) {

    /** How the portal asks for a second factor. */
    public enum Mfa {
        NONE, EMAIL, SECURITY_QUESTION
    }

    /** What happens to the code mail: sent as a utility would, never sent, or sent in a form no rule knows. */
    public enum Mail {
        SEND, DROP, UNRECOGNISABLE
    }

    public PortalAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(mfa, "mfa");
        Objects.requireNonNull(mail, "mail");
    }

    /** An account that mails a code to {@code mailTo} from {@code sender} on every login. */
    public static PortalAccount emailCode(String username, String mailTo, String sender, String subject) {
        return new PortalAccount(username, null, Mfa.EMAIL, mailTo, sender, subject, null, null, Mail.SEND);
    }

    /** An account that asks a security question on every login. */
    public static PortalAccount securityQuestion(String username, String question, String answer) {
        return new PortalAccount(username, null, Mfa.SECURITY_QUESTION, null, null, null, question, answer, Mail.SEND);
    }

    public PortalAccount withMail(Mail how) {
        return new PortalAccount(username, password, mfa, mailTo, sender, subject, question, answer, how);
    }

    public PortalAccount withMailTo(String address) {
        return new PortalAccount(username, password, mfa, address, sender, subject, question, answer, mail);
    }
}
