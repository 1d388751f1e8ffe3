package net.mfagateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.mfagateway.gateway.support.ChildGateway;
import net.mfagateway.gateway.support.SmtpConversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak with faults: pairs of an SMTP sender and a long-poller (a login worker waiting for its
 * code) run concurrently against a gateway in a child JVM that is killed with SIGKILL at random
 * moments and restarted on the same data dir. Each pair works as a login does: it parks
 * {@code codes/next}, the code mail arrives, the poll answers, then the next login. Every code
 * that got a 250 must reach its waiter exactly once: none lost, none delivered twice.
 *
 * <p>Bounded: 6 kill cycles in the suite. Longer: {@code ./mvnw -pl gateway -am test -Dtest=SoakTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmfa.soak.cycles=100}.
 */
class SoakTest {

    private static final int PAIRS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** One login's worth of state, carried across kills. */
    private static final class Pair {
        final JsonNode connection;
        String code;
        boolean acked;
        String after = "2020-01-01T00:00:00Z";

        Pair(JsonNode connection) {
            this.connection = connection;
        }
    }

    @Test
    void everyAcknowledgedCodeReachesItsWaiterExactlyOnceThroughKills() throws Exception {
        int cycles = Integer.getInteger("mfa.soak.cycles", 6);
        long seed = Long.getLong("mfa.soak.seed", System.nanoTime());
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        AtomicInteger counter = new AtomicInteger();
        Map<String, Integer> delivered = new ConcurrentHashMap<>();
        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        List<Pair> pairs = new ArrayList<>();

        // The last cycle is not killed: it drains what the kills left in flight.
        for (int cycle = 0; cycle <= cycles; cycle++) {
            boolean drain = cycle == cycles;
            try (ChildGateway child = ChildGateway.start(data, dir.resolve("gateway-" + cycle + ".log"),
                    Map.of("MFA_GATEWAY_JOURNAL_SNAPSHOT_BYTES", "32768",
                            "MFA_GATEWAY_SMTP_MESSAGES_PER_CONNECTION_PER_MINUTE", "1000000"))) {
                String token = Files.readString(data.resolve("admin-token")).strip();
                if (cycle == 0) {
                    for (int i = 0; i < PAIRS; i++) {
                        pairs.add(new Pair(child.createConnection(token, "coned")));
                    }
                }
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> threads = new ArrayList<>();
                for (Pair p : pairs) {
                    threads.add(Thread.ofPlatform().start(() -> login(child, token, p, counter, delivered,
                            acknowledged, stop, drain)));
                }
                if (drain) {
                    for (Thread t : threads) {
                        t.join(60_000);
                    }
                } else {
                    Thread.sleep(500 + random.nextInt(1500));
                    child.kill();
                    stop.set(true);
                    for (Thread t : threads) {
                        t.join(30_000);
                    }
                }
            }
        }

        System.out.println("soak: seed=" + seed + " cycles=" + cycles + " acknowledged=" + acknowledged.size()
                + " delivered=" + delivered.size() + " delivered_twice="
                + delivered.values().stream().filter(n -> n > 1).count());
        assertThat(acknowledged).hasSizeGreaterThan(cycles);
        for (String code : acknowledged.keySet()) {
            assertThat(delivered.get(code)).as("code %s got a 250", code).isEqualTo(1);
        }
        assertThat(delivered.values()).as("no code delivered twice").allMatch(n -> n == 1);
        assertThat(pairs).as("every pair ended with its last code delivered").allMatch(p -> p.code == null);
        // Structured logs, and never a code or a token in them.
        String token = Files.readString(data.resolve("admin-token")).strip();
        for (int cycle = 0; cycle <= cycles; cycle++) {
            String log = Files.readString(dir.resolve("gateway-" + cycle + ".log"));
            assertThat(log).contains("gateway.ready").doesNotContain(token);
            for (String code : acknowledged.keySet()) {
                assertThat(log).as("log of cycle %d", cycle).doesNotContain(code);
            }
        }
    }

    /**
     * Logins in lock step until stopped (or, draining, until the code in hand is delivered): park
     * the poll, send the code, take the poll's answer. A kill breaks either side; the next cycle
     * resends an unanswered mail with the same Message-ID and polls again after the last code seen.
     */
    private static void login(ChildGateway child, String token, Pair p, AtomicInteger counter,
            Map<String, Integer> delivered, Map<String, Boolean> acknowledged, AtomicBoolean stop, boolean drain) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String email = p.connection.get("email").asText();
        try (SmtpConversation smtp = new SmtpConversation(child.smtpPort())) {
            smtp.send("EHLO soak.test").expect("250");
            while (!stop.get()) {
                if (p.code == null) {
                    if (drain) {
                        return;
                    }
                    p.code = String.format("%08d", 20_000_000 + counter.incrementAndGet());
                    p.acked = false;
                }
                CompletableFuture<HttpResponse<String>> poll = http.sendAsync(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + child.httpPort() + "/v1/connections/" + p.connection.get("id").asText()
                                + "/codes/next?wait=10&after=" + p.after)).header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (!p.acked) {
                    String reply = smtp.mail("noreply@coned.com", email, mail(email, p.code));
                    if (!reply.startsWith("250")) {
                        poll.cancel(true);
                        continue;
                    }
                    p.acked = true;
                    acknowledged.put(p.code, true);
                }
                HttpResponse<String> answer = poll.get(15, TimeUnit.SECONDS);
                if (answer.statusCode() == 200) {
                    JsonNode code = JSON.readTree(answer.body());
                    delivered.merge(code.get("code").asText(), 1, Integer::sum);
                    p.after = code.get("receivedAt").asText();
                    if (code.get("code").asText().equals(p.code)) {
                        p.code = null;
                    }
                }
            }
        } catch (Exception | AssertionError e) {
            // The gateway was killed mid-login: the next cycle picks the login up where it stopped.
        }
    }

    private static String mail(String email, String code) {
        return "From: noreply@coned.com\r\nTo: " + email + "\r\nSubject: Your verification code\r\n"
                + "Message-ID: <" + code + "@soak.test>\r\n\r\nYour verification code is " + code + ".\r\n";
    }

}
