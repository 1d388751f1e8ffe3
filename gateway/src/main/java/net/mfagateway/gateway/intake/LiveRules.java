package net.mfagateway.gateway.intake;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.mfagateway.rules.InvalidRulesException;
import net.mfagateway.rules.RuleEngine;
import net.mfagateway.rules.RuleProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule engine in force: the built-in rules with an operator's directory layered over them,
 * reloaded when a file there changes, without a restart. A directory that does not load (a
 * broken file) is reported with file and line, and the previous rules stay in force.
 */
public final class LiveRules implements Supplier<RuleEngine>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveRules.class);
    /** Editors write a file in several steps; wait for them to settle before reloading. */
    private static final long SETTLE_MILLIS = 250;

    private final Path dir;
    private final WatchService watcher;
    private final Thread thread;
    private volatile RuleEngine current;

    private LiveRules(Path dir, RuleEngine first, WatchService watcher) {
        this.dir = dir;
        this.current = first;
        this.watcher = watcher;
        this.thread = watcher == null ? null : Thread.ofPlatform().daemon().name("rules-watch").start(this::watch);
    }

    /** The built-in rules only: nothing to watch. */
    public static LiveRules builtIn() {
        return new LiveRules(null, RuleEngine.builtIn(), null);
    }

    /**
     * Loads {@code dir} over the built-in rules and watches it. Fails at start, naming every
     * problem, when the directory does not load: an operator should not start on rules they
     * did not mean.
     */
    public static LiveRules watching(Path dir) throws IOException, InvalidRulesException {
        RuleEngine first = RuleEngine.load(dir);
        WatchService watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        log.info("rules.loaded dir={} utilities={}", dir, first.utilities().size());
        return new LiveRules(dir, first, watcher);
    }

    @Override
    public RuleEngine get() {
        return current;
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                // Drain whatever else arrives while the writer finishes, then reload once.
                WatchKey more;
                do {
                    key.pollEvents();
                    key.reset();
                    more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                    if (more != null) {
                        key = more;
                    }
                } while (more != null);
                reload();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    /** Loads the directory again; keeps the rules in force when it does not load. */
    void reload() {
        try {
            current = RuleEngine.load(dir);
            log.info("rules.reloaded dir={} utilities={}", dir, current.utilities().size());
        } catch (InvalidRulesException e) {
            for (RuleProblem p : e.problems()) {
                log.warn("rules.reload_refused file={} line={} problem=\"{}\" action=kept_previous_rules", p.file(),
                        p.line(), p.message().replaceAll("\\s+", " ").strip());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("rules.reload_failed dir={} reason={} action=kept_previous_rules", dir, e.toString());
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                log.debug("rules.watch_close_failed reason={}", e.toString());
            }
        }
    }
}
