package net.mfagateway.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.parsers.MailParser;
import org.junit.jupiter.api.Test;

class NeedlesTest {

    private static String needs(String regex) {
        return Needles.of(Pattern.compile(regex, Pattern.CASE_INSENSITIVE)).toString();
    }

    @Test
    void alternativesBeforeACommonWordGiveThatWord() {
        assertThat(needs("\\b(?:was|were|has been|already)\\s+used\\b")).isEqualTo("used & (was | were | has been | already)");
    }

    @Test
    void aRequiredGroupNeedsOneOfItsBranches() {
        assertThat(needs("\\bpayment (?:Confirmation|received)\\b")).isEqualTo("payment  & (confirmation | received)");
        assertThat(needs("\\bx (?:Outage|Usage Alert)\\b")).isEqualTo("(outage | usage alert) & x ");
    }

    @Test
    void optionalPartsAreNotNeeded() {
        assertThat(needs("ab?c")).isEqualTo("a & c");
        assertThat(needs("(?:abcdef)?xy")).isEqualTo("xy");
        assertThat(needs("ab{0,3}cdef")).isEqualTo("cdef & a");
        assertThat(needs("ab+cdef")).isEqualTo("bcdef & ab");
        assertThat(needs("(?:sign[- ]?in|log[- ]?in)")).isEqualTo("(sign & in) | (log & in)");
    }

    @Test
    void aBranchWithoutLiteralsMakesTheAlternationNeedNothing() {
        assertThat(needs("apple|\\d+")).isEmpty();
        assertThat(needs("(?:apple|)x")).isEqualTo("x");
        assertThat(needs("\\d{4}")).isEmpty();
    }

    @Test
    void lookAroundsAndClassesAreNotLiterals() {
        assertThat(needs("(?<![\\w$])(?=abc)[abc]{2}defg(?!h)")).isEqualTo("defg");
        assertThat(needs("(?<code>\\d+)\\s+#x")).isEqualTo("#x");
    }

    @Test
    void quotedTextIsLiteral() {
        assertThat(needs("\\Qmot\\E\\s+\\Qde\\E\\s+\\Qpasse\\E")).isEqualTo("passe & mot & de");
    }

    @Test
    void whatTheReaderDoesNotFollowNeedsNothing() {
        assertThat(needs("(a)bc\\1")).isEmpty();
        assertThat(needs("abc\\tdef")).isEmpty();
        assertThat(Needles.of(Pattern.compile("abc", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toString())
                .isEmpty();
        assertThat(needs("(?u)abc")).isEmpty();
    }

    @Test
    void lowerChangesOnlyAsciiCapitals() {
        assertThat(Needles.lower("ÉCOLE Code 12")).isEqualTo("École code 12");
    }

    @Test
    void haystackFindsEveryNeedleThatIsThereAndRefusesOthers() {
        String line = "Your Code: 482913 \u2014 ÉTÉ";
        for (Haystack text : List.of(new Haystack(line), new Haystack(line + " ".repeat(300)))) {
            for (String present : List.of("your code", "ur c", "code: 4", ":", "\u2014 ", "Ét", "3")) {
                assertThat(contains(text, present)).as(present).isTrue();
            }
            for (String absent : List.of("codes", "xyz", "été", "4829130", "#")) {
                assertThat(contains(text, absent)).as(absent).isFalse();
            }
        }
    }

    private static boolean contains(Haystack text, String needle) {
        return text.contains(needle, Haystack.pairs(needle), Haystack.hasLetter(needle));
    }

    /** Every built-in pattern that finds a match in a corpus text also passes its prefilter there. */
    @Test
    void prefilterNeverRefusesACorpusTextThePatternMatches() throws Exception {
        Ruleset rules = RuleFiles.read(RuleSources.layers(null), new ArrayList<>()).orElseThrow();
        List<Pattern> patterns = new ArrayList<>(rules.generic().anchors());
        patterns.add(rules.generic().lineAnchor());
        patterns.add(rules.generic().linkContext());
        patterns.add(rules.generic().originBound());
        patterns.add(rules.generic().linkUrl());
        patterns.add(rules.generic().linkDecoys());
        rules.generic().vetoes().forEach(v -> patterns.add(v.pattern()));
        rules.providers().forEach(p -> patterns.addAll(p.require()));
        Prefilter prefilter = new Prefilter(rules);
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/corpus/email"))) {
            for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                InboundMessage m = MailParser.parse(Files.readAllBytes(eml));
                for (String text : List.of(m.subject(), m.text(), m.outerText())) {
                    texts.add(text);
                    texts.addAll(Lines.of(text));
                }
                m.links().forEach(link -> {
                    texts.add(link.url());
                    texts.add(link.text());
                });
            }
        }
        int matched = 0;
        for (Pattern pattern : patterns) {
            assertThat(Needles.of(pattern).toString()).as(pattern.pattern()).isNotEmpty();
            for (String text : texts) {
                if (pattern.matcher(text).find()) {
                    matched++;
                    assertThat(prefilter.mayFind(pattern, new Haystack(text))).as(pattern + " on " + text).isTrue();
                }
            }
        }
        assertThat(matched).isGreaterThan(100);
    }
}
