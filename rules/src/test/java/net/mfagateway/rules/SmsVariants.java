package net.mfagateway.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The realistic variants of one corpus SMS whose answer is a code or a link: another code of the
 * same shape, other line breaks and spacing, the Android SMS Retriever form, an opt-out trailer,
 * and no utility given (SMS is not judged by sender, so nothing else changes).
 */
final class SmsVariants {

    /** An origin-bound line must stay the last line of its text: nothing is added after it. */
    private static final Pattern ORIGIN_BOUND = Pattern.compile("(?m)@[a-z0-9.-]+\\s+#\\w+\\s*$");
    private static final String APP_HASH = "FA+9qCX9VSu";

    private SmsVariants() {
    }

    static List<Variant> of(String id, String utility, Map<String, String> expect, String from, String body,
            Random random) {
        String kind = expect.get("kind");
        if (!kind.equals("code") && !kind.equals("link")) {
            return List.of();
        }
        List<Variant> out = new ArrayList<>();
        if (kind.equals("code")) {
            CodeSwap swap = CodeSwap.of(expect.get("code"), random, body);
            Map<String, String> swapped = new LinkedHashMap<>(expect);
            swapped.put("code", swap.newCode());
            out.add(new Variant(id, "sms.new-code", new Variant.Sms(from, swap.applyTo(body)), utility, swapped));
        }
        for (String phrase : CodePhrase.OTHER_NAMES) {
            String renamed = CodePhrase.renamed(body, phrase);
            if (!renamed.equals(body)) {
                out.add(new Variant(id, "sms.wording." + phrase.replace(' ', '-'), new Variant.Sms(from, renamed), utility,
                        expect));
            }
        }
        out.add(new Variant(id, "sms.no-utility", new Variant.Sms(from, body), null, expect));
        String broken = body.replaceAll("([.!?:]) (?=\\S)", "$1\n");
        if (!broken.equals(body)) {
            out.add(new Variant(id, "sms.line-breaks", new Variant.Sms(from, broken), utility, expect));
        }
        // Two spaces after a sentence and blanks around the text; not inside a phrase or the code,
        // whose grouping ("243 406") is the sender's and which no sender doubles.
        out.add(new Variant(id, "sms.extra-spaces", new Variant.Sms(from,
                "\n " + body.replaceAll("([.!?]) (?=\\S)", "$1  ") + " \n"), utility, expect));
        boolean originBound = ORIGIN_BOUND.matcher(body).find();
        if (kind.equals("code") && !body.strip().startsWith("<#>") && !originBound) {
            out.add(new Variant(id, "sms.retriever", new Variant.Sms(from, "<#> " + body + "\n" + APP_HASH), utility,
                    expect));
        }
        if (!body.toUpperCase(java.util.Locale.ROOT).contains("STOP") && !originBound) {
            out.add(new Variant(id, "sms.stop-trailer", new Variant.Sms(from, body.strip()
                    + (body.strip().matches(".*[.!?]$") ? "" : ".") + " Reply STOP to opt out."), utility, expect));
        }
        return out;
    }
}
