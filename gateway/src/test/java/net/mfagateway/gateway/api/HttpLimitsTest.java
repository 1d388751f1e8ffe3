package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP limits against the running server: long-poll caps, slow and idle clients, big headers. */
class HttpLimitsTest {

    private static final String OTHER = "mgw_other_tenant_token_for_limits";

    @TempDir
    Path dir;

    private TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        TestGateway.seedTenant(dir, "t_other", OTHER);
        gw = TestGateway.start(dir, Map.of("MFA_GATEWAY_HTTP_MAX_LONGPOLLS", "3",
                "MFA_GATEWAY_HTTP_MAX_LONGPOLLS_PER_TENANT", "2", "MFA_GATEWAY_HTTP_REQUEST_TIMEOUT_SECONDS", "1",
                "MFA_GATEWAY_HTTP_IDLE_TIMEOUT_SECONDS", "1"));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private CompletableFuture<HttpResponse<String>> park(String token, String connectionId, int wait) {
        return gw.client().sendAsync(HttpRequest.newBuilder(gw.uri("/v1/connections/" + connectionId
                + "/codes/next?wait=" + wait)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitParked(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!gw.get("/metrics").body().contains("mfa_gateway_longpoll_waiting " + n + ".0")) {
            assertThat(System.nanoTime()).as("waiting for " + n + " parked").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void parkedLongPollsAreCappedPerTenantAndOverallWith429() throws Exception {
        String mine = gw.createConnection("coned").get("id").asText();
        String theirs = TestGateway.json(gw.send(HttpRequest.newBuilder(gw.uri("/v1/connections"))
                .header("Authorization", "Bearer " + OTHER).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"utility\":\"coned\"}")).build())).get("id").asText();
        var first = park(gw.token(), mine, 20);
        var second = park(gw.token(), mine, 20);
        awaitParked(2);

        HttpResponse<String> third = park(gw.token(), mine, 20).get(10, TimeUnit.SECONDS);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.body()).contains("\"error\":\"too_many_waits\"");

        var otherTenants = park(OTHER, theirs, 20);
        awaitParked(3);
        HttpResponse<String> overall = park(OTHER, theirs, 20).get(10, TimeUnit.SECONDS);
        assertThat(overall.statusCode()).isEqualTo(429);

        // A code frees both of this tenant's places.
        assertThat(gw.post("/v1/connections/" + mine + "/codes", "{\"code\":\"482913\"}").statusCode()).isEqualTo(201);
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(park(gw.token(), mine, 0).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(gw.get("/metrics").body()).contains("mfa_gateway_longpoll_refused_total{limit=\"tenant\"} 1.0")
                .contains("mfa_gateway_longpoll_refused_total{limit=\"overall\"} 1.0");
        otherTenants.cancel(true);
    }

    @Test
    void aRequestThatDoesNotArriveWholeInTimeGets408AndIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", gw.httpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 408").contains("\"error\":\"request_timeout\"");
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedButAParkedLongPollIsNot() throws Exception {
        try (Socket s = new Socket("127.0.0.1", gw.httpPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // The whole stream ended: the server closed the connection after the idle second.
            assertThat(reply).startsWith("HTTP/1.1 200");
        }
        String id = gw.createConnection("coned").get("id").asText();
        HttpResponse<String> parked = park(gw.token(), id, 3).get(20, TimeUnit.SECONDS);
        assertThat(parked.statusCode()).as("held 3 s, past the 1 s idle limit").isEqualTo(204);
    }

    @Test
    void oversizedHeadersGetAClearJsonErrorNotA500() throws Exception {
        try (Socket s = new Socket("127.0.0.1", gw.httpPort())) {
            s.setSoTimeout(10_000);
            String big = "X-Big: " + "a".repeat(20_000) + "\r\n";
            s.getOutputStream().write(("GET /v1/connections HTTP/1.1\r\nHost: x\r\n" + big + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readNBytes(200), StandardCharsets.UTF_8);
            assertThat(reply).matches("(?s)HTTP/1.1 4\\d\\d .*");
        }
    }
}
