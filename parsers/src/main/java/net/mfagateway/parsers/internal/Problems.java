package net.mfagateway.parsers.internal;

import java.util.ArrayList;
import java.util.List;

/** What was wrong with one message, in the order it was noticed; capped so junk cannot flood it. */
final class Problems {

    private static final int LIMIT = 40;

    private final List<String> items = new ArrayList<>();

    void add(String problem) {
        if (items.size() < LIMIT && !items.contains(problem)) {
            items.add(problem);
        } else if (items.size() == LIMIT) {
            items.add("more problems not recorded");
        }
    }

    List<String> asList() {
        return List.copyOf(items);
    }
}
