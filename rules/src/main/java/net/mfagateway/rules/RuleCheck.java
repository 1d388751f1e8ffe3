package net.mfagateway.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.mfagateway.rules.internal.Evaluator;
import net.mfagateway.rules.internal.ExampleRunner;
import net.mfagateway.rules.internal.RuleFiles;
import net.mfagateway.rules.internal.RuleSources;

/**
 * Validates rule files the way {@link RuleEngine#load} reads them, and runs every embedded
 * example. Lists every problem, not just the first. No printing, no exit codes: the CLI and the
 * hot-reload decide what to do with the {@link Report}.
 */
public final class RuleCheck {

    private RuleCheck() {
    }

    /** What a check found: problems (file, line, message) and how many files and examples it saw. */
    public record Report(List<RuleProblem> problems, int files, int examples) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Checks the built-in rules, with {@code dirOrNull}'s files layered over them when given. */
    public static Report check(Path dirOrNull) {
        List<RuleProblem> problems = new ArrayList<>();
        List<Map<String, String>> layers;
        try {
            layers = RuleSources.layers(dirOrNull);
        } catch (IOException e) {
            problems.add(new RuleProblem(String.valueOf(dirOrNull), 0, "cannot read directory: " + e.getMessage()));
            return new Report(problems, 0, 0);
        }
        int files = layers.stream().mapToInt(Map::size).sum();
        var rules = RuleFiles.read(layers, problems);
        if (rules.isEmpty()) {
            return new Report(problems, files, 0);
        }
        var examples = rules.get().examples();
        problems.addAll(ExampleRunner.run(new Evaluator(rules.get()), examples));
        return new Report(problems, files, examples.size());
    }
}
