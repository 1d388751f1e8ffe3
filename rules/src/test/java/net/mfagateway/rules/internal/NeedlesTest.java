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

    private static List<String> needles(String regex) {
        return Needles.of(Pattern.compile(regex, Pattern.CASE_INSENSITIVE)).strings();
    }

    @Test
    void alternativesBeforeACommonWordGiveThatWord() {
        assertThat(needles("\\b(?:was|were|has been|already)\\s+used\\b")).containsExactly("used");
    }

    @Test
    void aRequiredGroupGivesEachOfItsBranches() {
        assertThat(needles("\\bx\\s(?:Outage|Usage Alert)\\b")).containsExactly("outage", "usage alert");
    }

    @Test
    void optionalPartsAreNotRequired() {
        assertThat(needles("ab?c")).containsExactly("a");
        assertThat(needles("(?:abcdef)?xy")).containsExactly("xy");
        assertThat(needles("ab{0,3}cdef")).containsExactly("cdef");
        assertThat(needles("ab+cdef")).containsExactly("bcdef");
        assertThat(needles("(?:sign[- ]?in|log[- ]?in)")).containsExactly("sign", "log");
    }

    @Test
    void aBranchWithoutLiteralsLeavesThePatternUnfiltered() {
        assertThat(needles("apple|\\d+")).isEmpty();
        assertThat(needles("(?:apple|)x")).containsExactly("x");
        assertThat(needles("\\d{4}")).isEmpty();
    }

    @Test
    void lookAroundsAndClassesAreNotLiterals() {
        assertThat(needles("(?<![\\w$])(?=abc)[abc]{2}defg(?!h)")).containsExactly("defg");
        assertThat(needles("(?<code>\\d+)\\s+#x")).containsExactly("#x");
    }

    @Test
    void quotedTextIsLiteral() {
        assertThat(needles("\\Qmot\\E\\s+\\Qde\\E\\s+\\Qpasse\\E")).containsExactly("passe");
    }

    @Test
    void whatTheReaderDoesNotFollowGetsNoNeedles() {
        assertThat(needles("(a)bc\\1")).isEmpty();
        assertThat(needles("abc\\tdef")).isEmpty();
        assertThat(Needles.of(Pattern.compile("abc", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).strings())
                .isEmpty();
        assertThat(needles("(?u)abc")).isEmpty();
    }

    @Test
    void lowerChangesOnlyAsciiCapitals() {
        assertThat(Needles.lower("ÉCOLE Code 12")).isEqualTo("École code 12");
    }

    /** Every built-in pattern that finds a match in a corpus text also passes its prefilter there. */
    @Test
    void prefilterNeverRefusesACorpusTextThePatternMatches() throws Exception {
        Ruleset rules = RuleFiles.read(RuleSources.layers(null), new ArrayList<>()).orElseThrow();
        List<Pattern> patterns = new ArrayList<>(rules.generic().anchors());
        patterns.add(rules.generic().lineAnchor());
        patterns.add(rules.generic().linkContext());
        patterns.add(rules.generic().originBound());
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
            }
        }
        int matched = 0;
        for (Pattern pattern : patterns) {
            assertThat(Needles.of(pattern).strings()).as(pattern.pattern()).isNotEmpty();
            for (String text : texts) {
                if (pattern.matcher(text).find()) {
                    matched++;
                    assertThat(prefilter.mayFind(pattern, Needles.lower(text))).as(pattern + " on " + text).isTrue();
                }
            }
        }
        assertThat(matched).isGreaterThan(100);
    }
}
