package net.mfagateway.gateway.bench;

import java.util.ArrayList;
import java.util.List;

/** The printed result: one row per figure, with the target and whether it was met. */
final class Table {

    private record Row(String group, String figure, String gateway, String postfix, String target, String met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void row(String group, String figure, String gateway, String target, Boolean met) {
        row(group, figure, gateway, "", target, met);
    }

    void row(String group, String figure, String gateway, String postfix, String target, Boolean met) {
        rows.add(new Row(group, figure, gateway, postfix, target, met == null ? "" : met ? "yes" : "NO"));
    }

    void note(String note) {
        notes.add(note);
    }

    void print() {
        int[] w = {1, "figure".length(), "gateway".length(), "postfix".length(), "target".length()};
        for (Row r : rows) {
            w[1] = Math.max(w[1], r.figure().length());
            w[2] = Math.max(w[2], r.gateway().length());
            w[3] = Math.max(w[3], r.postfix().length());
            w[4] = Math.max(w[4], r.target().length());
        }
        String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %" + w[2] + "s  %" + w[3] + "s  %-" + w[4] + "s  %s%n";
        System.out.printf(fmt, "#", "figure", "gateway", "postfix", "target", "met");
        System.out.println("-".repeat(w[0] + w[1] + w[2] + w[3] + w[4] + 15));
        String last = null;
        for (Row r : rows) {
            if (last != null && !last.equals(r.group())) {
                System.out.println();
            }
            last = r.group();
            System.out.printf(fmt, r.group(), r.figure(), r.gateway(), r.postfix(), r.target(), r.met());
        }
        for (String n : notes) {
            System.out.println("note: " + n);
        }
    }
}
