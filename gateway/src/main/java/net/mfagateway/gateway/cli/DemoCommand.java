package net.mfagateway.gateway.cli;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.mfagateway.gateway.config.ConfigLoader;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.worker.LoginListener;
import net.mfagateway.gateway.worker.simulated.PortalAccount;
import net.mfagateway.gateway.worker.simulated.PortalAccount.Destination;
import net.mfagateway.gateway.worker.simulated.SimulatedPortal;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo [--once]}: a gateway on free loopback ports over a temporary store, a simulated
 * utility portal that mails its MFA code to the connection's address over SMTP, and the
 * in-service login worker, each step printed as it happens. Everything goes through the real
 * paths: the HTTP API creates the connection and sets its portal password, the portal speaks SMTP
 * to the gateway, the worker waits for the code as {@code codes/next} does. Four acts: a login
 * that chooses where the code goes, a second login let in by the remembered device, a portal
 * outage ({@code website_down}), and a password changed at the portal ({@code password_incorrect},
 * then set through the API).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a gateway, a simulated utility portal and a login worker on loopback, printing each step.")
final class DemoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "demo-user";
    private static final long EVERY_SECONDS = 30;
    private static final String FIRST_PASSWORD = "demo portal password 1";
    private static final String SECOND_PASSWORD = "demo portal password 2";
    private static final String OWNER_INBOX = "owner.of.demo@example.com";
    private static final String OTHER_PHONE = "+15550100199";

    @Option(names = "--once", description = "Run the demo's logins once and exit: 0 when each went as shown and the"
            + " connection ends connected, 1 otherwise.")
    boolean once;

    @Option(names = "--verbose", description = "Also show the gateway's own log lines (on stderr).")
    boolean verbose;

    private final long started = System.nanoTime();
    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    @Override
    public Integer call() throws Exception {
        if (!verbose) {
            // The acts narrate the warnings they cause (a portal down, a refused password); errors still show.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("net.mfagateway")).setLevel(Level.ERROR);
        }
        Path dir = Files.createTempDirectory("mfa-gateway-demo-");
        // A fast backoff, so the demo's portal outage costs a second, not the default five minutes.
        Map<String, String> env = Map.of("MFA_GATEWAY_DATA_DIR", dir.toString(), "MFA_GATEWAY_SMTP_PORT", "0",
                "MFA_GATEWAY_HTTP_PORT", "0", "MFA_GATEWAY_BIND", "127.0.0.1", "MFA_GATEWAY_WORKER_CODE_WAIT_SECONDS",
                "30", "MFA_GATEWAY_WORKER_RETRY_BASE_SECONDS", "1", "MFA_GATEWAY_WORKER_UTILITY_INTERVAL_SECONDS", "0");
        BlockingQueue<LoginReport> finished = new LinkedBlockingQueue<>();
        LoginListener printer = new LoginListener() {
            @Override
            public void step(Connection c, String what) {
                say("worker   " + what);
            }

            @Override
            public void finished(Connection c, LoginReport outcome) {
                say("worker   login finished: " + outcome.outcome() + (outcome instanceof LoginReport.Connected in
                        ? " (mfa " + in.mfa().wireName() + ")" : ""));
                finished.add(outcome);
            }
        };
        try (Gateway gateway = Gateway.start(ConfigLoader.load(null, env), Clock.systemUTC(), printer);
                SimulatedPortal portal = new SimulatedPortal("127.0.0.1", gateway.smtpPort(), Clock.systemUTC())) {
            say("gateway  SMTP on 127.0.0.1:" + gateway.smtpPort() + ", HTTP on http://127.0.0.1:" + gateway.httpPort()
                    + ", store in " + dir);
            say("portal   simulated utility portal (SDG&E-like, code by email) on " + portal.url());
            Api api = new Api(gateway);
            JsonNode created = api.send("POST", "/v1/connections", Map.of("utility", "sdge", "label", "demo account",
                    "login", Map.of("driver", "simulated", "url", portal.url().toString(), "username", USER,
                            "everySeconds", 0)));
            String id = created.get("id").asText();
            String email = created.get("email").asText();
            say("api      POST /v1/connections -> " + id + ", address " + email + ", status "
                    + created.get("status").asText());
            api.send("PUT", "/v1/connections/" + id + "/portal-password", Map.of("password", FIRST_PASSWORD));
            say("api      PUT /v1/connections/" + id + "/portal-password -> 204 (write-only: sealed, never shown again)");
            portal.addAccount(PortalAccount.emailCode(USER, email, "myaccount@sdge.com", "Your SDG&E verification code")
                    .withPassword(FIRST_PASSWORD).withDestinations(List.of(Destination.email(OWNER_INBOX),
                            Destination.sms(OTHER_PHONE), Destination.email(email))));
            say("portal   account '" + USER + "' can send its code to the owner's inbox, to a phone, or to " + email
                    + " (managed forwarding)");
            Demo demo = new Demo(gateway, api, id, finished);

            say("demo     1. first login: the portal asks for a second factor, the worker picks where it goes");
            demo.expect(LoginReport.Connected.class, LoginReport.Mfa.REQUIRED);
            say("demo     2. second login: the worker presents the device the portal remembered");
            demo.expect(LoginReport.Connected.class, LoginReport.Mfa.SKIPPED);
            JsonNode counts = api.send("GET", "/v1/connections/" + id + "/logins", null);
            say("api      GET /v1/connections/" + id + "/logins -> " + counts.get("mfaRequired").asInt()
                    + " with a code, " + counts.get("mfaSkipped").asInt() + " without");

            say("demo     3. the portal goes down for maintenance");
            portal.down(true);
            demo.expect(LoginReport.WebsiteDown.class, null);
            say("api      GET /v1/connections/" + id + " -> status " + demo.status()
                    + " (retried with backoff, not counted against the connection)");
            portal.down(false);
            say("portal   back up");
            demo.expect(LoginReport.Connected.class, LoginReport.Mfa.SKIPPED);

            say("demo     4. the owner changes the password at the portal");
            portal.changePassword(USER, SECOND_PASSWORD);
            demo.expect(LoginReport.PasswordIncorrect.class, null);
            JsonNode refused = api.send("GET", "/v1/connections/" + id, null);
            say("api      GET /v1/connections/" + id + " -> status " + refused.get("status").asText() + ": "
                    + refused.get("diagnosis").get("advice").get(0).asText());
            api.send("PUT", "/v1/connections/" + id + "/portal-password", Map.of("password", SECOND_PASSWORD));
            say("api      PUT /v1/connections/" + id + "/portal-password -> 204; the worker logs in again at once");
            demo.awaitNext(LoginReport.Connected.class, LoginReport.Mfa.SKIPPED);

            String status = demo.status();
            say("api      GET /v1/connections/" + id + " -> status " + status);
            printEvents(api, id);
            boolean ok = status.equals("connected") && demo.allAsExpected();
            if (once) {
                say(ok ? "demo     done: the connection is connected" : "demo     FAILED: the connection is " + status
                        + (demo.allAsExpected() ? "" : "; " + demo.surprise()));
                return ok ? 0 : 1;
            }
            api.send("PATCH", "/v1/connections/" + id, Map.of("login", Map.of("driver", "simulated", "url",
                    portal.url().toString(), "username", USER, "everySeconds", EVERY_SECONDS)));
            say("demo     the worker now logs in every " + EVERY_SECONDS + " s on its own; Ctrl-C to stop");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-stop"));
            stop.await();
            return 0;
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The demo's logins, each checked against what the act should show. */
    private static final class Demo {
        private final Gateway gateway;
        private final Api api;
        private final String id;
        private final BlockingQueue<LoginReport> finished;
        private String surprise;

        Demo(Gateway gateway, Api api, String id, BlockingQueue<LoginReport> finished) {
            this.gateway = gateway;
            this.api = api;
            this.id = id;
            this.finished = finished;
        }

        /** Starts a login and checks how it ended. */
        void expect(Class<? extends LoginReport> kind, LoginReport.Mfa mfa) throws Exception {
            gateway.workers().logInNow(id);
            awaitNext(kind, mfa);
        }

        /** Waits for the next login to end (two minutes at most) and checks how. */
        void awaitNext(Class<? extends LoginReport> kind, LoginReport.Mfa mfa) throws Exception {
            LoginReport outcome = finished.poll(2, TimeUnit.MINUTES);
            boolean right = kind.isInstance(outcome)
                    && (mfa == null || ((LoginReport.Connected) outcome).mfa() == mfa);
            if (!right && surprise == null) {
                surprise = "expected " + kind.getSimpleName() + (mfa == null ? "" : " (mfa " + mfa.wireName() + ")")
                        + ", got " + (outcome == null ? "no login in two minutes" : outcome);
            }
        }

        String status() throws IOException, InterruptedException {
            return api.send("GET", "/v1/connections/" + id, null).get("status").asText();
        }

        boolean allAsExpected() {
            return surprise == null;
        }

        String surprise() {
            return surprise;
        }
    }

    private void printEvents(Api api, String id) throws IOException, InterruptedException {
        for (JsonNode e : api.send("GET", "/v1/connections/" + id + "/events", null).get("events")) {
            String type = e.get("type").asText();
            JsonNode data = e.get("data");
            String detail = switch (type) {
                case "connection.status" -> data.get("status").asText();
                case "login.succeeded" -> "mfa " + data.path("mfa").asText();
                case "login.failed" -> data.path("outcome").asText();
                case "device.remembered" -> "until " + data.path("expiresAt").asText();
                case "portal_password.updated" -> "via " + data.path("via").asText();
                case "code.received" -> "from " + data.path("sender").asText() + ", rule " + data.path("ruleId").asText()
                        + ", sender " + data.path("senderStatus").asText();
                default -> "";
            };
            say("event    " + e.get("at").asText() + " " + type + (detail.isEmpty() ? "" : ": " + detail));
        }
    }

    private void say(String line) {
        out.printf("%7.3fs  %s%n", (System.nanoTime() - started) / 1e9, line);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("demo: could not remove " + dir + ": " + e.getMessage());
        }
    }

    /** The demo's own API client: it uses the HTTP API as any collector would. */
    private static final class Api {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final Gateway gateway;

        Api(Gateway gateway) {
            this.gateway = gateway;
        }

        /** Sends {@code body} (null: none) as JSON; the answer's JSON, or null for 204. */
        JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + gateway.adminToken())
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw new IOException(method + " " + path + " answered " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.statusCode() == 204 ? null : JSON.readTree(r.body());
        }
    }
}
