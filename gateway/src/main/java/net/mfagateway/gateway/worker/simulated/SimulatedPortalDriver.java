package net.mfagateway.gateway.worker.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.worker.LoginSession;
import net.mfagateway.gateway.worker.PortalDriver;

/** Drives a {@link SimulatedPortal} (kind {@code simulated}): the reference driver, and the demo's. */
public final class SimulatedPortalDriver implements PortalDriver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String kind() {
        return "simulated";
    }

    @Override
    public LoginReport logIn(LoginSession session) throws InterruptedException {
        String base = session.login().url();
        // Anything the portal sends from here on belongs to this login.
        Instant asked = Instant.now().truncatedTo(ChronoUnit.MICROS).minusMillis(1);
        session.step("signing in to " + base + " as " + session.login().username());
        JsonNode reply;
        try {
            Answer login = post(base + "/login", Map.of("username", session.login().username(), "password", ""));
            if (login.status() == 401) {
                return new LoginReport.Failed("the portal refused the user name or password");
            }
            if (login.status() != 200) {
                return new LoginReport.Failed("the portal answered HTTP " + login.status() + " to the sign-in");
            }
            reply = login.body();
            if (reply.path("status").asText().equals("ok")) {
                session.step("signed in without a second factor");
                return new LoginReport.Connected();
            }
            String challenge = reply.path("challenge").asText();
            return switch (reply.path("method").asText()) {
                case "email" -> byEmail(session, base, challenge, asked);
                case "security_question" -> byQuestion(session, base, challenge, reply.path("question").asText());
                default -> new LoginReport.Failed("the portal asked for an unknown second factor '"
                        + reply.path("method").asText() + "'");
            };
        } catch (IOException e) {
            return new LoginReport.Failed("the portal at " + base + " is unreachable: " + e.getMessage());
        }
    }

    private LoginReport byEmail(LoginSession session, String base, String challenge, Instant asked)
            throws IOException, InterruptedException {
        session.mfaRequired("email");
        session.step("waiting up to " + session.codeWait().toSeconds() + " s for the code mailed to "
                + session.connection().email());
        Optional<Code> code = session.awaitCode(asked, session.codeWait());
        if (code.isEmpty()) {
            session.step("no code arrived in time");
            return new LoginReport.CodeTimedOut(asked, session.codeWait());
        }
        Code k = code.get();
        session.step("code " + k.redacted() + " arrived by " + k.channel() + " from "
                + (k.originalSender() == null || k.originalSender().isEmpty() ? k.sender() : k.originalSender())
                + " (rule " + k.ruleId() + "); submitting it");
        Answer submitted = post(base + "/mfa", Map.of("challenge", challenge, "code", k.code()));
        if (submitted.status() == 200) {
            session.step("the portal accepted the code: signed in");
            return new LoginReport.Connected();
        }
        if (submitted.status() == 401) {
            return new LoginReport.CodeRejected(k.id());
        }
        return new LoginReport.Failed("the portal answered HTTP " + submitted.status() + " to the code");
    }

    private LoginReport byQuestion(LoginSession session, String base, String challenge, String question)
            throws IOException, InterruptedException {
        session.mfaRequired("security_question");
        session.step("the portal asks a security question; looking up the stored answer");
        Optional<String> answer = session.answer(question);
        if (answer.isEmpty()) {
            return new LoginReport.NoAnswer(question);
        }
        Answer submitted = post(base + "/mfa", Map.of("challenge", challenge, "answer", answer.get()));
        if (submitted.status() == 200) {
            session.step("the portal accepted the answer: signed in");
            return new LoginReport.Connected();
        }
        if (submitted.status() == 401) {
            return new LoginReport.AnswerRejected(question);
        }
        return new LoginReport.Failed("the portal answered HTTP " + submitted.status() + " to the answer");
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer post(String url, Map<String, String> body) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode parsed;
        try {
            parsed = JSON.readTree(res.body());
        } catch (IOException e) {
            parsed = JSON.createObjectNode();
        }
        return new Answer(res.statusCode(), parsed == null ? JSON.createObjectNode() : parsed);
    }
}
