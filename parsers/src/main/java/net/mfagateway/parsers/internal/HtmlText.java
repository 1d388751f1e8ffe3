package net.mfagateway.parsers.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import net.mfagateway.parsers.Link;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Renders HTML to the text a reader sees. Hidden elements ({@link HiddenStyles}), style, script,
 * head, comments and images are dropped. Block elements and {@code <br>} break lines; paragraphs
 * and headings are followed by a blank line. Inline elements add nothing, so a code split across
 * spans reads as one word.
 *
 * <p>Table cells in a row are separated by a tab, as a reader sees columns apart; except a run
 * of four or more cells that each hold a single character, which is how mail lays out a code one
 * digit per box, and which a reader reads as one word: those cells are joined with nothing.
 */
final class HtmlText implements NodeFilter {

    private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title", "template",
            "img", "svg", "object", "iframe", "meta", "link", "noscript", "map", "audio", "video", "canvas",
            "select", "input", "textarea", "base");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "ul", "ol", "dl", "address", "figure", "fieldset");
    private static final Set<String> BLOCKS = Set.of("div", "li", "tr", "table", "tbody", "thead", "tfoot",
            "center", "section", "article", "header", "footer", "nav", "main", "aside", "dt", "dd",
            "form", "hr", "caption", "details", "summary", "dialog", "menu", "dir", "hgroup",
            "figcaption", "legend", "option", "body", "html");

    private static final int MIN_GLYPH_RUN = 4;

    /**
     * Past this many tags the rest of a document is not read: jsoup's tree building slows
     * with nesting depth, and real mail stays far below it.
     */
    private static final int MAX_TAGS = 20_000;

    private final HiddenStyles hidden;
    private final StringBuilder out = new StringBuilder();
    private final List<RenderedText.PlacedLink> links = new ArrayList<>();
    private final Deque<Integer> anchorStarts = new ArrayDeque<>();
    private final Set<Element> glyphCells = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean pendingSpace;
    private int preformatted;

    private HtmlText(HiddenStyles hidden) {
        this.hidden = hidden;
    }

    static RenderedText render(String html, Problems problems) {
        Document document = Jsoup.parse(withinTagLimit(html, problems));
        HtmlText renderer = new HtmlText(HiddenStyles.of(document));
        NodeTraversor.filter(renderer, document);
        return renderer.result();
    }

    private static String withinTagLimit(String html, Problems problems) {
        int tags = 0;
        for (int i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
            if (++tags > MAX_TAGS) {
                problems.add("HTML has more than " + MAX_TAGS + " tags; rest not read");
                return html.substring(0, i);
            }
        }
        return html;
    }

    @Override
    public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode text) {
            appendText(text.getWholeText());
            return FilterResult.CONTINUE;
        }
        if (!(node instanceof Element element)) {
            return FilterResult.CONTINUE;
        }
        String tag = element.normalName();
        if (SKIPPED.contains(tag) || hidden.hides(element)) {
            return FilterResult.SKIP_ENTIRELY;
        }
        switch (tag) {
            case "br" -> lineBreak();
            case "td", "th" -> cellStart(element);
            case "tr" -> {
                ensureNewline();
                markGlyphCells(element);
            }
            case "a" -> {
                if (hasHref(element)) {
                    anchorStarts.push(out.length());
                }
            }
            case "pre" -> {
                ensureBlankLine();
                preformatted++;
            }
            default -> {
                if (PARAGRAPHS.contains(tag)) {
                    ensureBlankLine();
                } else if (BLOCKS.contains(tag)) {
                    ensureNewline();
                }
            }
        }
        return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
        if (!(node instanceof Element element)) {
            return FilterResult.CONTINUE;
        }
        String tag = element.normalName();
        if (tag.equals("a") && hasHref(element)) {
            finishLink(element, anchorStarts.pop());
        } else if (tag.equals("pre")) {
            preformatted--;
            ensureBlankLine();
        } else if (PARAGRAPHS.contains(tag)) {
            ensureBlankLine();
        } else if (BLOCKS.contains(tag)) {
            ensureNewline();
        }
        return FilterResult.CONTINUE;
    }

    private RenderedText result() {
        VisibleChars.trimTrailingSpaces(out);
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        out.setLength(end);
        String text = out.toString();
        List<RenderedText.PlacedLink> placed = new ArrayList<>();
        for (RenderedText.PlacedLink link : links) {
            placed.add(new RenderedText.PlacedLink(Math.min(link.offset(), text.length()), link.link()));
        }
        return new RenderedText(text, placed);
    }

    private void appendText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (VisibleChars.isInvisible(c)) {
                continue;
            }
            if (preformatted > 0 && (c == '\n' || c == '\r')) {
                if (c == '\n') {
                    lineBreak();
                }
                continue;
            }
            if (VisibleChars.isSpace(c) || c == '\n' || c == '\r') {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && !atLineStart()) {
                out.append(' ');
            }
            pendingSpace = false;
            out.append(c);
        }
    }

    private boolean atLineStart() {
        if (out.isEmpty()) {
            return true;
        }
        char last = out.charAt(out.length() - 1);
        return last == '\n' || last == '\t';
    }

    private void lineBreak() {
        pendingSpace = false;
        VisibleChars.trimTrailingSpaces(out);
        if (!out.isEmpty() && !endsWithBlankLine()) {
            out.append('\n');
        }
    }

    private void ensureNewline() {
        pendingSpace = false;
        VisibleChars.trimTrailingSpaces(out);
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private void ensureBlankLine() {
        ensureNewline();
        if (!out.isEmpty() && !endsWithBlankLine()) {
            out.append('\n');
        }
    }

    private boolean endsWithBlankLine() {
        int n = out.length();
        return n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n';
    }

    private void cellStart(Element cell) {
        pendingSpace = false;
        Element previous = cell.previousElementSibling();
        boolean follows = previous != null && (previous.normalName().equals("td") || previous.normalName().equals("th"));
        if (!follows || atLineStart()) {
            return;
        }
        if (glyphCells.contains(cell) && glyphCells.contains(previous)) {
            return;
        }
        VisibleChars.trimTrailingSpaces(out);
        out.append('\t');
    }

    /** Marks runs of consecutive one-character cells in a row, which are read as one word. */
    private void markGlyphCells(Element row) {
        List<Element> run = new ArrayList<>();
        for (Element cell : row.children()) {
            String name = cell.normalName();
            if (!name.equals("td") && !name.equals("th")) {
                continue;
            }
            // Only small cells can hold a single character; this keeps layout tables cheap.
            String text = cell.childNodeSize() <= 5 ? cell.text().strip() : "";
            if (!text.isEmpty() && !hidden.hides(cell) && text.codePointCount(0, text.length()) == 1) {
                run.add(cell);
            } else {
                keepRun(run);
            }
        }
        keepRun(run);
    }

    private void keepRun(List<Element> run) {
        if (run.size() >= MIN_GLYPH_RUN) {
            glyphCells.addAll(run);
        }
        run.clear();
    }

    private void finishLink(Element anchor, int start) {
        int from = Math.min(start, out.length());
        String text = out.substring(from).strip();
        if (text.isEmpty()) {
            text = anchor.getElementsByTag("img").eachAttr("alt").stream()
                    .filter(alt -> !alt.isBlank()).findFirst().orElse("").strip();
        }
        links.add(new RenderedText.PlacedLink(from, new Link(browserUrl(anchor.attr("href")), text)));
    }

    private static boolean hasHref(Element anchor) {
        return !anchor.attr("href").isBlank();
    }

    /**
     * The URL as a browser requests it (WHATWG URL parsing): entities were decoded by the HTML
     * parser; leading and trailing spaces and controls go, tabs and line breaks inside are removed.
     */
    static String browserUrl(String href) {
        String url = href.strip();
        if (url.indexOf('\n') >= 0 || url.indexOf('\r') >= 0 || url.indexOf('\t') >= 0) {
            url = url.replace("\n", "").replace("\r", "").replace("\t", "");
        }
        return url.replace(" ", "%20");
    }
}
