package net.mfagateway.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link RuleEngine#load} and {@link UtilityProfiles#load} when rule or profile files have
 * problems; what is in use stays as it was.
 */
public final class InvalidRulesException extends Exception {

    private final List<RuleProblem> problems;

    public InvalidRulesException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("; ")), null, true, false);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
