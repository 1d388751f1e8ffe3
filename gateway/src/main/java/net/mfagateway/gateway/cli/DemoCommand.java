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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.mfagateway.gateway.config.ConfigLoader;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.worker.LoginListener;
import net.mfagateway.gateway.worker.simulated.PortalAccount;
import net.mfagateway.gateway.worker.simulated.SimulatedPortal;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo [--once]}: a gateway on free loopback ports over a temporary store, a simulated
 * utility portal that mails its MFA code to the connection's address over SMTP, and the
 * in-service login worker, each step printed as it happens. Everything goes through the real
 * paths: the HTTP API creates the connection, the portal speaks SMTP to the gateway, the worker
 * waits for the code as {@code codes/next} does.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a gateway, a simulated utility portal and a login worker on loopback, printing each step.")
final class DemoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "demo-user";
    private static final long EVERY_SECONDS = 30;

    @Option(names = "--once", description = "Run one login and exit: 0 when the connection ends connected, 1 otherwise.")
    boolean once;

    @Option(names = "--verbose", description = "Also show the gateway's own log lines (on stderr).")
    boolean verbose;

    private final long started = System.nanoTime();
    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    @Override
    public Integer call() throws Exception {
        if (!verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("net.mfagateway")).setLevel(Level.WARN);
        }
        Path dir = Files.createTempDirectory("mfa-gateway-demo-");
        Map<String, String> env = Map.of("MFA_GATEWAY_DATA_DIR", dir.toString(), "MFA_GATEWAY_SMTP_PORT", "0",
                "MFA_GATEWAY_HTTP_PORT", "0", "MFA_GATEWAY_BIND", "127.0.0.1", "MFA_GATEWAY_WORKER_CODE_WAIT_SECONDS",
                "30");
        LoginListener printer = new LoginListener() {
            @Override
            public void step(Connection c, String what) {
                say("worker   " + what);
            }

            @Override
            public void finished(Connection c, LoginReport outcome) {
                say("worker   login finished: " + outcome.outcome());
            }
        };
        try (Gateway gateway = Gateway.start(ConfigLoader.load(null, env), Clock.systemUTC(), printer);
                SimulatedPortal portal = new SimulatedPortal("127.0.0.1", gateway.smtpPort(), Clock.systemUTC())) {
            say("gateway  SMTP on 127.0.0.1:" + gateway.smtpPort() + ", HTTP on http://127.0.0.1:" + gateway.httpPort()
                    + ", store in " + dir);
            say("portal   simulated utility portal (SDG&E-like, code by email) on " + portal.url());
            Api api = new Api(gateway);
            JsonNode created = api.post("/v1/connections", Map.of("utility", "sdge", "label", "demo account",
                    "login", Map.of("driver", "simulated", "url", portal.url().toString(), "username", USER,
                            "everySeconds", once ? 0 : EVERY_SECONDS)));
            String id = created.get("id").asText();
            String email = created.get("email").asText();
            say("api      POST /v1/connections -> " + id + ", address " + email + ", status "
                    + created.get("status").asText());
            portal.addAccount(PortalAccount.emailCode(USER, email, "myaccount@sdge.com", "Your SDG&E verification code"));
            say("portal   account '" + USER + "' sends its codes to " + email + " (managed forwarding)");

            LoginReport outcome = gateway.workers().logInNow(id).get(2, TimeUnit.MINUTES);
            String status = api.get("/v1/connections/" + id).get("status").asText();
            say("api      GET /v1/connections/" + id + " -> status " + status);
            printEvents(api, id);
            if (once) {
                boolean ok = status.equals("connected") && outcome instanceof LoginReport.Connected;
                say(ok ? "demo     done: the connection is connected" : "demo     FAILED: the connection is " + status);
                return ok ? 0 : 1;
            }
            say("demo     the worker now logs in every " + EVERY_SECONDS + " s on its own; Ctrl-C to stop");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-stop"));
            stop.await();
            return 0;
        } finally {
            deleteQuietly(dir);
        }
    }

    private void printEvents(Api api, String id) throws IOException, InterruptedException {
        for (JsonNode e : api.get("/v1/connections/" + id + "/events").get("events")) {
            String type = e.get("type").asText();
            JsonNode data = e.get("data");
            String detail = switch (type) {
                case "connection.status" -> data.get("status").asText();
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

        JsonNode get(String path) throws IOException, InterruptedException {
            return send(request(path).GET().build());
        }

        JsonNode post(String path, Object body) throws IOException, InterruptedException {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + gateway.adminToken());
        }

        private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw new IOException(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode()
                        + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            return JSON.readTree(r.body());
        }
    }
}
