package net.mfagateway.gateway.cli;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.mfagateway.gateway.api.FormGuard;
import net.mfagateway.gateway.api.ProfileSetupAdvice;
import net.mfagateway.gateway.api.Health;
import net.mfagateway.gateway.api.HttpApi;
import net.mfagateway.gateway.intake.CodeListener;
import net.mfagateway.gateway.intake.Waiters;
import net.mfagateway.gateway.config.WorkerSettings;
import net.mfagateway.gateway.status.Diagnostician;
import net.mfagateway.gateway.status.StatusTracker;
import net.mfagateway.gateway.worker.LoginListener;
import net.mfagateway.gateway.worker.LoginWorkers;
import net.mfagateway.gateway.worker.PortalPasswords;
import net.mfagateway.gateway.worker.RememberedDevices;
import net.mfagateway.gateway.worker.simulated.SimulatedPortalDriver;
import java.util.List;
import net.mfagateway.gateway.answers.SecurityAnswers;
import net.mfagateway.gateway.secrets.ConnectionSecrets;
import net.mfagateway.gateway.secrets.SecretBox;
import net.mfagateway.gateway.secrets.SecretKeyFile;
import net.mfagateway.gateway.config.Config;
import net.mfagateway.gateway.edge.smtp.SmtpEdge;
import net.mfagateway.gateway.edge.smtp.TlsCertificate;
import net.mfagateway.gateway.numbers.PhoneNumbers;
import net.mfagateway.gateway.numbers.TwilioPhoneNumbers;
import net.mfagateway.gateway.edge.sms.TwilioWebhook;
import net.mfagateway.gateway.intake.Intake;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Retention;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.store.mapdb.MapDbStore;
import net.mfagateway.gateway.store.postgres.PostgresStore;
import net.mfagateway.gateway.store.ConnectionSecret;
import net.mfagateway.gateway.config.ConfigException;
import net.mfagateway.gateway.intake.LiveRules;
import net.mfagateway.gateway.webhook.Outbox;
import net.mfagateway.rules.InvalidRulesException;
import net.mfagateway.rules.SetupStep;
import net.mfagateway.rules.UtilityProfiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: every long-lived object, built in one place from one {@link Config}. Used
 * by {@code serve}, the demo and the tests (which start several side by side: nothing static).
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    static final String ADMIN_TENANT = "t_admin";

    private final Store store;
    private final LiveRules rules;
    private final SmtpEdge smtp;
    private final HttpApi http;
    private final Waiters waiters;
    private final LoginWorkers workers;
    private final Outbox outbox;
    private final Retention retention;
    private final int smtpPort;
    private final int httpPort;
    private final String adminToken;

    private Gateway(Store store, LiveRules rules, SmtpEdge smtp, HttpApi http, Waiters waiters, LoginWorkers workers,
            Outbox outbox, Retention retention, int smtpPort, int httpPort, String adminToken) {
        this.retention = retention;
        this.store = store;
        this.rules = rules;
        this.smtp = smtp;
        this.http = http;
        this.waiters = waiters;
        this.workers = workers;
        this.outbox = outbox;
        this.smtpPort = smtpPort;
        this.httpPort = httpPort;
        this.adminToken = adminToken;
    }

    /** Opens the store, binds SMTP and HTTP, and logs the one ready line. */
    public static Gateway start(Config config) throws IOException, InterruptedException {
        return start(config, Clock.systemUTC(), LoginListener.NONE);
    }

    /**
     * As {@link #start(Config)}, telling time by {@code clock} (tests move it to expire invitations)
     * and with {@code loginListener} hearing each login step (the demo prints them).
     */
    public static Gateway start(Config config, Clock clock, LoginListener loginListener)
            throws IOException, InterruptedException {
        SecureRandom random = new SecureRandom();
        Ids ids = new Ids(clock, random);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindProcessMetrics(metrics);

        Store store = openStore(config, metrics);
        LiveRules rules = null;
        SmtpEdge smtp = null;
        HttpApi http = null;
        Waiters waiters = null;
        LoginWorkers workers = null;
        Outbox outbox = null;
        Retention retention = null;
        try {
            String adminToken = AdminToken.resolve(config.adminToken(), config.dataDir(), ids);
            ensureAdminTenant(store, adminToken, clock);
            // One key, one box, for every secret at rest (security answers, webhook secrets, portal
            // passwords and sessions).
            SecretBox secrets = SecretKeyFile.resolve(config.secretKey(), config.dataDir(), random);
            checkSecretKey(store, secrets, clock);
            SecurityAnswers securityAnswers = new SecurityAnswers(store, secrets, clock);
            ConnectionSecrets connectionSecrets = new ConnectionSecrets(store, secrets, clock);
            PortalPasswords passwords = new PortalPasswords(connectionSecrets, store, ids, clock);
            RememberedDevices devices = new RememberedDevices(connectionSecrets, store, ids, clock,
                    config.workers().deviceTtl());

            rules = config.rulesDir().isPresent() ? LiveRules.watching(config.rulesDir().get()) : LiveRules.builtIn();
            UtilityProfiles profiles = config.rulesDir().isPresent() ? UtilityProfiles.load(config.rulesDir().get())
                    : UtilityProfiles.builtIn();
            waiters = new Waiters(store, metrics, clock);
            WorkerSettings workerSettings = config.workers();
            Diagnostician diagnostician = new Diagnostician(store, clock,
                    utility -> profiles.forUtility(utility).ladder().stream().map(SetupStep::method).toList());
            StatusTracker status = new StatusTracker(store, diagnostician, ids, clock, workerSettings.attentionAfter());
            status.bindMetrics(metrics);
            Intake intake = new Intake(store, rules, CodeListener.all(waiters, status), ids, clock, metrics);
            workers = new LoginWorkers(store, waiters, securityAnswers, passwords, devices, status,
                    List.of(new SimulatedPortalDriver()), clock, workerSettings, loginListener, metrics);

            TlsCertificate certificate = TlsCertificate.resolve(config.smtp(), config.dataDir(), config.mailDomain(),
                    clock);
            smtp = new SmtpEdge(config.bind(), config.smtpPort(), config.mailDomain(), config.maxMessageBytes(),
                    config.smtp(), Optional.of(certificate.sslContext()), store, intake, metrics);
            int smtpPort = smtp.start();
            SmtpEdge smtpForHealth = smtp;
            Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
            checks.put("smtp", smtpForHealth::running);
            HttpApi[] httpForHealth = new HttpApi[1];
            checks.put("http", () -> httpForHealth[0] != null && httpForHealth[0].running());
            checks.put("store", store::healthy);
            TwilioWebhook sms = new TwilioWebhook(config.twilioAuthToken(), config.publicUrl(), store, intake, metrics);
            http = new HttpApi(config.bind(), config.httpPort(), new HttpApi.Services(store, intake, waiters, ids,
                    clock, config.mailDomain(), metrics::scrape, new Health(checks), securityAnswers,
                    Map.of(TwilioWebhook.PATH, sms),
                    config.twilioAccount().map(account -> (PhoneNumbers) new TwilioPhoneNumbers(account)),
                    URI.create(config.publicUrl() + TwilioWebhook.PATH), profiles, status, workers,
                    new HttpApi.Invitations(config.publicUrl(), config.invitationTtl(),
                            new FormGuard(secrets.derivedKey("invitation-forms"), config.publicUrl()),
                            new ProfileSetupAdvice(profiles)),
                    secrets, config.relay().isPresent(), config.http(), metrics, passwords, devices));
            httpForHealth[0] = http;
            int httpPort = http.start();
            workers.start();
            outbox = new Outbox(store, secrets, config.relay(), config.mailDomain(), ids, clock, config.retries(),
                    metrics);
            outbox.start();
            retention = new Retention(store, clock, config.retention(), config.eventRetention());
            retention.start();
            log.info("gateway.ready smtp_port={} http_port={} bind={} mail_domain={} data_dir={}", smtpPort, httpPort,
                    config.bind(), config.mailDomain(), config.dataDir().toAbsolutePath().normalize());
            return new Gateway(store, rules, smtp, http, waiters, workers, outbox, retention, smtpPort, httpPort, adminToken);
        } catch (InvalidRulesException e) {
            closeQuietly(retention, workers, http, smtp, outbox, waiters, rules, store);
            throw new ConfigException("MFA_GATEWAY_RULES_DIR " + config.rulesDir().orElseThrow() + " does not load: "
                    + e.getMessage() + "; fix the files (see `rules check DIR`) or unset it");
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(retention, workers, http, smtp, outbox, waiters, rules, store);
            throw e;
        }
    }

    /** Closes in the order given, skipping what was never built. */
    private static void closeQuietly(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    log.warn("gateway.close_failed part={} reason={}", part.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }

    /**
     * The embedded MapDB store in the data dir ({@code mapdb}, the default), or PostgreSQL
     * ({@code postgresql://...}, {@code postgres://...}, {@code jdbc:postgresql://...}), which
     * several nodes may share: they must then share the secret key and the admin token too, so
     * both must be set rather than generated into each node's data dir.
     */
    private static Store openStore(Config config, PrometheusMeterRegistry metrics) throws IOException {
        String store = config.store();
        if (store.isEmpty() || store.equalsIgnoreCase("mapdb")) {
            return MapDbStore.open(config.dataDir(), metrics, config.journalSnapshotBytes());
        }
        if (!store.regionMatches(true, 0, "postgres", 0, "postgres".length())
                && !store.regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length())) {
            throw new ConfigException("MFA_GATEWAY_STORE=" + config.storeForLog() + " is not a store: use mapdb (the"
                    + " embedded default) or postgresql://user:password@host:5432/database");
        }
        if (config.secretKey().isEmpty() || config.adminToken().isEmpty()) {
            throw new ConfigException("MFA_GATEWAY_STORE=postgresql needs MFA_GATEWAY_SECRET_KEY and"
                    + " MFA_GATEWAY_ADMIN_TOKEN set, the same on every node sharing the database: what one node"
                    + " seals another must open (generate them once: openssl rand -base64 32; openssl rand -hex 24)");
        }
        try {
            return PostgresStore.open(store, metrics);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("MFA_GATEWAY_STORE: " + e.getMessage());
        }
    }

    /** Where the store keeps its proof of the secret key: a value sealed with it, of no connection. */
    private static final String KEY_CHECK_OWNER = "_gateway";
    private static final String KEY_CHECK_KIND = "secret_key_check";
    private static final byte[] KEY_CHECK = "mfa-gateway secret key check".getBytes(StandardCharsets.UTF_8);

    /**
     * Refuses to start with a secret key other than the one the store's secrets were sealed with
     * (a replaced key file, or a node configured apart from the others): every webhook secret,
     * security answer and portal password would be unreadable. The first start seals the check.
     */
    private static void checkSecretKey(Store store, SecretBox secrets, Clock clock) {
        Optional<ConnectionSecret> check = store.secret(KEY_CHECK_OWNER, KEY_CHECK_KIND);
        if (check.isEmpty()) {
            store.putSecret(new ConnectionSecret(KEY_CHECK_OWNER, KEY_CHECK_KIND,
                    secrets.seal(KEY_CHECK, KEY_CHECK_OWNER + "/" + KEY_CHECK_KIND), clock.instant()))
                    .orTimeout(30, TimeUnit.SECONDS).join();
            // Read back: a node starting at the same moment with another key may have written last.
            check = store.secret(KEY_CHECK_OWNER, KEY_CHECK_KIND);
        }
        boolean sameKey;
        try {
            sameKey = check.isPresent() && Arrays.equals(secrets.open(check.get().sealed(), KEY_CHECK_OWNER + "/" + KEY_CHECK_KIND),
                    KEY_CHECK);
        } catch (SecretBox.Unreadable e) {
            sameKey = false;
        }
        if (!sameKey) {
            throw new ConfigException("the secret key (MFA_GATEWAY_SECRET_KEY, or secret-key in the data dir) is not"
                    + " the one this store's secrets were sealed with; start with the original key (from your"
                    + " backup, or the other nodes' setting)");
        }
    }

    private static void ensureAdminTenant(Store store, String adminToken, Clock clock) {
        String hash = Tenant.hashToken(adminToken);
        Tenant existing = store.tenant(ADMIN_TENANT).orElse(null);
        if (existing == null || !existing.tokenHash().equals(hash)) {
            Instant created = existing == null ? clock.instant() : existing.createdAt();
            store.putTenant(new Tenant(ADMIN_TENANT, "admin", hash, true, created)).orTimeout(30, TimeUnit.SECONDS)
                    .join();
        }
    }

    private static void bindProcessMetrics(PrometheusMeterRegistry metrics) {
        new ClassLoaderMetrics().bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        new FileDescriptorMetrics().bindTo(metrics);
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The in-service login workers: the demo and tests start logins with them. */
    public LoginWorkers workers() {
        return workers;
    }

    /** The bootstrap admin token, for tests and the demo; never logged. */
    public String adminToken() {
        return adminToken;
    }

    @Override
    public void close() {
        closeQuietly(retention, workers, http, smtp, outbox, waiters, rules, store);
        log.info("gateway.stopped");
    }
}
