package net.mfagateway.gateway.worker.simulated;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One account at the {@link SimulatedPortal}: its password ({@code null} accepts any), whether the
 * portal wants that password changed, where it offers to send the second factor (none: it asks
 * for none; one: it sends there at once; several: the login chooses), and how its code mail
 * behaves. Codes are mailed from {@code sender} with {@code subject}, texted from a short code.
 */
public record PortalAccount(String username, String password, boolean passwordExpired,
        List<Destination> destinations, String sender, String subject, String question, String answer, Mail mail) {

    /** Where a second factor can go: an address, a number, or the account's security question. */
    public record Destination(Kind kind, String to) {
        public Destination {
            Objects.requireNonNull(kind, "kind");
        }

        public static Destination email(String address) {
            return new Destination(Kind.EMAIL, address);
        }

        public static Destination sms(String phone) {
            return new Destination(Kind.SMS, phone);
        }

        public static Destination question() {
            return new Destination(Kind.SECURITY_QUESTION, null);
        }
    }

    public enum Kind {
        EMAIL, SMS, SECURITY_QUESTION
    }

    /** What happens to the code mail: sent as a utility would, never sent, or sent in a form no rule knows. */
    public enum Mail {
        SEND, DROP, UNRECOGNISABLE
    }

    public PortalAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(mail, "mail");
        destinations = List.copyOf(destinations);
    }

    /** An account that mails a code to {@code mailTo} from {@code sender} on every login. */
    public static PortalAccount emailCode(String username, String mailTo, String sender, String subject) {
        return new PortalAccount(username, null, false, List.of(Destination.email(mailTo)), sender, subject, null, null,
                Mail.SEND);
    }

    /** An account that asks a security question on every login. */
    public static PortalAccount securityQuestion(String username, String question, String answer) {
        return new PortalAccount(username, null, false, List.of(Destination.question()), null, null, question, answer,
                Mail.SEND);
    }

    public PortalAccount withMail(Mail how) {
        return new PortalAccount(username, password, passwordExpired, destinations, sender, subject, question, answer,
                how);
    }

    /** With the email destinations replaced by {@code address}. */
    public PortalAccount withMailTo(String address) {
        List<Destination> d = new ArrayList<>();
        for (Destination x : destinations) {
            d.add(x.kind() == Kind.EMAIL ? Destination.email(address) : x);
        }
        return withDestinations(d);
    }

    /** Offering exactly these destinations, in this order. */
    public PortalAccount withDestinations(List<Destination> offered) {
        return new PortalAccount(username, password, passwordExpired, offered, sender, subject, question, answer, mail);
    }

    /** With a security question besides (or instead of) codes. */
    public PortalAccount withQuestion(String q, String a) {
        return new PortalAccount(username, password, passwordExpired, destinations, sender, subject, q, a, mail);
    }

    public PortalAccount withPassword(String pw) {
        return new PortalAccount(username, pw, passwordExpired, destinations, sender, subject, question, answer, mail);
    }

    /** The portal takes the password but demands a new one before letting anyone in. */
    public PortalAccount withPasswordExpired(boolean expired) {
        return new PortalAccount(username, password, expired, destinations, sender, subject, question, answer, mail);
    }
}
