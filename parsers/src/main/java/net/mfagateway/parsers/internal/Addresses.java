package net.mfagateway.parsers.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the mail address in a From-style value: "Name &lt;addr&gt;", "addr (Name)", "Name [mailto:addr]". */
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

    /** Every address in the value, lower-cased, in order. */
    static java.util.List<String> all(String value) {
        java.util.List<String> found = new java.util.ArrayList<>();
        if (value == null) {
            return found;
        }
        Matcher m = ADDRESS.matcher(value.length() > 20 * SEARCHED ? value.substring(0, 20 * SEARCHED) : value);
        while (m.find()) {
            found.add(clean(m.group()));
        }
        return found;
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
