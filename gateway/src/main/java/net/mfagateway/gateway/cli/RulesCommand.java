package net.mfagateway.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import net.mfagateway.rules.InvalidRulesException;
import net.mfagateway.rules.RuleCheck;
import net.mfagateway.rules.RuleEngine;
import net.mfagateway.rules.RuleProblem;
import net.mfagateway.rules.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rules check [DIR]} and {@code rules score CORPUS}: for operators who edit rule files. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Check rule files, or score them on a corpus.",
        subcommands = {RulesCommand.Check.class, RulesCommand.Score.class})
final class RulesCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Load every rule file (built-in, plus DIR), report each problem with file and line, "
                    + "run the examples embedded in the files; check the profile files (built-in, plus DIR/profiles) "
                    + "and that every utility has one. Exit 1 on any problem.")
    static final class Check implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "DIR", description = "A rules directory layered over the built-in rules.")
        Path dir;

        @Override
        public Integer call() {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            if (dir != null && !Files.isDirectory(dir)) {
                System.err.println("rules check: " + dir + " is not a directory");
                return 2;
            }
            RuleCheck.Report report = RuleCheck.check(dir);
            for (RuleProblem p : report.problems()) {
                out.println(p);
            }
            out.printf("%d rule files, %d examples, %d problems; %d profile files%n", report.files(),
                    report.examples(), report.problems().size(), report.profileFiles());
            return report.ok() ? 0 : 1;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Run extract over a corpus directory (email/NAME.eml + NAME.json, sms/cases.jsonl) and "
                    + "print right / wrong / none per kind, forwarding and senderStatus agreement, and each miss.")
    static final class Score implements Callable<Integer> {

        @Parameters(paramLabel = "CORPUS", description = "The corpus directory.")
        Path corpus;

        @Option(names = "--rules", paramLabel = "DIR", description = "A rules directory layered over the built-in rules.")
        Path rules;

        @Override
        public Integer call() throws IOException {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            if (!Files.isDirectory(corpus)) {
                System.err.println("rules score: " + corpus + " is not a directory");
                return 2;
            }
            RuleEngine engine;
            try {
                engine = RuleEngine.load(rules);
            } catch (InvalidRulesException e) {
                e.problems().forEach(p -> System.err.println(p));
                return 1;
            }
            Scorer.Score score = Scorer.score(corpus, engine);
            print(out, "mail", score.mail());
            print(out, "sms", score.sms());
            out.printf("forwarding agreement     %d/%d%n", score.forwarding().agree(), score.forwarding().total());
            out.printf("senderStatus agreement   %d/%d%n", score.senderStatus().agree(), score.senderStatus().total());
            for (Scorer.Miss miss : score.misses()) {
                out.printf("%s %s expected=%s got=%s%n", miss.wrong() ? "WRONG" : "none ", miss.name(), miss.expected(),
                        miss.got());
            }
            out.printf("wrong answers: %d%n", score.wrong());
            return 0;
        }

        private static void print(PrintStream out, String channel, Map<String, Scorer.Tally> tallies) {
            tallies.forEach((kind, t) -> out.printf("%-5s %-24s right %4d  wrong %3d  none %3d%n", channel, kind,
                    t.right(), t.wrong(), t.none()));
        }
    }
}
