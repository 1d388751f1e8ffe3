package net.mfagateway.gateway.worker;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.mfagateway.gateway.Backoff;
import net.mfagateway.gateway.answers.SecurityAnswers;
import net.mfagateway.gateway.config.WorkerSettings;
import net.mfagateway.gateway.intake.Waiters;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.status.StatusTracker;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.PortalLogin;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each connection's portal logins inside the service: on its schedule (every
 * {@link PortalLogin#everySeconds()}; 0 means only when asked), through the driver its login
 * names. At most {@link WorkerSettings#concurrency()} logins run at once, each on a virtual
 * thread; logins to one utility start {@link WorkerSettings#utilityInterval()} apart; a failed
 * login is retried with backoff, and a portal that errs (or is down) pauses every login to it. A
 * connection whose password the portal refused waits for a new one instead of retrying. Each
 * login signs in with the stored password and the portal state the last one kept
 * ({@link RememberedDevices}), so a portal that remembers the device asks no code.
 *
 * <p>Several nodes may share the store, each with its workers. Two leases in the store keep a
 * connection's logins to one node at a time: {@code login:ID} is held while a login runs (so a
 * connection never logs in twice at once), and {@code login-next:ID} from a scheduled login
 * until the next one is due (so the other nodes do not repeat it). A node that finds either
 * taken looks again after the period (at most {@link #LOOK_AGAIN_MAX}); a node that dies holding
 * them only delays the connection until they run out.
 */
public final class LoginWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoginWorkers.class);
    private static final Duration SCAN_EVERY = Duration.ofSeconds(5);
    private static final Duration DEVICE_SWEEP_EVERY = Duration.ofHours(1);
    /** How soon a node looks again at a connection whose logins another node holds. */
    static final Duration LOOK_AGAIN_MAX = Duration.ofMinutes(5);
    /** Beyond the code wait, how long a running login's lease lasts: a driver's steps before and after it. */
    private static final Duration LOGIN_LEASE_MARGIN = Duration.ofMinutes(5);

    private final Store store;
    private final Waiters waiters;
    private final SecurityAnswers answers;
    private final PortalPasswords passwords;
    private final RememberedDevices devices;
    private final StatusTracker status;
    private final Map<String, PortalDriver> drivers;
    private final Clock clock;
    private final WorkerSettings settings;
    private final LoginListener listener;
    private final MeterRegistry metrics;
    private final Semaphore slots;
    private final Backoff retries;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "login-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();
    private final Map<String, UtilityGate> gates = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    /** This node, as the holder of leases: unique per process. */
    private final String node = "node-" + java.util.UUID.randomUUID();

    /** When a connection logs in next, and how its recent logins went. Guarded by itself. */
    private static final class Schedule {
        Instant next;
        int failures;
        boolean busy;

        Schedule(Instant next) {
            this.next = next;
        }
    }

    public LoginWorkers(Store store, Waiters waiters, SecurityAnswers answers, PortalPasswords passwords,
            RememberedDevices devices, StatusTracker status, List<PortalDriver> drivers, Clock clock,
            WorkerSettings settings, LoginListener listener, MeterRegistry metrics) {
        this.store = store;
        this.waiters = waiters;
        this.answers = answers;
        this.passwords = passwords;
        this.devices = devices;
        this.status = status;
        this.drivers = drivers.stream().collect(Collectors.toUnmodifiableMap(PortalDriver::kind, Function.identity()));
        this.clock = clock;
        this.settings = settings;
        this.listener = listener;
        this.metrics = metrics;
        this.slots = new Semaphore(settings.concurrency());
        this.retries = new Backoff(settings.retryBase(), settings.retryMax(), new SecureRandom());
    }

    /**
     * Starts the schedule: due logins are looked for every few seconds, and remembered devices
     * whose time is up are dropped every hour.
     */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::startDueLogins, 0, SCAN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::sweepDevices, DEVICE_SWEEP_EVERY.toMinutes(),
                DEVICE_SWEEP_EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    /**
     * Drops the remembered devices whose time is up, on one node at a time (a lease); returns how
     * many went. Runs hourly; public for tests and operators' tools.
     */
    public int sweepDevices() {
        Instant now = clock.instant();
        if (!lease("devices-sweep", now.plus(DEVICE_SWEEP_EVERY).minusSeconds(60))) {
            return 0;
        }
        try {
            int dropped = devices.dropExpired(store.loginConnections());
            if (dropped > 0) {
                log.info("worker.devices_swept expired={}", dropped);
            }
            return dropped;
        } catch (RuntimeException e) {
            log.warn("worker.devices_sweep_failed reason=\"{}\" action=next_hour", e.toString());
            return 0;
        }
    }

    /** The portal kinds this service has drivers for. */
    public Set<String> driverKinds() {
        return drivers.keySet();
    }

    /**
     * Logs the connection in now, whatever its schedule, waiting for a free slot and for its
     * utility's gate. Completes with the outcome, or exceptionally when the connection has no
     * login settings or is already logging in.
     */
    public CompletableFuture<LoginReport> logInNow(String connectionId) {
        Connection c = store.connection(connectionId).orElse(null);
        if (c == null || c.login() == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection " + connectionId
                    + (c == null ? " does not exist" : " has no login settings")));
        }
        Schedule s = schedules.computeIfAbsent(c.id(), id -> new Schedule(Instant.MAX));
        synchronized (s) {
            if (s.busy) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection " + connectionId
                        + " is logging in already"));
            }
            s.busy = true;
        }
        CompletableFuture<LoginReport> done = new CompletableFuture<>();
        Thread.ofVirtual().name("login-" + c.id()).start(() -> {
            try {
                slots.acquire();
                try {
                    awaitGate(c.utility());
                    if (!lease(c, "login:", leaseUntil())) {
                        free(s);
                        done.completeExceptionally(new IllegalStateException("connection " + connectionId
                                + " is logging in already, on another node"));
                        return;
                    }
                    done.complete(run(c, s));
                } finally {
                    slots.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                free(s);
                done.completeExceptionally(e);
            } catch (RuntimeException e) {
                free(s);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * A person set a new portal password: a connection whose logins wait for one
     * ({@code password_incorrect}, {@code new_password_needed}) logs in now. Does nothing otherwise,
     * or while it is logging in already.
     */
    public void passwordChanged(String connectionId) {
        store.connection(connectionId).filter(c -> c.login() != null && waitsForPassword(c.status()))
                .ifPresent(c -> logInNow(c.id()).exceptionally(failure -> {
                    log.info("worker.retry_not_started conn={} reason=\"{}\"", c.id(), failure.getMessage());
                    return null;
                }));
    }

    private static boolean waitsForPassword(ConnectionStatus status) {
        return status == ConnectionStatus.PASSWORD_INCORRECT || status == ConnectionStatus.NEW_PASSWORD_NEEDED;
    }

    /** True while the portal refused the password (or wants a new one) and nobody has set another since. */
    private boolean blockedOnPassword(Connection c) {
        if (!waitsForPassword(c.status())) {
            return false;
        }
        Instant refusedAt = c.diagnosis() != null ? c.diagnosis().at() : Instant.EPOCH;
        return passwords.setAt(c.id()).filter(at -> at.isAfter(refusedAt)).isEmpty();
    }

    private static void free(Schedule s) {
        synchronized (s) {
            s.busy = false;
        }
    }

    private void awaitGate(String utility) throws InterruptedException {
        while (true) {
            Instant due = gate(utility).tryStart(clock.instant());
            if (due == null) {
                return;
            }
            Thread.sleep(Math.max(1, Duration.between(clock.instant(), due).toMillis()));
        }
    }

    private UtilityGate gate(String utility) {
        return gates.computeIfAbsent(utility, u -> new UtilityGate(settings.utilityInterval(), settings.retryBase(),
                settings.retryMax()));
    }

    /** One pass of the schedule: starts every login that is due and allowed to start. */
    private void startDueLogins() {
        try {
            Instant now = clock.instant();
            Set<String> seen = new HashSet<>();
            for (Connection c : store.loginConnections()) {
                if (!running || c.login() == null || c.login().everySeconds() <= 0) {
                    continue;
                }
                seen.add(c.id());
                Schedule s = schedules.computeIfAbsent(c.id(), id -> new Schedule(now.plus(firstDelay(c.login()))));
                // No retry storm on a refused password: logins wait for a new one, then go at once.
                boolean waiting = waitsForPassword(c.status());
                if (waiting && blockedOnPassword(c)) {
                    continue;
                }
                synchronized (s) {
                    if (s.next.equals(Instant.MAX)) {
                        s.next = now.plus(firstDelay(c.login()));
                    }
                    if (waiting && s.next.isAfter(now)) {
                        s.next = now;
                    }
                    if (s.busy || now.isBefore(s.next) || !slots.tryAcquire()) {
                        continue;
                    }
                    if (gate(c.utility()).tryStart(now) != null) {
                        slots.release();
                        continue;
                    }
                    s.busy = true;
                }
                Thread.ofVirtual().name("login-" + c.id()).start(() -> {
                    try {
                        if (lease(c, "login-next:", leaseUntil()) && lease(c, "login:", leaseUntil())) {
                            run(c, s);
                        } else {
                            heldElsewhere(c, s);
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
            schedules.keySet().retainAll(union(seen));
        } catch (RuntimeException e) {
            log.error("worker.schedule_failed", e);
        }
    }

    private Instant leaseUntil() {
        return clock.instant().plus(settings.codeWait()).plus(LOGIN_LEASE_MARGIN);
    }

    /** Takes or extends this node's lease {@code prefix + id}; false when another node holds it (or the store failed). */
    private boolean lease(Connection c, String prefix, Instant until) {
        return lease(prefix + c.id(), until);
    }

    /** Takes or extends this node's lease {@code name}; false when another node holds it (or the store failed). */
    private boolean lease(String name, Instant until) {
        try {
            return store.lease(name, node, clock.instant(), until).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            log.warn("worker.lease_failed lease={} reason=\"{}\" action=look_again_later", name, e.toString());
            return false;
        }
    }

    /** Another node logs this connection in: look again after the period, at most {@link #LOOK_AGAIN_MAX}. */
    private void heldElsewhere(Connection c, Schedule s) {
        Duration period = Duration.ofSeconds(Math.max(1, c.login().everySeconds()));
        synchronized (s) {
            s.busy = false;
            s.next = clock.instant().plus(period.compareTo(LOOK_AGAIN_MAX) < 0 ? period : LOOK_AGAIN_MAX);
        }
        log.debug("worker.login_held_elsewhere conn={}", c.id());
    }

    /** The scheduled connections plus any on-demand login still running; the rest (deleted, unscheduled) go. */
    private Set<String> union(Set<String> scheduled) {
        Set<String> keep = new HashSet<>(scheduled);
        schedules.forEach((id, s) -> {
            synchronized (s) {
                if (s.busy) {
                    keep.add(id);
                }
            }
        });
        return keep;
    }

    /** Spreads first logins after a start over the first minute (or the period, if shorter). */
    private static Duration firstDelay(PortalLogin login) {
        long bound = Math.max(1, Math.min(login.everySeconds(), 60)) * 1000;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound));
    }

    private LoginReport run(Connection c, Schedule s) {
        long start = System.nanoTime();
        LoginReport outcome;
        PortalDriver driver = drivers.get(c.login().driver());
        listener.step(c, "login started (" + c.login().driver() + " portal at " + c.login().url() + ")");
        Session session = new Session(c);
        if (driver == null) {
            outcome = new LoginReport.Failed("no portal driver named '" + c.login().driver() + "'; this gateway has "
                    + drivers.keySet());
        } else {
            try {
                outcome = driver.logIn(session);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = new LoginReport.Failed("the login was interrupted (gateway stopping)");
            } catch (RuntimeException e) {
                log.error("worker.driver_failed conn={} driver={}", c.id(), c.login().driver(), e);
                outcome = new LoginReport.Failed("the " + c.login().driver() + " driver failed: " + e.getMessage());
            }
        }
        try {
            status.report(c, outcome).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            log.error("worker.status_not_stored conn={} outcome={} reason={}", c.id(), outcome.outcome(), e.toString());
        }
        reschedule(c, s, outcome);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String mfa = mfaLabel(outcome, session.mfaAsked);
        metrics.counter("mfa.gateway.logins", "utility", c.utility(), "outcome", outcome.outcome(), "mfa", mfa)
                .increment();
        log.info("worker.login conn={} utility={} outcome={} mfa={} ms={}", c.id(), c.utility(), outcome.outcome(),
                mfa, ms);
        listener.finished(c, outcome);
        return outcome;
    }

    /**
     * The {@code mfa} label of {@code mfa_gateway_logins_total}: {@code required} when the portal asked
     * for a second factor, {@code skipped} when a login got in without one, {@code none} when it ended
     * before the portal decided (a refused password, a portal that is down).
     */
    private static String mfaLabel(LoginReport outcome, boolean asked) {
        if (outcome instanceof LoginReport.Connected connected) {
            return connected.mfa().wireName();
        }
        return asked ? LoginReport.Mfa.REQUIRED.wireName() : "none";
    }

    private void reschedule(Connection c, Schedule s, LoginReport outcome) {
        Instant now = clock.instant();
        UtilityGate gate = gate(c.utility());
        if (outcome instanceof LoginReport.Failed || outcome instanceof LoginReport.WebsiteDown) {
            gate.portalFailed(now);
        } else {
            gate.portalAnswered();
        }
        synchronized (s) {
            s.busy = false;
            long every = c.login().everySeconds();
            if (!outcome.isFailure()) {
                s.failures = 0;
                s.next = every > 0 ? now.plusSeconds(every) : Instant.MAX;
            } else {
                s.failures++;
                Duration retry = retries.after(s.failures);
                if (every > 0 && retry.toSeconds() > every) {
                    retry = Duration.ofSeconds(every);
                }
                s.next = every > 0 ? now.plus(retry) : Instant.MAX;
            }
        }
        // The next scheduled login is this node's; the running one is over. Both writes are
        // best-effort: a lease that is not given back runs out.
        Instant next;
        synchronized (s) {
            next = s.next;
        }
        if (!next.equals(Instant.MAX)) {
            store.lease("login-next:" + c.id(), node, now, next);
        }
        store.releaseLease("login:" + c.id(), node);
    }

    @Override
    public void close() {
        running = false;
        scheduler.shutdownNow();
    }

    /** The gateway's help for one login. */
    private final class Session implements LoginSession {
        private final Connection c;
        private volatile boolean mfaAsked;
        private Optional<PortalState> recalled;

        Session(Connection c) {
            this.c = c;
        }

        @Override
        public Connection connection() {
            return c;
        }

        @Override
        public PortalLogin login() {
            return c.login();
        }

        @Override
        public Duration codeWait() {
            return settings.codeWait();
        }

        @Override
        public void step(String what) {
            log.debug("worker.step conn={} step=\"{}\"", c.id(), what);
            listener.step(c, what);
        }

        @Override
        public void mfaRequired(String method) {
            mfaAsked = true;
            step(method.equals("security_question") ? "the portal asked a security question"
                    : "the portal asked for a code by " + method);
            try {
                status.report(c, new LoginReport.MfaRequired(method)).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                log.error("worker.status_not_stored conn={} outcome=mfa_required reason={}", c.id(), e.toString());
            }
        }

        @Override
        public Optional<Code> awaitCode(Instant after, Duration wait) throws InterruptedException {
            CompletableFuture<Optional<Code>> next = waiters.next(c.id(), after, wait);
            try {
                return next.get();
            } catch (InterruptedException e) {
                next.cancel(false);
                throw e;
            } catch (ExecutionException | CancellationException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<String> answer(String question) {
            return answers.match(c, question);
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public Optional<String> password() {
            return passwords.password(c.id());
        }

        @Override
        public synchronized Optional<PortalState> rememberedState() {
            if (recalled == null) {
                recalled = devices.recall(c);
            }
            return recalled;
        }

        @Override
        public void keepState(PortalState state) {
            try {
                devices.keep(c, state, rememberedState()).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                log.error("worker.state_not_stored conn={} reason={}", c.id(), e.toString());
            }
        }

        @Override
        public Reach reach() {
            return new Reach(c.email(), c.phone(), forwardingInboxes(), answers.hasAnswers(c));
        }

        /**
         * The customer inboxes this connection's codes came forwarded from (within the retention): a
         * person's forward names its inbox as sender; an automatic one keeps the utility as sender, and
         * the inbox is the envelope sender, sub-addressed by Gmail ({@code ann+caf_=...@gmail.com}) and
         * by SRS ({@code ann+SRS=...@example.com}).
         */
        private Set<String> forwardingInboxes() {
            Set<String> inboxes = new HashSet<>();
            for (Code k : store.codes(c.id())) {
                if (!k.channel().equals("email") || k.forwarding() == null || k.forwarding().equals("direct")) {
                    continue;
                }
                String inbox = k.forwarding().equals("auto")
                        ? store.message(k.messageId()).map(StoredMessage::envelopeSender).orElse("")
                        : k.sender();
                int at = inbox == null ? -1 : inbox.lastIndexOf('@');
                if (at > 0) {
                    int plus = inbox.indexOf('+');
                    inboxes.add(plus > 0 && plus < at ? inbox.substring(0, plus) + inbox.substring(at) : inbox);
                }
            }
            return inboxes;
        }
    }
}
