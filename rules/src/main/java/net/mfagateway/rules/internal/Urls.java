package net.mfagateway.rules.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.mfagateway.parsers.Link;

/** The links of a message: the parser's, plus URLs written out in the text (SMS has only those). */
final class Urls {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'()\\[\\]{}]{1,2000}");
    private static final Pattern TRAILING = Pattern.compile("[.,;:!?]+$");

    private Urls() {
    }

    /** Each URL once, with every anchor text or line it appeared with. */
    static Map<String, List<String>> of(List<Link> links, List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Link link : links) {
            out.computeIfAbsent(link.url().strip(), k -> new ArrayList<>()).add(link.text());
        }
        for (String line : lines) {
            Matcher m = URL.matcher(line);
            while (m.find()) {
                String url = TRAILING.matcher(m.group()).replaceFirst("");
                out.computeIfAbsent(url, k -> new ArrayList<>()).add(line.substring(0, m.start()));
            }
        }
        return out;
    }

    /** The lower-case host of {@code url}, or "" when it has none. */
    static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            int start = url.indexOf("://");
            if (start < 0) {
                return "";
            }
            String rest = url.substring(start + 3);
            int end = rest.indexOf('/');
            return (end < 0 ? rest : rest.substring(0, end)).toLowerCase(Locale.ROOT);
        }
    }

    /** The last two labels of a host or mail domain: "myaccount.ameren.com" to "ameren.com". */
    static String base(String domain) {
        int last = domain.lastIndexOf('.');
        if (last < 0) {
            return domain;
        }
        int previous = domain.lastIndexOf('.', last - 1);
        return previous < 0 ? domain : domain.substring(previous + 1);
    }
}
