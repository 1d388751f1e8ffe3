package net.mfagateway.parsers.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Decides which HTML elements a reader cannot see: inline styles that hide (display:none,
 * visibility:hidden, mso-hide:all, zero font size or opacity, zero height or width with overflow
 * hidden), the hidden attribute, and classes that a style block hides outside any media query.
 * Rules inside {@code @media} are ignored: they hide things only on some screens.
 */
final class HiddenStyles {

    private static final int MAX_CSS = 200_000;
    private static final Set<String> LENGTH_UNITS = Set.of("px", "pt", "em", "rem", "%", "ex", "ch", "vh", "vw",
            "cm", "mm", "in", "pc");
    private static final java.util.regex.Pattern CLASS_SELECTOR =
            java.util.regex.Pattern.compile("[a-z0-9]*\\.[a-z0-9_-]+");

    private final Set<String> hiddenClasses;

    private HiddenStyles(Set<String> hiddenClasses) {
        this.hiddenClasses = hiddenClasses;
    }

    static HiddenStyles of(Document document) {
        Set<String> classes = new HashSet<>();
        for (Element style : document.getElementsByTag("style")) {
            collectHiddenClasses(style.data(), classes);
        }
        return new HiddenStyles(classes);
    }

    boolean hides(Element element) {
        if (element.hasAttr("hidden")) {
            return true;
        }
        String style = element.attr("style");
        if (!style.isEmpty() && declarationsHide(style)) {
            return true;
        }
        if (!hiddenClasses.isEmpty() && element.hasAttr("class")) {
            for (String name : element.classNames()) {
                if (hiddenClasses.contains(name.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when a list of CSS declarations hides its element. */
    static boolean declarationsHide(String declarations) {
        String css = declarations.toLowerCase(Locale.ROOT);
        if (css.indexOf(':') < 0) {
            return false;
        }
        boolean overflowHidden = false;
        boolean zeroBox = false;
        for (String declaration : css.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String property = declaration.substring(0, colon).strip();
            String value = declaration.substring(colon + 1).replace("!important", "").strip();
            switch (property) {
                case "display" -> {
                    if (value.equals("none")) {
                        return true;
                    }
                }
                case "visibility" -> {
                    if (value.equals("hidden") || value.equals("collapse")) {
                        return true;
                    }
                }
                case "mso-hide" -> {
                    if (value.equals("all")) {
                        return true;
                    }
                }
                case "font-size", "opacity" -> {
                    if (isZero(value)) {
                        return true;
                    }
                }
                case "max-height", "height", "max-width", "width" -> zeroBox |= isZero(value);
                case "overflow", "overflow-x", "overflow-y" -> overflowHidden |= value.equals("hidden");
                default -> {
                }
            }
        }
        return overflowHidden && zeroBox;
    }

    /** "0", "0px", "0.0em", "0%" and the like. */
    static boolean isZero(String value) {
        int i = 0;
        boolean digit = false;
        while (i < value.length() && (value.charAt(i) == '0' || value.charAt(i) == '.')) {
            digit |= value.charAt(i) == '0';
            i++;
        }
        if (!digit) {
            return false;
        }
        String unit = value.substring(i).strip();
        return unit.isEmpty() || LENGTH_UNITS.contains(unit);
    }

    /** Classes hidden by simple rules like ".preheader { display:none }" outside media queries. */
    private static void collectHiddenClasses(String css, Set<String> classes) {
        String text = (css.length() > MAX_CSS ? css.substring(0, MAX_CSS) : css).replace("<!--", " ").replace("-->", " ");
        int pos = 0;
        int depth = 0;
        int selectorStart = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '*') {
                int close = text.indexOf("*/", pos + 2);
                pos = close < 0 ? text.length() : close + 2;
                if (depth == 0) {
                    selectorStart = pos;
                }
                continue;
            }
            if (c == '{') {
                String selector = text.substring(selectorStart, pos).strip();
                if (depth == 0 && !selector.startsWith("@")) {
                    int close = text.indexOf('}', pos);
                    String body = text.substring(pos + 1, close < 0 ? text.length() : close);
                    if (declarationsHide(body)) {
                        addClasses(selector, classes);
                    }
                    pos = close < 0 ? text.length() : close + 1;
                    selectorStart = pos;
                    continue;
                }
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
                selectorStart = pos + 1;
            } else if (c == ';' && depth == 0) {
                selectorStart = pos + 1;
            }
            pos++;
        }
    }

    private static void addClasses(String selectorList, Set<String> classes) {
        for (String selector : selectorList.split(",")) {
            String s = selector.strip().toLowerCase(Locale.ROOT);
            if (CLASS_SELECTOR.matcher(s).matches()) {
                classes.add(s.substring(s.indexOf('.') + 1));
            }
        }
    }
}
