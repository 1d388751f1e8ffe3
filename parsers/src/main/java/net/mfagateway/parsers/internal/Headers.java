package net.mfagateway.parsers.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The header fields of one MIME entity, in order, with unfolded values. */
record Headers(List<Field> fields) {

    /** One header field: its name as written and its unfolded, undecoded value. */
    record Field(String name, String value) {
    }

    Headers {
        fields = List.copyOf(fields);
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
