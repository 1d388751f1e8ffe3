package net.mfagateway.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of CONTRACT.md; without a subcommand it serves. */
@Command(name = "mfa-gateway", mixinStandardHelpOptions = true, version = "mfa-gateway 0.1",
        description = "Receives one-time MFA codes for utility-portal logins.",
        subcommands = {ServeCommand.class, ExtractCommand.class, RulesCommand.class, DemoCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings for serve.")
    Path config;

    @Override
    public Integer call() throws Exception {
        ServeCommand serve = new ServeCommand();
        serve.config = config;
        return serve.call();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
