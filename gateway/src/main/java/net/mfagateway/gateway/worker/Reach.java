package net.mfagateway.gateway.worker;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a second factor reaches this gateway for one connection: its managed address, its relay
 * number, the customer inboxes its codes have come forwarded from, and whether security answers
 * are stored. Portals show destinations masked, so they are matched as a person would: same
 * domain and the visible ends of the local part for an address, the visible last digits for a
 * number.
 */
public record Reach(String email, String phone, Set<String> forwardingInboxes, boolean answersStored) {

    public Reach {
        forwardingInboxes = Set.copyOf(forwardingInboxes);
    }

    /**
     * The option to choose, best first: a code mailed to the connection's own address, a text to its
     * number, a security question when answers are stored, then a code mailed to an inbox that has
     * forwarded codes here before (customer-inbox forwarding breaks more often than the others).
     * Empty when no option reaches the gateway.
     */
    public Optional<MfaOption> best(List<MfaOption> offered) {
        return offered.stream().filter(o -> rank(o) < Integer.MAX_VALUE).min(Comparator.comparingInt(this::rank));
    }

    private int rank(MfaOption o) {
        return switch (o.method()) {
            case "email" -> maskedEmailMatches(o.to(), email) ? 0
                    : forwardingInboxes.stream().anyMatch(inbox -> maskedEmailMatches(o.to(), inbox)) ? 3
                    : Integer.MAX_VALUE;
            case "sms" -> phone != null && maskedPhoneMatches(o.to(), phone) ? 1 : Integer.MAX_VALUE;
            case "security_question" -> answersStored ? 2 : Integer.MAX_VALUE;
            default -> Integer.MAX_VALUE;
        };
    }

    /** {@code s7****@mfa.example.com} against {@code s78w8b...@mfa.example.com}: domain equal, visible ends equal. */
    static boolean maskedEmailMatches(String masked, String address) {
        if (address == null) {
            return false;
        }
        String m = masked.strip().toLowerCase(Locale.ROOT);
        String a = address.strip().toLowerCase(Locale.ROOT);
        int mAt = m.lastIndexOf('@');
        int aAt = a.lastIndexOf('@');
        if (mAt <= 0 || aAt <= 0 || !m.substring(mAt).equals(a.substring(aAt))) {
            return false;
        }
        String mLocal = m.substring(0, mAt);
        String aLocal = a.substring(0, aAt);
        int first = mLocal.indexOf('*');
        if (first < 0) {
            return mLocal.equals(aLocal);
        }
        String head = mLocal.substring(0, first);
        String tail = mLocal.substring(mLocal.lastIndexOf('*') + 1);
        // A mask that shows nothing of the local part cannot tell two addresses at one domain apart.
        return !head.isEmpty() && aLocal.length() >= head.length() + tail.length() && aLocal.startsWith(head)
                && aLocal.endsWith(tail);
    }

    /** {@code ***-***-1111} against {@code +15550001111}: at least two visible last digits, equal. */
    static boolean maskedPhoneMatches(String masked, String phone) {
        String digits = phone.replaceAll("\\D", "");
        int star = masked.lastIndexOf('*');
        String visible = masked.substring(star + 1).replaceAll("\\D", "");
        if (star < 0) {
            String all = masked.replaceAll("\\D", "");
            return !all.isEmpty() && (digits.equals(all) || digits.endsWith(all) && all.length() >= 10);
        }
        return visible.length() >= 2 && digits.endsWith(visible);
    }
}
