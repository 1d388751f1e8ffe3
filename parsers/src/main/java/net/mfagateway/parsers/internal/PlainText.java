package net.mfagateway.parsers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.mfagateway.parsers.Link;

/**
 * A text/plain body as a reader sees it: line breaks normalised, invisible characters dropped,
 * trailing spaces trimmed, and each http(s) URL taken as a link whose text is the rest of its
 * line (so "Unsubscribe: https://..." gives a link named "Unsubscribe").
 */
final class PlainText {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'\\[\\]{}|\\\\^`]{1,4000}",
            Pattern.CASE_INSENSITIVE);

    private PlainText() {
    }

    static RenderedText render(String body) {
        String text = VisibleChars.normalise(body);
        List<RenderedText.PlacedLink> links = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String url = trimTrailingPunctuation(m.group());
            links.add(new RenderedText.PlacedLink(m.start(), new Link(url, label(text, m.start(), m.start() + url.length()))));
        }
        return new RenderedText(text, links);
    }

    private static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?)".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    /** The URL's line without the URL, trimmed of the punctuation around it. */
    private static String label(String text, int start, int end) {
        int before = start;
        while (before > 0 && start - before < 200 && text.charAt(before - 1) != '\n') {
            before--;
        }
        int after = end;
        while (after < text.length() && after - end < 200 && text.charAt(after) != '\n') {
            after++;
        }
        String line = text.substring(before, start) + " " + text.substring(end, after);
        int from = 0;
        int to = line.length();
        while (from < to && isFiller(line.charAt(from))) {
            from++;
        }
        while (to > from && isFiller(line.charAt(to - 1))) {
            to--;
        }
        return line.substring(from, to);
    }

    /** Punctuation and space around a URL's label: "Unsubscribe: <https://...>." gives "Unsubscribe". */
    private static boolean isFiller(char c) {
        return Character.isWhitespace(c) || ":<>()[]|.,;-".indexOf(c) >= 0;
    }
}
