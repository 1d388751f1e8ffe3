package net.mfagateway.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.mfagateway.rules.internal.Evaluator;
import net.mfagateway.rules.internal.ExampleRunner;
import net.mfagateway.rules.internal.ProfileFiles;
import net.mfagateway.rules.internal.RuleFiles;
import net.mfagateway.rules.internal.RuleSources;

/**
 * Validates rule files the way {@link RuleEngine#load} reads them, and runs every embedded
 * example; validates profile files the way {@link UtilityProfiles#load} reads them, and that
 * every utility with a rule file has a profile. Lists every problem, not just the first. No
 * printing, no exit codes: the CLI and the hot-reload decide what to do with the {@link Report}.
 */
public final class RuleCheck {

    private RuleCheck() {
    }

    /**
     * What a check found: problems (file, line, message) and how many rule files, examples and
     * profile files it saw.
     */
    public record Report(List<RuleProblem> problems, int files, int examples, int profileFiles) {
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
        List<Map<String, String>> profileLayers;
        try {
            layers = RuleSources.layers(dirOrNull);
            profileLayers = RuleSources.profileLayers(dirOrNull);
        } catch (IOException e) {
            problems.add(new RuleProblem(String.valueOf(dirOrNull), 0, "cannot read directory: " + e.getMessage()));
            return new Report(problems, 0, 0, 0);
        }
        int files = layers.stream().mapToInt(Map::size).sum();
        int profileFiles = profileLayers.stream().mapToInt(Map::size).sum();
        var rules = RuleFiles.read(layers, problems);
        var profiles = ProfileFiles.read(profileLayers, problems);
        if (rules.isEmpty()) {
            return new Report(problems, files, 0, profileFiles);
        }
        ProfileFiles.requireProfiles(rules.get().utilities().keySet(), profiles, problems);
        var examples = rules.get().examples();
        problems.addAll(ExampleRunner.run(new Evaluator(rules.get()), examples));
        return new Report(problems, files, examples.size(), profileFiles);
    }
}
