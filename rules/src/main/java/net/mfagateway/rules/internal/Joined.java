package net.mfagateway.rules.internal;

import java.util.List;

/**
 * Lines joined with "\n" for the patterns that read a whole text (vetoes, provider requirements,
 * the link request), with its {@link Needles#lower} copy for prefilters: made once per message.
 */
record Joined(boolean isEmpty, String text, String lower) {

    static Joined of(List<String> lines) {
        String text = String.join("\n", lines);
        return new Joined(lines.isEmpty(), text, Needles.lower(text));
    }
}
