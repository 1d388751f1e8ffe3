package net.mfagateway.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.parsers.MailParser;
import net.mfagateway.parsers.SmsParser;
import net.mfagateway.rules.internal.ExampleRunner;

/**
 * Scores parse + evaluate against a corpus directory in the corpus format ({@code email/NAME.eml}
 * with {@code NAME.json}, {@code sms/cases.jsonl}). Reads files, prints nothing.
 */
public final class Scorer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Scorer() {
    }

    /** Per expected kind: answered right, answered wrong (any other answer but none), or none instead. */
    public record Tally(int right, int wrong, int none) {
        Tally plus(Outcome o) {
            return switch (o) {
                case RIGHT -> new Tally(right + 1, wrong, none);
                case WRONG -> new Tally(right, wrong + 1, none);
                case NONE -> new Tally(right, wrong, none + 1);
            };
        }
    }

    /** How often the message's field agreed with the expectation, among cases that state it. */
    public record Agreement(int agree, int total) {
        Agreement plus(boolean ok) {
            return new Agreement(agree + (ok ? 1 : 0), total + 1);
        }
    }

    /** A case not answered right: its name, what was expected, what came out. {@code wrong} unless it was none. */
    public record Miss(String name, String expected, String got, boolean wrong) {
    }

    /** The whole score. Tallies are keyed by expected kind. */
    public record Score(Map<String, Tally> mail, Map<String, Tally> sms, Agreement forwarding,
            Agreement senderStatus, List<Miss> misses) {
        public Score {
            mail = Map.copyOf(mail);
            sms = Map.copyOf(sms);
            misses = List.copyOf(misses);
        }

        /** Answers that were a code, link or kind other than expected: must be zero for codes. */
        public int wrong() {
            return Stream.concat(mail.values().stream(), sms.values().stream()).mapToInt(Tally::wrong).sum();
        }
    }

    private enum Outcome { RIGHT, WRONG, NONE }

    /** Parses and evaluates every case of {@code corpusDir} with {@code engine} and SenderHistory.NONE. */
    public static Score score(Path corpusDir, RuleEngine engine) throws IOException {
        Map<String, Tally> mail = new TreeMap<>();
        Map<String, Tally> sms = new TreeMap<>();
        Agreement forwarding = new Agreement(0, 0);
        Agreement status = new Agreement(0, 0);
        List<Miss> misses = new ArrayList<>();
        Path email = corpusDir.resolve("email");
        if (Files.isDirectory(email)) {
            List<Path> expectations;
            try (Stream<Path> files = Files.list(email)) {
                expectations = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            for (Path json : expectations) {
                String name = json.getFileName().toString().replaceFirst("\\.json$", "");
                Path eml = email.resolve(name + ".eml");
                if (!Files.exists(eml)) {
                    continue;
                }
                JsonNode c = JSON.readTree(json.toFile());
                JsonNode expect = c.path("expect");
                InboundMessage message = MailParser.parse(Files.readAllBytes(eml));
                Extraction got = engine.evaluate(message, text(c, "utility"), SenderHistory.NONE);
                Outcome o = outcome(expect, got);
                mail.merge(text(expect, "kind"), new Tally(0, 0, 0).plus(o), Scorer::sum);
                if (o != Outcome.RIGHT) {
                    misses.add(new Miss(name, expect.toString(), ExampleRunner.describe(got), o == Outcome.WRONG));
                }
                if (expect.has("forwarding")) {
                    forwarding = forwarding.plus(message.forwarding().wireName().equals(text(expect, "forwarding")));
                }
                if (expect.has("senderStatus")) {
                    status = status.plus(text(expect, "senderStatus").equals(statusOf(got)));
                }
            }
        }
        Path cases = corpusDir.resolve("sms").resolve("cases.jsonl");
        if (Files.exists(cases)) {
            for (String line : Files.readAllLines(cases)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = JSON.readTree(line);
                JsonNode expect = c.path("expect");
                InboundMessage message = SmsParser.parse(text(c, "from"), text(c, "body"));
                Extraction got = engine.evaluate(message, text(c, "utility"), SenderHistory.NONE);
                Outcome o = outcome(expect, got);
                sms.merge(text(expect, "kind"), new Tally(0, 0, 0).plus(o), Scorer::sum);
                if (o != Outcome.RIGHT) {
                    misses.add(new Miss(text(c, "id"), expect.toString(), ExampleRunner.describe(got), o == Outcome.WRONG));
                }
            }
        }
        return new Score(mail, sms, forwarding, status, misses);
    }

    private static Outcome outcome(JsonNode expect, Extraction got) {
        Map<String, String> fields = new HashMap<>();
        expect.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        fields.remove("forwarding");
        fields.remove("originalSender");
        if (ExampleRunner.mismatch(fields, got) == null) {
            return Outcome.RIGHT;
        }
        return got instanceof Extraction.NoCode ? Outcome.NONE : Outcome.WRONG;
    }

    private static String statusOf(Extraction got) {
        return switch (got) {
            case Extraction.CodeFound c -> c.senderStatus().wireName();
            case Extraction.LinkFound l -> l.senderStatus().wireName();
            case Extraction.ForwardingConfirmation f -> "";
            case Extraction.ForwardingBlocked b -> "";
            case Extraction.NoCode n -> "";
        };
    }

    private static Tally sum(Tally a, Tally b) {
        return new Tally(a.right() + b.right(), a.wrong() + b.wrong(), a.none() + b.none());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
