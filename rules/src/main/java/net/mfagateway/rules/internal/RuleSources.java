package net.mfagateway.rules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where rule and profile files come from: the module's own (listed in rules/index.txt and
 * profiles/index.txt, since a jar cannot be listed) or an operator's directory, whose profiles
 * live in its {@code profiles/} folder.
 */
public final class RuleSources {

    static final String PROFILES = "profiles";

    private RuleSources() {
    }

    /** The built-in rule files, name to text. */
    public static Map<String, String> builtIn() {
        return builtIn("rules", "");
    }

    /** The built-in files of resource folder {@code folder}, each name given {@code prefix}, to text. */
    private static Map<String, String> builtIn(String folder, String prefix) {
        Map<String, String> files = new TreeMap<>();
        for (String name : resource(folder, "index.txt").lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            files.put(prefix + name, resource(folder, name));
        }
        return files;
    }

    /** The *.yaml and *.yml files directly in {@code dir}, name to text. */
    public static Map<String, String> directory(Path dir) throws IOException {
        return directory(dir, "");
    }

    private static Map<String, String> directory(Path dir, String prefix) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                    files.put(prefix + name, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    public static List<Map<String, String>> layers(Path dirOrNull) throws IOException {
        return dirOrNull == null ? List.of(builtIn()) : List.of(builtIn(), directory(dirOrNull));
    }

    /**
     * The profile layers: the built-in profiles, then {@code rulesDirOrNull}'s {@code profiles/}
     * folder when it has one. Names carry the folder ("profiles/coned.yaml") so that a problem
     * names the file an operator edits, not the rule file of the same name.
     */
    public static List<Map<String, String>> profileLayers(Path rulesDirOrNull) throws IOException {
        Map<String, String> builtIn = builtIn(PROFILES, PROFILES + "/");
        Path dir = rulesDirOrNull == null ? null : rulesDirOrNull.resolve(PROFILES);
        return dir == null || !Files.isDirectory(dir) ? List.of(builtIn) : List.of(builtIn, directory(dir, PROFILES + "/"));
    }

    private static String resource(String folder, String name) {
        try (InputStream in = RuleSources.class.getResourceAsStream("/" + folder + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in file missing from the jar: " + folder + "/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
