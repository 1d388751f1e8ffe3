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
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = text.indexOf('\n', end);
        int before = Math.max(lineStart, start - 200);
        int after = Math.min(lineEnd < 0 ? text.length() : lineEnd, end + 200);
        String line = text.substring(before, start) + " " + text.substring(end, after);
        String label = line.replaceAll("[\\s:<>()\\[\\]|\\-]+$", "").replaceAll("^[\\s:<>()\\[\\]|\\-]+", "").strip();
        return label.length() > 200 ? label.substring(0, 200) : label;
    }
}
