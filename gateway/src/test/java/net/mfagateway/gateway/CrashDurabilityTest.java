package net.mfagateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.mapdb.MapDbStore;
import net.mfagateway.gateway.support.ChildGateway;
import net.mfagateway.gateway.support.SmtpConversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability with real crashes: a gateway in a child JVM takes codes from concurrent SMTP
 * senders and is killed with SIGKILL at random moments, then restarted on the same data dir.
 * Every code that got a 250 must be there exactly once. Senders resend a message whose answer
 * they never read (same Message-ID), as a real MTA would, so a commit that beat the kill must
 * not be stored twice.
 *
 * <p>20 cycles here; the longer run: {@code ./mvnw -pl gateway -am test -Dtest=CrashDurabilityTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmfa.crash.cycles=200}. {@code -Dmfa.crash.seed=N}
 * repeats a run's kill timings.
 */
class CrashDurabilityTest {

    private static final int SENDERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Sent(String connectionId, String email, String code) {
    }

    @Test
    void everyCodeThatGot250SurvivesSigkillExactlyOnce() throws Exception {
        int cycles = Integer.getInteger("mfa.crash.cycles", 20);
        long seed = Long.getLong("mfa.crash.seed", System.nanoTime());
        System.out.println("crash test: cycles=" + cycles + " seed=" + seed);
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        Map<String, Sent> acked = new ConcurrentHashMap<>();
        Sent[] inFlight = new Sent[SENDERS];
        AtomicInteger counter = new AtomicInteger();
        List<JsonNode> connections = new ArrayList<>();

        for (int cycle = 0; cycle < cycles; cycle++) {
            long started = System.nanoTime();
            int before = acked.size();
            try (ChildGateway child = ChildGateway.start(data, dir.resolve("gateway-" + cycle + ".log"),
                    // Small, so snapshots are taken (and killed) all through the run; no rate limit,
                    // so the senders keep mail in flight until the kill.
                    Map.of("MFA_GATEWAY_JOURNAL_SNAPSHOT_BYTES", "32768",
                            "MFA_GATEWAY_SMTP_MESSAGES_PER_CONNECTION_PER_MINUTE", "1000000"))) {
                if (cycle == 0) {
                    String token = Files.readString(data.resolve("admin-token")).strip();
                    for (int i = 0; i < SENDERS; i++) {
                        connections.add(child.createConnection(token, "coned"));
                    }
                }
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> senders = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    int sender = s;
                    JsonNode c = connections.get(s);
                    senders.add(Thread.ofPlatform().start(() -> send(child.smtpPort(), c, sender, inFlight, acked,
                            counter, stop)));
                }
                Thread.sleep(200 + random.nextInt(1300));
                child.kill();
                stop.set(true);
                for (Thread t : senders) {
                    t.join(30_000);
                }
            }
            System.out.printf("crash test: cycle=%d acknowledged=%d took_ms=%d%n", cycle, acked.size() - before,
                    (System.nanoTime() - started) / 1_000_000);
        }

        Map<String, Integer> stored = new HashMap<>();
        try (MapDbStore store = MapDbStore.open(data, new SimpleMeterRegistry())) {
            for (JsonNode c : connections) {
                for (Code code : store.codes(c.get("id").asText())) {
                    assertThat(code.connectionId()).isEqualTo(c.get("id").asText());
                    stored.merge(code.code(), 1, Integer::sum);
                }
            }
        }
        System.out.println("crash test: acknowledged=" + acked.size() + " stored=" + stored.size() + " snapshots_taken="
                + logLines(dir, cycles, "store.snapshot ") + " index_rebuilds="
                + logLines(dir, cycles, "store.index_unreadable"));
        assertThat(acked).hasSizeGreaterThan(cycles);
        for (Sent sent : acked.values()) {
            assertThat(stored.get(sent.code())).as("code %s acknowledged with 250", sent.code()).isEqualTo(1);
        }
        assertThat(stored.values()).as("no code stored twice").allMatch(n -> n == 1);
        Set<String> unacknowledged = new java.util.HashSet<>(stored.keySet());
        unacknowledged.removeAll(acked.keySet());
        // Stored without a 250 seen: the kill came between commit and reply; the resend was
        // recognised as the same message (at most the senders' last in-flight ones).
        assertThat(unacknowledged.size()).isLessThanOrEqualTo(SENDERS);
    }

    private static void send(int port, JsonNode connection, int sender, Sent[] inFlight, Map<String, Sent> acked,
            AtomicInteger counter, AtomicBoolean stop) {
        String email = connection.get("email").asText();
        try (SmtpConversation smtp = new SmtpConversation(port)) {
            smtp.send("EHLO crash.test").expect("250");
            while (!stop.get()) {
                Sent sent = inFlight[sender];
                if (sent == null) {
                    sent = new Sent(connection.get("id").asText(), email,
                            String.format("%08d", 10_000_000 + counter.incrementAndGet()));
                    inFlight[sender] = sent;
                }
                String reply = smtp.mail("noreply@coned.com", email, mail(sent));
                if (reply.startsWith("250")) {
                    acked.put(sent.code(), sent);
                    inFlight[sender] = null;
                }
            }
        } catch (IOException | AssertionError e) {
            // The gateway was killed mid-conversation: what was in flight is resent next cycle.
        }
    }

    /** How many lines of the children's logs contain {@code event}. */
    private static long logLines(Path dir, int cycles, String event) throws IOException {
        long n = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            Path log = dir.resolve("gateway-" + cycle + ".log");
            n += Files.readString(log).lines().filter(l -> l.contains(event)).count();
        }
        return n;
    }

    private static String mail(Sent sent) {
        return "From: noreply@coned.com\r\nTo: " + sent.email() + "\r\nSubject: Your verification code\r\n"
                + "Message-ID: <" + sent.code() + "@crash.test>\r\n\r\nYour verification code is " + sent.code()
                + ".\r\n";
    }

}
