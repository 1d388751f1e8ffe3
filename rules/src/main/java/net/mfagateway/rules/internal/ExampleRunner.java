package net.mfagateway.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import net.mfagateway.parsers.Channel;
import net.mfagateway.parsers.Forwarding;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.rules.Extraction;
import net.mfagateway.rules.RuleProblem;
import net.mfagateway.rules.SenderHistory;

/** Runs the examples embedded in rule files and reports each mismatch by file, line and name. */
public final class ExampleRunner {

    private ExampleRunner() {
    }

    public static List<RuleProblem> run(Evaluator evaluator, List<Example> examples) {
        List<RuleProblem> failures = new ArrayList<>();
        for (Example example : examples) {
            Extraction got = evaluator.evaluate(message(example), example.utility(), SenderHistory.NONE);
            String mismatch = mismatch(example.expect(), got);
            if (mismatch != null) {
                failures.add(new RuleProblem(example.file(), example.line(),
                        "example '" + example.name() + "' failed: " + mismatch));
            }
        }
        return failures;
    }

    public static InboundMessage message(Example e) {
        String from = e.from().toLowerCase(Locale.ROOT);
        return new InboundMessage(e.sms() ? Channel.SMS : Channel.EMAIL, from, from, Forwarding.DIRECT, e.subject(),
                e.text(), List.of(), e.outer(), Map.of(), List.of());
    }

    /** Null when {@code got} gives what {@code expect} asks for; otherwise what differs. */
    public static String mismatch(Map<String, String> expect, Extraction got) {
        String kind = expect.get("kind");
        String gotCode = null;
        String gotLink = null;
        String gotStatus = null;
        switch (got) {
            case Extraction.CodeFound c -> {
                gotCode = c.code();
                gotStatus = c.senderStatus().wireName();
            }
            case Extraction.LinkFound l -> {
                gotLink = l.link();
                gotStatus = l.senderStatus().wireName();
            }
            case Extraction.ForwardingConfirmation f -> {
                gotCode = f.code();
                gotLink = f.link();
            }
            case Extraction.ForwardingBlocked b -> {
            }
            case Extraction.NoCode n -> {
            }
        }
        String gotText = describe(got);
        if (!got.kind().equals(kind)) {
            return "expected " + kind + ", got " + gotText;
        }
        if (expect.containsKey("code") && !Objects.equals(expect.get("code"), gotCode)) {
            return "expected code " + expect.get("code") + ", got " + gotText;
        }
        if (expect.containsKey("link") && !Objects.equals(expect.get("link"), gotLink)) {
            return "expected link " + expect.get("link") + ", got " + gotText;
        }
        if (expect.containsKey("senderStatus") && !Objects.equals(expect.get("senderStatus"), gotStatus)) {
            return "expected senderStatus " + expect.get("senderStatus") + ", got " + gotText;
        }
        return null;
    }

    public static String describe(Extraction got) {
        return switch (got) {
            case Extraction.CodeFound c -> "code " + c.code() + " (" + c.senderStatus().wireName() + ", " + c.ruleId() + ")";
            case Extraction.LinkFound l -> "link " + l.link() + " (" + l.senderStatus().wireName() + ", " + l.ruleId() + ")";
            case Extraction.ForwardingConfirmation f -> "forwarding_confirmation " + f.code() + " " + f.link();
            case Extraction.ForwardingBlocked b -> "forwarding_blocked (" + b.detail() + ")";
            case Extraction.NoCode n -> "none " + n.reasons();
        };
    }
}
