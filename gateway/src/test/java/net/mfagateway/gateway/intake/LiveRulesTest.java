package net.mfagateway.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.mfagateway.parsers.MailParser;
import net.mfagateway.rules.Extraction;
import net.mfagateway.rules.RuleEngine;
import net.mfagateway.rules.SenderHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's rules directory, reloaded on change without a restart. */
class LiveRulesTest {

    @TempDir
    Path dir;

    private static String utility(String sender) {
        return "id: tacoma\ntype: utility\nname: Tacoma Public Utilities\nsenders:\n  - {address: " + sender
                + ", verified: true}\nrelated_domains: [mytpu.org]\nname_tokens: [tacoma, mytpu]\n"
                + "code: {length: 6, charset: digits}\n";
    }

    private static Extraction evaluate(RuleEngine engine, String from) {
        String mail = "From: " + from + "\r\nTo: x@mfa.test\r\nSubject: Your MyTPU verification code\r\n"
                + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nYour verification code is 482913.\r\n";
        return engine.evaluate(MailParser.parse(mail.getBytes(StandardCharsets.UTF_8)), "tacoma", SenderHistory.NONE);
    }

    private static RuleEngine awaitChange(LiveRules rules, RuleEngine before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rules.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return rules.get();
    }

    @Test
    void aChangedFileIsInForceWithoutARestart() throws Exception {
        Files.writeString(dir.resolve("tacoma.yaml"), utility("noreply@mytpu.org"));
        try (LiveRules rules = LiveRules.watching(dir)) {
            RuleEngine first = rules.get();
            assertThat(evaluate(first, "codes@notify-relay.example")).isInstanceOf(Extraction.NoCode.class);

            Files.writeString(dir.resolve("tacoma.yaml"), utility("codes@notify-relay.example"));

            RuleEngine second = awaitChange(rules, first);
            assertThat(second).isNotSameAs(first);
            assertThat(evaluate(second, "codes@notify-relay.example")).isInstanceOf(Extraction.CodeFound.class);
        }
    }

    @Test
    void aBrokenFileIsRefusedAndThePreviousRulesStay() throws Exception {
        Files.writeString(dir.resolve("tacoma.yaml"), utility("noreply@mytpu.org"));
        try (LiveRules rules = LiveRules.watching(dir)) {
            RuleEngine first = rules.get();
            Files.writeString(dir.resolve("tacoma.yaml"), "id: tacoma\ntype: utility\nsenders: [\n");
            rules.reload();
            assertThat(rules.get()).isSameAs(first);
            assertThat(evaluate(rules.get(), "noreply@mytpu.org")).isInstanceOf(Extraction.CodeFound.class);
        }
    }
}
