package net.mfagateway.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.parsers.MailParser;

/**
 * The realistic variants of one corpus mail whose answer is a code or a link: each changes what
 * a utility, a mail client or a forwarder may change, and keeps the meaning, so the right answer
 * is still known. A change that applies to nothing in the message (no HTML to re-flow, no plain
 * alternative to drop) gives no variant.
 */
final class MailVariants {

    /** Width of a narrow client that hard-wraps plain text. */
    private static final int NARROW = 60;
    private static final Pattern ADDRESS = Pattern.compile("<([^<>@\\s]+@[^<>\\s]+)>|([^<>\\s\"]+@[^<>\\s\"]+)");
    /** No code to keep whole when a link message is re-wrapped. */
    private static final Pattern NOTHING = Pattern.compile("(?!)");
    private static final Pattern FORWARD_PREFIX = Pattern.compile("(?i)^(fwd?|fw)\\s*:\\s*");

    private final String name;
    private final byte[] raw;
    private final String utility;
    private final Map<String, String> exact;
    private final Map<String, String> loose;
    private final List<Variant> out = new ArrayList<>();

    private MailVariants(String name, byte[] raw, String utility, Map<String, String> exact) {
        this.name = name;
        this.raw = raw;
        this.utility = utility;
        this.exact = exact;
        this.loose = new LinkedHashMap<>(exact);
        loose.remove("senderStatus");
    }

    /**
     * Variants of one case; none for malformed mail, whose expected answer is what a lenient parser
     * happens to recover, which any change may move.
     */
    static List<Variant> of(String name, String utility, Map<String, String> expect, String forwarding,
            String author, byte[] raw, Random random) {
        String kind = expect.get("kind");
        InboundMessage base = MailParser.parse(raw);
        if (!kind.equals("code") && !kind.equals("link") || !base.problems().isEmpty()) {
            return List.of();
        }
        MailVariants v = new MailVariants(name, raw, utility, expect);
        boolean forwarded = !forwarding.equals("direct");
        boolean authorInHeaders = !forwarding.equals("inline");
        if (kind.equals("code")) {
            v.newCode(expect.get("code"), base, random);
        }
        if ("known".equals(expect.get("senderStatus"))) {
            v.out.add(new Variant(name, "utility.none", new Variant.Mail(raw), null, v.loose));
        }
        v.alternatives();
        v.plainText(kind.equals("code") ? CodeSwap.shownInOneRun(expect.get("code")) : NOTHING);
        v.add("html.nbsp", html(raw, HtmlReflow::noBreakSpaces), utility, expect);
        if (kind.equals("code")) {
            v.codeLayout(expect.get("code"), base);
        }
        v.wording();
        v.subjects(forwarding, kind.equals("code") ? expect.get("code") : null);
        if (authorInHeaders) {
            v.senders(author);
        }
        v.add("raw.lf-line-ends", new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                .getBytes(StandardCharsets.ISO_8859_1), utility, expect);
        if (forwarded) {
            v.add("subject.external-tag", RawMail.editOuterHeader(raw, "Subject", s -> RawMail.encodedWord("[EXTERNAL] " + s)),
                    utility, expect);
        }
        return v.out;
    }

    /** The code replaced by another of its shape everywhere: subject, text and HTML, forwarded or attached. */
    private void newCode(String code, InboundMessage base, Random random) {
        CodeSwap swap = CodeSwap.of(code, random, new String(raw, StandardCharsets.ISO_8859_1) + base.text()
                + base.subject() + base.outerText());
        byte[] swapped = RawMail.editHeader(RawMail.editText(raw, (subtype, text) -> swap.applyTo(text)), "Subject",
                s -> RawMail.encodedWord(swap.applyTo(s)));
        InboundMessage parsed = MailParser.parse(swapped);
        if (swap.countIn(parsed.subject() + "\n" + parsed.text() + "\n" + parsed.outerText()) > 0) {
            throw new IllegalStateException(name + ": the old code is still shown after the swap");
        }
        Map<String, String> expect = new LinkedHashMap<>(exact);
        expect.put("code", swap.newCode());
        add("code.new-value", swapped, utility, expect);
    }

    /** The name the message gives its code worded as other utilities word it, in subject and body alike. */
    private void wording() {
        for (String phrase : CodePhrase.OTHER_NAMES) {
            add("wording." + phrase.replace(' ', '-'), RawMail.editHeader(
                    RawMail.editText(raw, (subtype, text) -> CodePhrase.renamed(text, phrase)), "Subject",
                    s -> RawMail.encodedWord(CodePhrase.renamed(s, phrase))), utility, exact);
        }
    }

    /** Only the HTML or only the plain alternative, as clients that show or forward one of them. */
    private void alternatives() {
        if (RawMail.hasAlternative(raw, "plain")) {
            add("alternative.html-only", RawMail.withoutAlternative(raw, "plain"), utility, exact);
        }
        if (RawMail.hasAlternative(raw, "html")) {
            add("alternative.plain-only", RawMail.withoutAlternative(raw, "html"), utility, exact);
        }
    }

    /** Plain text laid out differently; the HTML alternative, which a reader would see instead, is left out. */
    private void plainText(Pattern code) {
        byte[] plain = RawMail.withoutAlternative(raw, "html");
        addIfChanged("plain.blank-lines", plain, plain(plain, PlainReflow::blankLines));
        addIfChanged("plain.trailing-spaces", plain, plain(plain, PlainReflow::trailingSpaces));
        addIfChanged("plain.nbsp", plain, plain(plain, PlainReflow::noBreakSpaces));
        addIfChanged("plain.rewrapped", plain, plain(plain, t -> PlainReflow.rewrapped(t, NARROW, code)));
    }

    /**
     * The code set in bold, split in spans, in its own block or one character per cell. The block
     * layouts only where the code already ends its line: a block in mid-sentence is no template's.
     */
    private void codeLayout(String code, InboundMessage base) {
        add("html.code-strong", html(raw, h -> HtmlReflow.wrapCode(h, code, HtmlReflow::strong)), utility, exact);
        add("html.code-spans", html(raw, h -> HtmlReflow.wrapCode(h, code, HtmlReflow::spans)), utility, exact);
        if (endsItsLines(base.text(), code)) {
            add("html.code-block", html(raw, h -> HtmlReflow.wrapCode(h, code, HtmlReflow::block)), utility, exact);
            add("html.code-cells", html(raw, h -> HtmlReflow.wrapCode(h, code, HtmlReflow::cells)), utility, exact);
        }
    }

    private static boolean endsItsLines(String text, String code) {
        Matcher shown = CodeSwap.shownInOneRun(code).matcher(text);
        boolean any = false;
        while (shown.find()) {
            any = true;
            if (!text.substring(shown.end()).matches("(?s)[.!]?[ \\t]*(?:\\n.*)?")) {
                return false;
            }
        }
        return any;
    }

    /**
     * A neutral subject on mail the utility wrote as it arrived (not when the subject carries the
     * code); a forward's prefix as another client writes it.
     */
    private void subjects(String forwarding, String code) {
        if (forwarding.equals("direct") || forwarding.equals("auto")) {
            String subject = RawMail.header(headOf(raw), "Subject");
            if (code == null || CodeSwap.shownAs(code).matcher(subject).results().findAny().isEmpty()) {
                add("subject.neutral", RawMail.editOuterHeader(raw, "Subject", s -> "Your account"), utility, exact);
            }
        } else {
            add("subject.other-forward-prefix", RawMail.editOuterHeader(raw, "Subject", s -> {
                Matcher prefix = FORWARD_PREFIX.matcher(s);
                if (!prefix.find()) {
                    return s;
                }
                String other = prefix.group(1).equalsIgnoreCase("fw") ? "Fwd: " : "FW: ";
                return RawMail.encodedWord(other + s.substring(prefix.end()));
            }), utility, exact);
        }
    }

    /** The author's From with another display name, none, or a sub-domain of its address. */
    private void senders(String author) {
        add("from.bare-address", from(author, address -> address), utility, exact);
        add("from.other-name", from(author, address -> "\"Customer Notifications\" <" + address + ">"), utility, exact);
        add("from.encoded-name", from(author, address -> RawMail.encodedWord("Sécurité – Mon compte") + " <" + address
                + ">"), utility, exact);
        add("from.sub-domain", from(author, address -> {
            int at = address.indexOf('@');
            return "<" + address.substring(0, at) + "@mail." + address.substring(at + 1) + ">";
        }), utility, loose);
    }

    private byte[] from(String author, UnaryOperator<String> rewrite) {
        return RawMail.editHeader(raw, "From", value -> {
            Matcher m = ADDRESS.matcher(value);
            if (!m.find()) {
                return value;
            }
            String address = m.group(1) != null ? m.group(1) : m.group(2);
            return address.equalsIgnoreCase(author) ? rewrite.apply(address) : value;
        });
    }

    private static byte[] html(byte[] raw, UnaryOperator<String> edit) {
        return RawMail.editText(raw, (subtype, text) -> subtype.equals("html") ? edit.apply(text) : text);
    }

    private static byte[] plain(byte[] raw, UnaryOperator<String> edit) {
        return RawMail.editText(raw, (subtype, text) -> subtype.equals("plain") ? edit.apply(text) : text);
    }

    private static String headOf(byte[] raw) {
        String message = new String(raw, StandardCharsets.ISO_8859_1);
        int end = message.indexOf("\r\n\r\n");
        return end < 0 ? message : message.substring(0, end + 2);
    }

    private void addIfChanged(String kind, byte[] before, byte[] after) {
        if (!Arrays.equals(before, after)) {
            out.add(new Variant(name, kind, new Variant.Mail(after), utility, exact));
        }
    }

    private void add(String kind, byte[] changed, String utilityId, Map<String, String> expect) {
        if (!Arrays.equals(changed, raw)) {
            out.add(new Variant(name, kind, new Variant.Mail(changed), utilityId, expect));
        }
    }
}
