package net.mfagateway.parsers.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds mail addresses in a From-style value. Angus parses the RFC 5322 forms ("Name &lt;addr&gt;",
 * "addr (Name)", quoted names, groups). Values in a forwarded block are text a mail client wrote
 * for people, not header syntax ("Name [mailto:addr]", "Name addr"), and Angus's lenient parse
 * then returns a run of words as the address; such a result is not used, and the value is scanned
 * for something shaped like an address instead.
 */
final class Addresses {

    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,128}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");

    /** Only the start of a value is searched, so a huge header cannot cost much. */
    private static final int SEARCHED = 2000;

    private Addresses() {
    }

    /** The first address in the value, lower-cased, or "" when there is none. */
    static String first(String value) {
        if (value == null) {
            return "";
        }
        String head = value.length() > SEARCHED ? value.substring(0, SEARCHED) : value;
        List<String> parsed = parsed(head);
        return parsed.isEmpty() ? scanned(head) : parsed.get(0);
    }

    /** Every address in the value, lower-cased, in order. */
    static List<String> all(String value) {
        if (value == null) {
            return new ArrayList<>();
        }
        String head = value.length() > 20 * SEARCHED ? value.substring(0, 20 * SEARCHED) : value;
        List<String> parsed = parsed(head);
        if (!parsed.isEmpty()) {
            return parsed;
        }
        List<String> found = new ArrayList<>();
        Matcher m = ADDRESS.matcher(head);
        while (m.find()) {
            found.add(clean(m.group()));
        }
        return found;
    }

    /** Angus's reading of the value, or empty when it fails or gives anything not written as such. */
    private static List<String> parsed(String value) {
        InternetAddress[] addresses;
        try {
            addresses = InternetAddress.parseHeader(value, false);
        } catch (AddressException e) {
            return List.of();
        }
        List<String> found = new ArrayList<>(addresses.length);
        for (InternetAddress address : addresses) {
            String a = address.getAddress();
            if (a == null || !ADDRESS.matcher(a).matches() || !value.contains(a)) {
                return List.of();
            }
            found.add(clean(a));
        }
        return found;
    }

    /** The first address-shaped text, preferring one inside angle brackets. */
    private static String scanned(String head) {
        int open = head.indexOf('<');
        while (open >= 0) {
            int close = head.indexOf('>', open);
            if (close < 0) {
                break;
            }
            String found = find(head.substring(open + 1, close));
            if (!found.isEmpty()) {
                return found;
            }
            open = head.indexOf('<', close);
        }
        return find(head);
    }

    private static String find(String text) {
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? clean(m.group()) : "";
    }

    private static String clean(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (a.startsWith("mailto:")) {
            a = a.substring(7);
        }
        while (a.startsWith(".")) {
            a = a.substring(1);
        }
        return a;
    }
}
