package net.mfagateway.rules.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.mfagateway.rules.RuleProblem;

/**
 * Typed reads of one YAML mapping, each reporting its problem with file and line: missing
 * fields, wrong types, bad regular expressions, and (by {@link #onlyKeys}) unknown keys.
 */
final class Fields {

    /**
     * Flags for every rule pattern: ASCII letters match in either case. Unicode case folding is
     * left out on purpose: it made matching several times slower, and accented letters in rule
     * phrases ("código", "vérification") occur in lower case in real mail.
     */
    static final int FLAGS = Pattern.CASE_INSENSITIVE;

    private final YamlDocument doc;
    private final JsonNode node;
    private final String pointer;
    private final List<RuleProblem> problems;

    Fields(YamlDocument doc, JsonNode node, String pointer, List<RuleProblem> problems) {
        this.doc = doc;
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    void problem(String key, String message) {
        problems.add(new RuleProblem(doc.file(), doc.line(key == null ? pointer : pointer + "/" + key), message));
    }

    String problemFile() {
        return doc.file();
    }

    int line() {
        return doc.line(pointer);
    }

    void onlyKeys(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problem(key, "unknown key '" + key + "' (known here: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    String text(String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problem(null, "missing field '" + key + "'");
            }
            return null;
        }
        if (!v.isValueNode()) {
            problem(key, "'" + key + "' must be a single value");
            return null;
        }
        return v.asText();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(key, "'" + key + "' must be true or false");
            return fallback;
        }
        return v.asBoolean();
    }

    List<String> texts(String key, boolean required) {
        JsonNode v = node.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            if (required) {
                problem(null, "missing field '" + key + "'");
            }
            return out;
        }
        if (!v.isArray()) {
            problem(key, "'" + key + "' must be a list");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isValueNode()) {
                problem(key + "/" + i, "'" + key + "' entries must be single values");
            } else {
                out.add(v.get(i).asText());
            }
        }
        return out;
    }

    Fields object(String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problem(null, "missing field '" + key + "'");
            }
            return null;
        }
        if (!v.isObject()) {
            problem(key, "'" + key + "' must be a mapping");
            return null;
        }
        return new Fields(doc, v, pointer + "/" + key, problems);
    }

    List<Fields> objects(String key) {
        JsonNode v = node.get(key);
        List<Fields> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            problem(key, "'" + key + "' must be a list");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                problem(key + "/" + i, "'" + key + "' entries must be mappings");
            } else {
                out.add(new Fields(doc, v.get(i), pointer + "/" + key + "/" + i, problems));
            }
        }
        return out;
    }

    Map<String, String> strings() {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return out;
    }

    Pattern regex(String key, String source, int flags) {
        try {
            Pattern p = Pattern.compile(source, flags);
            if (Backtracking.explodes(p)) {
                problem(key, "pattern '" + key + "' backtracks catastrophically on long input; simplify its repetitions");
            }
            return p;
        } catch (PatternSyntaxException e) {
            problem(key, "bad regular expression in '" + key + "': " + e.getDescription() + " near index " + e.getIndex());
            return null;
        }
    }

    Pattern regex(String key, boolean required) {
        String source = text(key, required);
        return source == null ? null : regex(key, source, FLAGS);
    }
}
