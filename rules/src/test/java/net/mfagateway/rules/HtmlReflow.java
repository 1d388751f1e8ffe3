package net.mfagateway.rules;

import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML laid out differently with the same visible meaning, as another template or mail client
 * would write it. Edits touch only text between tags (never markup, styles or scripts), so what
 * was hidden stays hidden and links stay as they were.
 */
final class HtmlReflow {

    private static final Pattern TAG_OR_TEXT = Pattern.compile("<!--.*?-->|<[^>]*>|[^<]+", Pattern.DOTALL);
    private static final Pattern TAG_NAME = Pattern.compile("^</?\\s*([A-Za-z][A-Za-z0-9]*)");
    /** Elements whose text a reader never sees as text. */
    private static final Set<String> NOT_TEXT = Set.of("head", "style", "script", "title");

    private HtmlReflow() {
    }

    /** Every space a reader sees written as {@code &nbsp;}, as Outlook and some editors do. */
    static String noBreakSpaces(String html) {
        return eachText(html, text -> text.replace(" ", "&nbsp;"));
    }

    /** Each code shown whole in one text run replaced by {@code wrapping.apply(code as shown)}. */
    static String wrapCode(String html, String code, UnaryOperator<String> wrapping) {
        Pattern whole = CodeSwap.shownInOneRun(code);
        return eachText(html, text -> whole.matcher(text).replaceAll(m -> Matcher.quoteReplacement(wrapping.apply(m.group()))));
    }

    /** The code in bold, large type: inline, so the reader's line does not change. */
    static String strong(String code) {
        return "<strong style=\"font-size:28px;letter-spacing:6px;color:#1a1a1a;\">" + code + "</strong>";
    }

    /** The code split across two styled spans, as templates do to space its halves. */
    static String spans(String code) {
        int half = code.length() / 2;
        return "<span style=\"letter-spacing:4px\">" + code.substring(0, half)
                + "</span><span style=\"letter-spacing:4px;margin-left:8px\">" + code.substring(half) + "</span>";
    }

    /** The code in a block of its own, so it reads as a line by itself. */
    static String block(String code) {
        return "<div style=\"font-size:32px;font-weight:bold;letter-spacing:8px;margin:16px 0;\">" + code + "</div>";
    }

    /** The code drawn one character per table cell, as boxed-digit templates do. */
    static String cells(String code) {
        StringBuilder row = new StringBuilder("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"4\"><tr>");
        for (char c : code.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                continue; // the boxes replace the spaces or hyphens that grouped the code
            }
            row.append("<td style=\"border:1px solid #cccccc;padding:8px 12px;font-size:24px;\">").append(c).append("</td>");
        }
        return row.append("</tr></table>").toString();
    }

    private static String eachText(String html, UnaryOperator<String> edit) {
        StringBuilder out = new StringBuilder();
        Matcher token = TAG_OR_TEXT.matcher(html);
        String skipping = null;
        while (token.find()) {
            String t = token.group();
            if (t.startsWith("<")) {
                Matcher name = TAG_NAME.matcher(t);
                if (name.find()) {
                    String tag = name.group(1).toLowerCase(Locale.ROOT);
                    if (skipping == null && !t.startsWith("</") && NOT_TEXT.contains(tag) && !t.endsWith("/>")) {
                        skipping = tag;
                    } else if (t.startsWith("</") && tag.equals(skipping)) {
                        skipping = null;
                    }
                }
                out.append(t);
            } else {
                out.append(skipping == null ? edit.apply(t) : t);
            }
        }
        return out.toString();
    }
}
