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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.worker.LoginSession;
import net.mfagateway.gateway.worker.MfaOption;
import net.mfagateway.gateway.worker.PortalDriver;
import net.mfagateway.gateway.worker.PortalState;

/**
 * Drives a {@link SimulatedPortal} (kind {@code simulated}): the reference driver, and the demo's.
 * It signs in with the stored password and the cookies the last login kept, so a remembered
 * device skips the second factor; when the portal offers several destinations it picks the one
 * that reaches the gateway ({@link net.mfagateway.gateway.worker.Reach}), and asks the portal to
 * remember the device whenever it passes a second factor.
 */
public final class SimulatedPortalDriver implements PortalDriver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String kind() {
        return "simulated";
    }

    /** One login's view of the portal: its address and the cookies it holds so far. */
    private final class Visit {
        final LoginSession session;
        final String base;
        final CookieJar jar;
        Instant trustedAt;

        Visit(LoginSession session, Optional<PortalState> kept) {
            this.session = session;
            this.base = session.login().url();
            this.jar = new CookieJar(kept.map(PortalState::cookies).orElse(Map.of()));
            this.trustedAt = kept.map(PortalState::trustedAt).orElse(null);
        }

        Answer post(String path, Map<String, Object> body) throws IOException, InterruptedException {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            jar.header().ifPresent(cookie -> req.header("Cookie", cookie));
            HttpResponse<byte[]> res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            jar.take(res.headers().allValues("Set-Cookie"));
            JsonNode parsed;
            try {
                parsed = JSON.readTree(res.body());
            } catch (IOException e) {
                parsed = JSON.createObjectNode();
            }
            return new Answer(res.statusCode(), parsed == null ? JSON.createObjectNode() : parsed);
        }

        /** Signed in: keeps the cookies for the next login. */
        LoginReport.Connected signedIn(LoginReport.Mfa mfa, boolean remembered) {
            if (remembered) {
                trustedAt = session.now();
            }
            session.keepState(new PortalState(jar.cookies(), jar.has("device") ? trustedAt : null));
            return new LoginReport.Connected(mfa);
        }
    }

    private record Answer(int status, JsonNode body) {
        boolean down() {
            return status >= 500;
        }
    }

    @Override
    public LoginReport logIn(LoginSession session) throws InterruptedException {
        Optional<PortalState> kept = session.rememberedState();
        Visit v = new Visit(session, kept);
        // Anything the portal sends from here on belongs to this login.
        Instant asked = session.now().truncatedTo(ChronoUnit.MICROS).minusMillis(1);
        Optional<String> password = session.password();
        session.step("signing in to " + v.base + " as " + session.login().username()
                + (v.jar.has("device") ? ", presenting the remembered device" : ""));
        try {
            Answer login = v.post("/login", Map.of("username", session.login().username(), "password",
                    password.orElse("")));
            if (login.down()) {
                return down(session, login, "sign-in");
            }
            if (login.status() == 401) {
                session.step("the portal refused the user name or password");
                return new LoginReport.PasswordIncorrect(password.isPresent());
            }
            if (login.status() != 200) {
                return new LoginReport.Failed("the portal answered HTTP " + login.status() + " to the sign-in");
            }
            JsonNode reply = login.body();
            switch (reply.path("status").asText()) {
                case "ok" -> {
                    session.step(v.jar.has("device") && kept.isPresent()
                            ? "signed in without a code: the portal remembered this device"
                            : "signed in without a second factor");
                    return v.signedIn(LoginReport.Mfa.SKIPPED, false);
                }
                case "new_password_needed" -> {
                    session.step("the portal wants a new password before it lets anyone in");
                    return new LoginReport.NewPasswordNeeded();
                }
                case "mfa_choice" -> {
                    if (v.jar.has("device")) {
                        session.step("the portal did not accept the remembered device");
                    }
                    Optional<Answer> chosen = choose(v, reply);
                    if (chosen.isEmpty()) {
                        return new LoginReport.MfaUnreachable(offered(reply));
                    }
                    if (chosen.get().down()) {
                        return down(session, chosen.get(), "choice of second factor");
                    }
                    if (chosen.get().status() != 200) {
                        return new LoginReport.Failed("the portal answered HTTP " + chosen.get().status()
                                + " to the choice of second factor");
                    }
                    reply = chosen.get().body();
                }
                case "mfa_required" -> {
                    if (v.jar.has("device")) {
                        session.step("the portal did not accept the remembered device");
                    }
                }
                default -> {
                    return new LoginReport.Failed("the portal answered the sign-in with an unknown status '"
                            + reply.path("status").asText() + "'");
                }
            }
            String challenge = reply.path("challenge").asText();
            return switch (reply.path("method").asText()) {
                case "email", "sms" -> byCode(v, reply.path("method").asText(), reply.path("to").asText(), challenge,
                        asked);
                case "security_question" -> byQuestion(v, challenge, reply.path("question").asText());
                default -> new LoginReport.Failed("the portal asked for an unknown second factor '"
                        + reply.path("method").asText() + "'");
            };
        } catch (IOException e) {
            return new LoginReport.WebsiteDown("the portal at " + v.base + " is unreachable: " + e.getMessage());
        }
    }

    private static LoginReport down(LoginSession session, Answer a, String what) {
        String message = a.body().path("message").asText("");
        session.step("the portal is down (HTTP " + a.status() + ")");
        return new LoginReport.WebsiteDown("the portal answered HTTP " + a.status() + " to the " + what
                + (message.isEmpty() ? "" : " (\"" + message + "\")"));
    }

    /**
     * Picks the offered destination that reaches the gateway and asks the portal to send there;
     * empty when none does (then nothing is sent).
     */
    private Optional<Answer> choose(Visit v, JsonNode reply) throws IOException, InterruptedException {
        List<MfaOption> options = new ArrayList<>();
        for (JsonNode o : reply.path("options")) {
            options.add(new MfaOption(o.path("id").asText(), o.path("method").asText(), o.path("to").asText("")));
        }
        Optional<MfaOption> best = v.session.reach().best(options);
        String listed = String.join("; ", options.stream().map(MfaOption::describe).toList());
        if (best.isEmpty()) {
            v.session.step("the portal offers " + listed + "; none of them reaches the gateway");
            return Optional.empty();
        }
        v.session.step("the portal offers " + listed + "; choosing " + best.get().describe());
        return Optional.of(v.post("/mfa/send", Map.of("challenge", reply.path("challenge").asText(), "option",
                best.get().id())));
    }

    private static List<String> offered(JsonNode reply) {
        List<String> out = new ArrayList<>();
        for (JsonNode o : reply.path("options")) {
            out.add(new MfaOption(o.path("id").asText(), o.path("method").asText(), o.path("to").asText(""))
                    .describe());
        }
        return out;
    }

    private LoginReport byCode(Visit v, String method, String to, String challenge, Instant asked)
            throws IOException, InterruptedException {
        LoginSession session = v.session;
        session.mfaRequired(method);
        String where = method.equals("sms") ? session.connection().phone() : session.connection().email();
        session.step("waiting up to " + session.codeWait().toSeconds() + " s for the code sent to "
                + (to.isEmpty() ? where : to));
        Optional<Code> code = session.awaitCode(asked, session.codeWait());
        if (code.isEmpty()) {
            session.step("no code arrived in time");
            return new LoginReport.CodeTimedOut(asked, session.codeWait());
        }
        Code k = code.get();
        session.step("code " + k.redacted() + " arrived by " + k.channel() + " from "
                + (k.originalSender() == null || k.originalSender().isEmpty() ? k.sender() : k.originalSender())
                + " (rule " + k.ruleId() + "); submitting it");
        Answer submitted = v.post("/mfa", Map.of("challenge", challenge, "code", k.code(), "remember", true));
        if (submitted.status() == 200) {
            boolean remembered = submitted.body().path("remembered").asBoolean(false);
            session.step("the portal accepted the code: signed in" + (remembered ? "; it will remember this device"
                    : ""));
            return v.signedIn(LoginReport.Mfa.REQUIRED, remembered);
        }
        if (submitted.status() == 401) {
            return new LoginReport.CodeRejected(k.id());
        }
        if (submitted.down()) {
            return down(session, submitted, "code");
        }
        return new LoginReport.Failed("the portal answered HTTP " + submitted.status() + " to the code");
    }

    private LoginReport byQuestion(Visit v, String challenge, String question)
            throws IOException, InterruptedException {
        LoginSession session = v.session;
        session.mfaRequired("security_question");
        session.step("the portal asks a security question; looking up the stored answer");
        Optional<String> answer = session.answer(question);
        if (answer.isEmpty()) {
            return new LoginReport.NoAnswer(question);
        }
        Answer submitted = v.post("/mfa", Map.of("challenge", challenge, "answer", answer.get(), "remember", true));
        if (submitted.status() == 200) {
            boolean remembered = submitted.body().path("remembered").asBoolean(false);
            session.step("the portal accepted the answer: signed in" + (remembered ? "; it will remember this device"
                    : ""));
            return v.signedIn(LoginReport.Mfa.REQUIRED, remembered);
        }
        if (submitted.status() == 401) {
            return new LoginReport.AnswerRejected(question);
        }
        if (submitted.down()) {
            return down(session, submitted, "answer");
        }
        return new LoginReport.Failed("the portal answered HTTP " + submitted.status() + " to the answer");
    }
}
