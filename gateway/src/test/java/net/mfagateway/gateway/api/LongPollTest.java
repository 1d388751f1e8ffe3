package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.support.Mails;
import net.mfagateway.gateway.support.SmtpConversation;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codes/next} against a whole gateway: parked requests completed by the commit. */
class LongPollTest {

    @TempDir
    Path dir;

    private TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        gw = TestGateway.start(dir);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private CompletableFuture<HttpResponse<String>> poll(String id, String query) {
        HttpRequest request = HttpRequest.newBuilder(gw.uri("/v1/connections/" + id + "/codes/next" + query))
                .header("Authorization", "Bearer " + gw.token()).GET().build();
        return gw.client().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private void mail(JsonNode connection, String code) throws Exception {
        String to = connection.get("email").asText();
        try (SmtpConversation smtp = new SmtpConversation(gw.smtpPort())) {
            smtp.send("EHLO client.test").expect("250");
            assertThat(smtp.mail("noreply@coned.com", to, Mails.codeMail("noreply@coned.com", to, code)))
                    .startsWith("250");
        }
    }

    private int waiting() throws Exception {
        String metrics = gw.get("/metrics").body();
        return metrics.lines().filter(l -> l.startsWith("mfa_gateway_longpoll_waiting"))
                .map(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
    }

    private void awaitWaiting(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiting() != n) {
            assertThat(System.nanoTime()).as("waiters parked: expected " + n).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void parkedWaiterGetsTheCodeWhenTheMailArrives() throws Exception {
        JsonNode c = gw.createConnection("coned");
        CompletableFuture<HttpResponse<String>> pending = poll(c.get("id").asText(), "?wait=20");
        awaitWaiting(1);
        assertThat(pending).isNotDone();

        mail(c, "482913");

        HttpResponse<String> r = pending.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode code = TestGateway.json(r);
        assertThat(code.get("code").asText()).isEqualTo("482913");
        assertThat(code.get("kind").asText()).isEqualTo("code");
        assertThat(code.get("channel").asText()).isEqualTo("email");
        assertThat(code.get("sender").asText()).isEqualTo("noreply@coned.com");
        assertThat(waiting()).isZero();
    }

    @Test
    void everyWaiterOnTheConnectionGetsTheCode() throws Exception {
        JsonNode c = gw.createConnection("coned");
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            polls.add(poll(c.get("id").asText(), "?wait=20"));
        }
        awaitWaiting(3);
        mail(c, "777123");
        for (CompletableFuture<HttpResponse<String>> p : polls) {
            assertThat(TestGateway.json(p.get(5, TimeUnit.SECONDS)).get("code").asText()).isEqualTo("777123");
        }
    }

    @Test
    void aCodeAlreadyStoredIsAnsweredAtOnce() throws Exception {
        JsonNode c = gw.createConnection("coned");
        mail(c, "246810");
        HttpResponse<String> r = poll(c.get("id").asText(), "?wait=30").get(5, TimeUnit.SECONDS);
        assertThat(TestGateway.json(r).get("code").asText()).isEqualTo("246810");
    }

    @Test
    void onlyCodesStrictlyAfterTheGivenInstantCount() throws Exception {
        JsonNode c = gw.createConnection("coned");
        mail(c, "135790");
        String first = TestGateway.json(poll(c.get("id").asText(), "").get(5, TimeUnit.SECONDS))
                .get("receivedAt").asText();
        HttpResponse<String> r = poll(c.get("id").asText(), "?wait=1&after=" + first).get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(204);
    }

    @Test
    void waitRunsOutWith204() throws Exception {
        JsonNode c = gw.createConnection("coned");
        long start = System.nanoTime();
        HttpResponse<String> r = poll(c.get("id").asText(), "?wait=1").get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(900);
        assertThat(waiting()).isZero();
    }

    @Test
    void aClientThatGoesAwayFreesItsWaiter() throws Exception {
        JsonNode c = gw.createConnection("coned");
        try (Socket socket = new Socket("127.0.0.1", gw.httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/connections/" + c.get("id").asText() + "/codes/next?wait=60 HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: Bearer " + gw.token() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitWaiting(1);
        }
        awaitWaiting(0);
    }

    @Test
    void keepAliveConnectionServesPollAfterPoll() throws Exception {
        JsonNode c = gw.createConnection("coned");
        mail(c, "864209");
        try (Socket socket = new Socket("127.0.0.1", gw.httpPort())) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream().write(("GET /v1/connections/" + c.get("id").asText()
                        + "/codes/next HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + gw.token()
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                int length = 0;
                for (String h = in.readLine(); !h.isEmpty(); h = in.readLine()) {
                    if (h.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(body, read, length - read);
                }
                assertThat(new String(body)).contains("864209");
            }
        }
    }

    @Test
    void badAfterOrWaitIs400WithAJsonError() throws Exception {
        JsonNode c = gw.createConnection("coned");
        String id = c.get("id").asText();
        for (String query : List.of("?after=yesterday", "?wait=301", "?wait=-1", "?wait=ten")) {
            HttpResponse<String> r = poll(id, query).get(5, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(TestGateway.json(r).get("error").asText()).isEqualTo("invalid_parameter");
        }
    }

    @Test
    void pollingAConnectionThatDoesNotExistIs404() throws Exception {
        HttpResponse<String> r = poll("c_nosuchconnection", "?wait=1").get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(r).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void defaultAfterIgnoresCodesOlderThanAMinute() throws Exception {
        // The default window is "60 seconds ago": a code from just now is inside it.
        JsonNode c = gw.createConnection("coned");
        mail(c, "102938");
        HttpResponse<String> r = poll(c.get("id").asText(), "?wait=1&after=" + Instant.now().plusSeconds(5))
                .get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(poll(c.get("id").asText(), "?wait=1").get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
}
