package net.mfagateway.rules.internal;

import java.util.List;

/**
 * Lines joined with "\n" for the patterns that read a whole text (vetoes, provider requirements,
 * the link request), with its {@link Haystack} for prefilters: made once per message.
 */
record Joined(boolean isEmpty, String text, Haystack haystack) {

    static Joined of(List<String> lines) {
        String text = String.join("\n", lines);
        return new Joined(lines.isEmpty(), text, new Haystack(text));
    }
}
