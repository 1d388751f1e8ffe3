package net.mfagateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

    @Test
    void everyEmbeddedExamplePasses() {
        RuleCheck.Report report = RuleCheck.check(null);
        assertThat(report.problems()).isEmpty();
        assertThat(report.examples()).isGreaterThan(28 * 3);
    }

    @Test
    void everyUtilityOfTheCorpusHasARuleFile() {
        assertThat(RuleEngine.builtIn().utilities()).hasSize(28).contains("coned", "potomac-edison", "nve", "pseg-nj");
    }

    @Test
    void checkReportsYamlSyntaxErrorsWithTheirLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("coned.yaml"), "id: coned\ntype: utility\nname: [unclosed\n");
        RuleCheck.Report report = RuleCheck.check(dir);
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("coned.yaml");
            assertThat(p.line()).isGreaterThan(0);
            assertThat(p.message()).startsWith("YAML syntax");
        });
    }

    @Test
    void checkListsEveryProblemWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), """
                id: acme
                type: utility
                name: Acme Power
                colour: blue
                related_domains: [acme.example]
                anchors:
                  - 'code (unclosed {code}'
                examples:
                  - name: wrong expectation
                    from: noreply@acme.example
                    text: Your code is 482913
                    expect: {kind: code, code: "111111"}
                """);
        RuleCheck.Report report = RuleCheck.check(dir);
        assertThat(report.problems()).extracting(RuleProblem::toString).anySatisfy(p -> assertThat(p)
                        .startsWith("acme.yaml:4: unknown key 'colour'"))
                .anySatisfy(p -> assertThat(p).startsWith("acme.yaml:7: bad regular expression"))
                .anySatisfy(p -> assertThat(p).contains("missing field 'senders'"));
    }

    @Test
    void checkNamesAFailingExampleByFileAndName(@TempDir Path dir) throws IOException {
        writeProfile(dir, "acme");
        Files.writeString(dir.resolve("acme.yaml"), """
                id: acme
                type: utility
                name: Acme Power
                senders: [{address: noreply@acme.example, verified: false}]
                related_domains: [acme.example]
                examples:
                  - name: wrong expectation
                    from: noreply@acme.example
                    text: Your code is 482913
                    expect: {kind: code, code: "111111"}
                """);
        RuleCheck.Report report = RuleCheck.check(dir);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("acme.yaml");
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.message()).contains("example 'wrong expectation'").contains("expected code 111111");
        });
    }

    @Test
    void checkRefusesPatternsThatBacktrackTooMuch(@TempDir Path dir) throws IOException {
        writeProfile(dir, "acme");
        Files.writeString(dir.resolve("acme.yaml"), """
                id: acme
                type: utility
                name: Acme Power
                senders: [{address: noreply@acme.example, verified: false}]
                related_domains: [acme.example]
                anchors: ['.*.*.*= {code}']
                """);
        assertThat(RuleCheck.check(dir).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("backtracks catastrophically"));
    }

    @Test
    void loadLayersADirectoryOverTheBuiltInFiles(@TempDir Path dir) throws IOException, InvalidRulesException {
        Files.writeString(dir.resolve("coned.yaml"), """
                id: coned
                type: utility
                name: Con Edison
                senders: [{address: otp@coned-new.example, verified: true}]
                related_domains: [coned-new.example]
                """);
        Files.writeString(dir.resolve("acme.yaml"), """
                id: acme
                type: utility
                name: Acme Power
                senders: [{domain: acme.example, verified: false}]
                related_domains: [acme.example]
                """);
        RuleEngine engine = RuleEngine.load(dir);
        assertThat(engine.utilities()).hasSize(29).contains("acme");
        Extraction e = engine.evaluate(Messages.mail("otp@coned-new.example", "Code", "Your code is 482913"), "coned",
                SenderHistory.NONE);
        assertThat(e).isInstanceOfSatisfying(Extraction.CodeFound.class,
                c -> assertThat(c.senderStatus()).isEqualTo(SenderStatus.KNOWN));
    }

    @Test
    void loadRefusesInvalidFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.yaml"), "id: x\ntype: gadget\n");
        assertThatThrownBy(() -> RuleEngine.load(dir)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("x.yaml:2");
    }

    /** `rules check` wants a profile beside every utility rule file; these tests are about the rule file. */
    private static void writeProfile(Path dir, String id) throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/" + id + ".yaml"), "id: " + id + "\nname: " + id + "\nmfa: [email]\nladder: []\n");
    }
}
