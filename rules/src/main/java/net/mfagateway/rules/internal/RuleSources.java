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

/** Where rule files come from: the module's own (listed in rules/index.txt) or a directory. */
public final class RuleSources {

    private RuleSources() {
    }

    /** The built-in files, name to text. */
    public static Map<String, String> builtIn() {
        Map<String, String> files = new TreeMap<>();
        for (String name : resource("index.txt").lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            files.put(name, resource(name));
        }
        return files;
    }

    /** The *.yaml and *.yml files directly in {@code dir}, name to text. */
    public static Map<String, String> directory(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                    files.put(name, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    public static List<Map<String, String>> layers(Path dirOrNull) throws IOException {
        return dirOrNull == null ? List.of(builtIn()) : List.of(builtIn(), directory(dirOrNull));
    }

    private static String resource(String name) {
        try (InputStream in = RuleSources.class.getResourceAsStream("/rules/" + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in rule file missing from the jar: rules/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
