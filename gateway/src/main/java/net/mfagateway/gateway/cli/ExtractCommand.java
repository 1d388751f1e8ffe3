package net.mfagateway.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.parsers.MailParser;
import net.mfagateway.parsers.SmsParser;
import net.mfagateway.rules.Extraction;
import net.mfagateway.rules.InvalidRulesException;
import net.mfagateway.rules.RuleEngine;
import net.mfagateway.rules.SenderHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code extract}: parsers and rules offline, no server, no store. One JSON object per input,
 * in input order; an unreadable input is {@code "kind": "error"} and the rest go on.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract codes from .eml files, or from SMS as JSON Lines with --sms; prints JSON Lines.")
final class ExtractCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--utility", paramLabel = "ID", description = "The connection's utility id for mail files.")
    String utility;

    @Option(names = "--sms", description = "Inputs are JSON Lines of {id, utility, from, to, body}.")
    boolean sms;

    @Option(names = "--rules", paramLabel = "DIR", description = "A rules directory layered over the built-in rules.")
    Path rulesDir;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Inputs (.eml files, or .jsonl with --sms).")
    List<Path> files;

    @Override
    public Integer call() {
        if (sms && utility != null) {
            throw new ParameterException(spec.commandLine(), "--utility applies to mail; SMS lines carry their own");
        }
        RuleEngine rules;
        try {
            rules = RuleEngine.load(rulesDir);
        } catch (InvalidRulesException | IOException e) {
            throw new ParameterException(spec.commandLine(), "--rules " + rulesDir + " does not load: " + e.getMessage());
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (Path file : files) {
            if (sms) {
                extractSms(rules, file, out);
            } else {
                out.println(line(mail(rules, file)));
            }
            out.flush();
        }
        return 0;
    }

    private Map<String, Object> mail(RuleEngine rules, Path file) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", file.toString());
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            return error(result, "cannot read: " + e.getMessage());
        }
        InboundMessage message = MailParser.parse(raw);
        describe(result, rules.evaluate(message, utility, SenderHistory.NONE), message);
        return result;
    }

    private void extractSms(RuleEngine rules, Path file, PrintStream out) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int lineNo = 0;
            while ((text = in.readLine()) != null) {
                lineNo++;
                if (!text.isBlank()) {
                    out.println(line(sms(rules, file, lineNo, text)));
                }
            }
        } catch (IOException e) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", file.toString());
            out.println(line(error(result, "cannot read: " + e.getMessage())));
        }
    }

    private static Map<String, Object> sms(RuleEngine rules, Path file, int lineNo, String text) {
        Map<String, Object> result = new LinkedHashMap<>();
        JsonNode row;
        try {
            row = JSON.readTree(text);
        } catch (IOException e) {
            result.put("id", file + ":" + lineNo);
            return error(result, "line " + lineNo + " is not JSON");
        }
        result.put("id", row.hasNonNull("id") ? row.get("id").asText() : file + ":" + lineNo);
        if (!row.isObject() || !row.hasNonNull("body")) {
            return error(result, "line " + lineNo + " needs a \"body\"");
        }
        String utility = row.hasNonNull("utility") ? row.get("utility").asText() : null;
        InboundMessage message = SmsParser.parse(row.path("from").asText(""), row.get("body").asText());
        describe(result, rules.evaluate(message, utility, SenderHistory.NONE), message);
        result.remove("forwarding");
        return result;
    }

    private static void describe(Map<String, Object> result, Extraction extraction, InboundMessage message) {
        result.put("kind", extraction.kind());
        switch (extraction) {
            case Extraction.CodeFound f -> {
                result.put("code", f.code());
                result.put("utility", f.utility());
                result.put("senderStatus", f.senderStatus().wireName());
            }
            case Extraction.LinkFound f -> {
                result.put("link", f.link());
                result.put("utility", f.utility());
                result.put("senderStatus", f.senderStatus().wireName());
            }
            case Extraction.ForwardingConfirmation f -> {
                result.put("code", f.code());
                result.put("link", f.link());
            }
            case Extraction.ForwardingBlocked f -> result.put("detail", f.detail());
            case Extraction.NoCode n -> result.put("reasons", n.reasons());
        }
        result.put("ruleId", extraction.ruleId());
        result.put("sender", message.sender());
        result.put("originalSender", message.originalSender());
        result.put("forwarding", message.forwarding().wireName());
        result.put("confidence", extraction.confidence());
        if (!message.problems().isEmpty()) {
            result.put("problems", message.problems());
        }
    }

    private static Map<String, Object> error(Map<String, Object> result, String why) {
        result.put("kind", "error");
        result.put("error", why);
        return result;
    }

    private static String line(Map<String, Object> result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
