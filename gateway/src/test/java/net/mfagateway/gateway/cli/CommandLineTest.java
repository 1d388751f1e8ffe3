package net.mfagateway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The offline commands of CONTRACT.md, run as a user would, output read back. */
class CommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CORPUS = Path.of(System.getProperty("mfa.corpus.dir"));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureStdout() {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(originalOut);
    }

    private int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    private List<JsonNode> lines() throws Exception {
        return out.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }

    @Test
    void extractPrintsOneJsonLinePerFileInOrderAndGoesOnPastAnUnreadableOne() throws Exception {
        Path first = CORPUS.resolve("email/coned-direct-html-01.eml");
        Path missing = dir.resolve("missing.eml");
        Path second = CORPUS.resolve("email/ace-auto-gmail-01.eml");
        assertThat(run("extract", "--utility", "ace", first.toString(), missing.toString(), second.toString()))
                .isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("file").asText()).isEqualTo(first.toString());
        assertThat(lines.get(1).get("kind").asText()).isEqualTo("error");
        assertThat(lines.get(1).get("error").asText()).isNotBlank();
        JsonNode ace = lines.get(2);
        assertThat(ace.get("kind").asText()).isEqualTo("code");
        assertThat(ace.get("code").asText()).isEqualTo("5961");
        assertThat(ace.get("forwarding").asText()).isEqualTo("auto");
        assertThat(ace.get("originalSender").asText()).isEqualTo("myaccount@atlanticcityelectric.com");
        assertThat(ace.get("senderStatus").asText()).isEqualTo("known");
    }

    @Test
    void extractSmsAnswersEachLineWithItsId() throws Exception {
        Path texts = dir.resolve("texts.jsonl");
        Files.writeString(texts, """
                {"id": "a", "utility": "sce", "from": "24273", "to": "+15550112345", "body": "SCE: Your verification code is 482913. Msg&data rates may apply."}
                {"id": "b", "from": "24273", "to": "+15550112345", "body": "Reply STOP to cancel."}
                not json
                """);
        assertThat(run("extract", "--sms", texts.toString())).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.get("id").asText()).containsExactly("a", "b", texts + ":3");
        assertThat(lines.get(0).get("code").asText()).isEqualTo("482913");
        assertThat(lines.get(1).get("kind").asText()).isEqualTo("none");
        assertThat(lines.get(2).get("kind").asText()).isEqualTo("error");
    }

    @Test
    void wrongArgumentsExitWith2() {
        assertThat(run("extract")).isEqualTo(2);
        assertThat(run("extract", "--bogus", "x.eml")).isEqualTo(2);
    }

    @Test
    void rulesCheckPassesOnTheBuiltInRulesAndNamesTheLineOfABrokenFile() throws Exception {
        assertThat(run("rules", "check")).isZero();
        Files.writeString(dir.resolve("broken.yaml"), "id: broken\ntype: utility\nsenders: [\n");
        assertThat(run("rules", "check", dir.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("broken.yaml:");
    }

    @Test
    void rulesCheckWantsAProfileBesideEveryUtilityRuleFile() throws Exception {
        Files.writeString(dir.resolve("tacoma.yaml"), """
                id: tacoma
                type: utility
                name: Tacoma Public Utilities
                senders: [{address: noreply@mytpu.org, verified: true}]
                related_domains: [mytpu.org]
                """);
        assertThat(run("rules", "check", dir.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "profiles/tacoma.yaml: utility 'tacoma' has a rule file but no profile");

        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/tacoma.yaml"), "id: tacoma\nname: Tacoma Public Utilities\n"
                + "mfa: [email]\nladder: []\n");
        out.reset();
        assertThat(run("rules", "check", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("\\d+ rule files, \\d+ examples, 0 problems; 30 profile files");
    }

    @Test
    void rulesScoreCountsTheSharedCorpusWithoutAWrongAnswer() {
        assertThat(run("rules", "score", CORPUS.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrong answers: 0");
    }

    @Test
    void demoOnceShowsTheMethodChoiceTheRememberedDeviceAndTheCredentialStatusesAndExitsZeroWhenConnected() {
        int exit = run("demo", "--once");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("POST /v1/connections").contains("the portal asked for a code by email")
                .contains("arrived by email from myaccount@sdge.com").contains("connection.status: mfa_required")
                .contains("connection.status: connected").contains("done: the connection is connected");
        // Where the code goes is chosen: the connection's own address, not the owner's inbox or a phone.
        assertThat(printed).containsPattern("the portal offers email to ow\\*+@example\\.com; text to \\*\\*\\*-\\*\\*\\*-0199;"
                + " email to [a-z0-9]{2}\\*+@mfa\\.localhost; choosing email to [a-z0-9]{2}\\*+@mfa\\.localhost");
        // The second login is let in by the remembered device, without a code.
        assertThat(printed).contains("presenting the remembered device")
                .contains("signed in without a code: the portal remembered this device")
                .contains("login finished: connected (mfa required)").contains("login finished: connected (mfa skipped)")
                .contains("1 with a code, 1 without");
        assertThat(printed).contains("login finished: website_down").contains("connection.status: website_down")
                .contains("login finished: password_incorrect").contains("connection.status: password_incorrect")
                .contains("portal_password.updated: via api");
        // The portal password is never printed.
        assertThat(printed).doesNotContain("demo portal password");
        // The code itself is never printed, only its redacted form.
        assertThat(printed).containsPattern("code [0-9]{2}\\*{4} arrived");
    }
}
