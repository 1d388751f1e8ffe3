package net.mfagateway.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.mfagateway.gateway.config.Config;
import net.mfagateway.gateway.config.ConfigException;
import net.mfagateway.gateway.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: runs the gateway until stopped (SIGTERM or Ctrl-C). */
@Command(name = "serve", description = "Run the gateway (the default command).", mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings; MFA_GATEWAY_* environment wins.")
    Path config;

    @Override
    public Integer call() throws Exception {
        Gateway gateway;
        try {
            Config cfg = ConfigLoader.load(config, System.getenv());
            log.info("gateway.config {}", cfg);
            gateway = Gateway.start(cfg);
        } catch (ConfigException e) {
            System.err.println("mfa-gateway: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
