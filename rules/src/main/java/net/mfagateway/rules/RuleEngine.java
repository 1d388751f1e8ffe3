package net.mfagateway.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.rules.internal.Evaluator;
import net.mfagateway.rules.internal.RuleFiles;
import net.mfagateway.rules.internal.RuleSources;
import net.mfagateway.rules.internal.Ruleset;

/**
 * Evaluates rules against one message: the built-in rule files (one per utility, generic,
 * provider), optionally with an operator's directory layered over them. Immutable and
 * thread-safe: build once, evaluate concurrently; to reload, build a new engine and swap it in.
 */
public final class RuleEngine {

    private final Ruleset rules;
    private final Evaluator evaluator;

    private RuleEngine(Ruleset rules) {
        this.rules = rules;
        this.evaluator = new Evaluator(rules);
    }

    /** The engine with the rules shipped in this module. */
    public static RuleEngine builtIn() {
        try {
            return load(null);
        } catch (InvalidRulesException e) {
            throw new IllegalStateException("built-in rule files are invalid: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("built-in rule files unreadable", e);
        }
    }

    /**
     * The built-in rules with the *.yaml files of {@code dir} layered over them: a file whose id
     * matches a built-in one replaces it. Null {@code dir} means built-in only.
     *
     * @throws InvalidRulesException when any file has a problem (see {@link RuleCheck} for all of them)
     * @throws IOException when {@code dir} cannot be read
     */
    public static RuleEngine load(Path dir) throws InvalidRulesException, IOException {
        List<RuleProblem> problems = new ArrayList<>();
        var rules = RuleFiles.read(RuleSources.layers(dir), problems);
        if (!problems.isEmpty() || rules.isEmpty()) {
            throw new InvalidRulesException(problems);
        }
        return new RuleEngine(rules.get());
    }

    /** The utility ids that have a rule file, sorted. */
    public Set<String> utilities() {
        return new TreeSet<>(rules.utilities().keySet());
    }

    /**
     * Decides what {@code message} carries for a connection of {@code utility} (null or an id
     * without a rule file: generic rules, sender status {@code unknown}). Never throws for any
     * message content; an unclear message gives {@link Extraction.NoCode} with reasons.
     */
    public Extraction evaluate(InboundMessage message, String utility, SenderHistory history) {
        return evaluator.evaluate(message, utility, history == null ? SenderHistory.NONE : history);
    }
}
