package net.mfagateway.rules;

import java.nio.file.Path;

/** Prints the corpus score and every miss: {@code java ... ScoreReport [CORPUS_DIR]}. A tool, not a test. */
public final class ScoreReport {

    private ScoreReport() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "rules/src/test/resources/corpus");
        RuleCheck.Report check = RuleCheck.check(null);
        check.problems().forEach(p -> System.out.println("RULE " + p));
        Scorer.Score s = Scorer.score(dir, RuleEngine.builtIn());
        System.out.println("mail " + s.mail());
        System.out.println("sms  " + s.sms());
        System.out.println("forwarding " + s.forwarding() + " senderStatus " + s.senderStatus() + " wrong " + s.wrong());
        s.misses().forEach(m -> System.out.println((m.wrong() ? "WRONG " : "NONE  ") + m.name() + "  expected " + m.expected() + "\n        got " + m.got()));
    }
}
