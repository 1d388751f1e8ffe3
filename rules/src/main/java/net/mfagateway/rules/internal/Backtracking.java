package net.mfagateway.rules.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a rule pattern against inputs that make nested repetitions explode, with a bounded
 * character budget, so a bad pattern is refused when the rules load rather than hanging a message.
 */
final class Backtracking {

    private static final List<String> PROBES = List.of(
            "a".repeat(3000) + "!",
            "1 ".repeat(1500) + "x",
            "code ".repeat(600) + "!",
            "1-".repeat(1500) + "!",
            "https://a/" + "a/".repeat(1500) + " ");

    private Backtracking() {
    }

    static boolean explodes(Pattern pattern) {
        for (String probe : PROBES) {
            Budget budget = new Budget(20_000_000);
            try {
                pattern.matcher(budget.wrap(probe)).find();
            } catch (Budget.Exceeded e) {
                return true;
            }
        }
        return false;
    }
}
