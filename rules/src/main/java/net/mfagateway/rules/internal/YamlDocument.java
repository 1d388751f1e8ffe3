package net.mfagateway.rules.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.mfagateway.rules.RuleProblem;

/** A parsed YAML file that remembers the line of every node, so problems can name their line. */
record YamlDocument(String file, JsonNode root, Map<String, Integer> lines) {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    static Optional<YamlDocument> read(String file, String text, List<RuleProblem> problems) {
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || !root.isObject()) {
                problems.add(new RuleProblem(file, 1, "expected a mapping of keys (id, type, ...) at the top"));
                return Optional.empty();
            }
            return Optional.of(new YamlDocument(file, root, lines(text)));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new RuleProblem(file, line, "YAML syntax: " + e.getOriginalMessage()));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new RuleProblem(file, 0, "unreadable: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** The line of the node at {@code pointer} ("/senders/0/address"), or of its nearest parent. */
    int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash <= 0) {
                return lines.getOrDefault("", 1);
            }
            p = p.substring(0, slash);
        }
    }

    private static Map<String, Integer> lines(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                var context = parser.getParsingContext();
                int line = parser.currentTokenLocation().getLineNr();
                lines.putIfAbsent(context.pathAsPointer().toString(), line);
                if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && context.getParent() != null) {
                    lines.putIfAbsent(context.getParent().pathAsPointer().toString(), line);
                }
            }
        }
        return lines;
    }
}
