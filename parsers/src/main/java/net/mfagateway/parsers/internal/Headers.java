package net.mfagateway.parsers.internal;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header fields of one MIME entity as Angus read them, in order, with unfolded values.
 * Values are capped in length and count, so enormous headers cost little, and 8-bit bytes are
 * read as a mail client would (see {@link TextDecoding#headerText}).
 */
final class Headers {

    private static final int MAX_VALUE = 32 * 1024;
    private static final int MAX_FIELDS = 1000;

    /** One header field: its name as written and its unfolded, undecoded value. */
    record Field(String name, String value) {
    }

    private final List<Field> fields;

    private Headers(List<Field> fields) {
        this.fields = fields;
    }

    static Headers of(MimePart part, Problems problems) {
        Enumeration<Header> all;
        try {
            all = part.getAllHeaders();
        } catch (MessagingException e) {
            problems.add("headers unreadable");
            return new Headers(List.of());
        }
        List<Field> fields = new ArrayList<>();
        while (all.hasMoreElements()) {
            Header header = all.nextElement();
            if (fields.size() == MAX_FIELDS) {
                problems.add("more than " + MAX_FIELDS + " header fields");
                break;
            }
            fields.add(new Field(header.getName(), value(header, problems)));
        }
        return new Headers(List.copyOf(fields));
    }

    private static String value(Header header, Problems problems) {
        String folded = header.getValue();
        if (folded.length() > MAX_VALUE) {
            // Cut before unfolding: MimeUtility.unfold copies the rest of the value at each fold.
            problems.add("header " + header.getName() + " truncated");
            folded = folded.substring(0, MAX_VALUE);
        }
        return TextDecoding.headerText(MimeUtility.unfold(folded)).strip();
    }

    /** The first value of {@code name}, or null. */
    String first(String name) {
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.value();
            }
        }
        return null;
    }

    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                values.add(field.value());
            }
        }
        return values;
    }

    boolean has(String name) {
        return first(name) != null;
    }

    /** Lower-case names to values, in the order they were written. */
    Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Field field : fields) {
            map.computeIfAbsent(field.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(field.value());
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return map;
    }
}
