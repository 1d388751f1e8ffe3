package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A text as the lines a reader sees: quote markers ("> ") and surrounding blanks stripped, empty
 * lines dropped, and a run of one-character lines (a code drawn one character per table cell)
 * joined into one line.
 */
final class Lines {

    private static final Pattern QUOTE = Pattern.compile("^[\\s>|\\u00A0]+");
    /** Mail texts beyond this are cut: no MFA message is this long, and it bounds the work. */
    static final int MAX_CHARS = 64 * 1024;

    private Lines() {
    }

    static List<String> of(String text) {
        String bounded = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<String> out = new ArrayList<>();
        StringBuilder cells = new StringBuilder();
        for (String raw : bounded.split("\\r?\\n|\\r")) {
            String line = QUOTE.matcher(raw).replaceFirst("").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() == 1 && Character.isLetterOrDigit(line.charAt(0))) {
                cells.append(line);
                continue;
            }
            flush(cells, out);
            out.add(line);
        }
        flush(cells, out);
        return out;
    }

    private static void flush(StringBuilder cells, List<String> out) {
        if (cells.length() >= 4) {
            out.add(cells.toString());
        } else if (!cells.isEmpty()) {
            cells.chars().forEach(c -> out.add(String.valueOf((char) c)));
        }
        cells.setLength(0);
    }
}
