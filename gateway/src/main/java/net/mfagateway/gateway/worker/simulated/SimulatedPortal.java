package net.mfagateway.gateway.worker.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import net.mfagateway.gateway.worker.simulated.PortalAccount.Destination;

/**
 * A utility portal for tests and the demo, over real HTTP on loopback. JSON in and out:
 *
 * <ul>
 * <li>{@code POST /login} {@code {"username","password"}}: 401 for a wrong user name or password;
 * {@code new_password_needed} when the account's password has to change; {@code ok} with a session
 * cookie when the request carries a live {@code device} cookie ("remember this device") or the
 * account has no second factor; otherwise the second factor: with one destination it is sent at
 * once ({@code mfa_required}, with {@code method} and the masked {@code to}, or the {@code question}),
 * with several the login chooses ({@code mfa_choice} with {@code options}).</li>
 * <li>{@code POST /mfa/send} {@code {"challenge","option"}}: sends to the chosen option
 * ({@code mfa_required} as above).</li>
 * <li>{@code POST /mfa} {@code {"challenge","code"|"answer","remember"}}: completes the sign-in;
 * with {@code remember} it sets a {@code device} cookie that skips the second factor for
 * {@link #deviceLife} unless revoked ({@link #forgetDevices}).</li>
 * </ul>
 * Codes are mailed over SMTP to the gateway (directly, or {@link #inboxForwardsTo forwarded from the
 * owner's inbox}), or texted through {@link #textVia its SMS webhook}. A
 * challenge lasts ten minutes and takes three tries. While {@link #down} every call answers 503.
 * Thread-safe.
 */
public final class SimulatedPortal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CHALLENGE_LIFE = Duration.ofMinutes(10);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final PortalMail mail;
    private volatile PortalTexts texts;
    private final Map<String, PortalAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, String> inboxForwards = new ConcurrentHashMap<>();
    private final List<Instant> loginTimes = new CopyOnWriteArrayList<>();
    private final AtomicInteger mailsSent = new AtomicInteger();
    private final AtomicInteger textsSent = new AtomicInteger();
    private final AtomicInteger deviceLogins = new AtomicInteger();
    private volatile boolean down;
    private volatile Duration deviceLife = Duration.ofDays(30);

    /** A sign-in waiting for its second factor: {@code expected} is null until a destination is chosen. */
    private static final class Challenge {
        final String username;
        final List<Destination> options;
        final Instant expiresAt;
        final AtomicInteger tries = new AtomicInteger();
        volatile String expected;

        Challenge(String username, List<Destination> options, Instant expiresAt) {
            this.username = username;
            this.options = options;
            this.expiresAt = expiresAt;
        }
    }

    private record Device(String username, Instant trustedAt) {
    }

    /** Binds 127.0.0.1 on a free port; code mail goes to the SMTP server at {@code smtpHost:smtpPort}. */
    public SimulatedPortal(String smtpHost, int smtpPort, Clock clock) throws IOException {
        this.clock = clock;
        this.mail = new PortalMail(smtpHost, smtpPort, clock);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/login", ex -> {
            loginTimes.add(clock.instant());
            handle(ex, this::login);
        });
        server.createContext("/mfa/send", ex -> handle(ex, this::send));
        server.createContext("/mfa", ex -> handle(ex, this::mfa));
        server.setExecutor(executor);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void addAccount(PortalAccount account) {
        accounts.put(account.username(), account);
    }

    /** The account owner changes the password at the portal (which also ends "new password needed"). */
    public void changePassword(String username, String password) {
        accounts.computeIfPresent(username, (u, a) -> a.withPassword(password).withPasswordExpired(false));
    }

    /**
     * Texts codes to the gateway's Twilio webhook at {@code webhook}, signed with {@code authToken}
     * over {@code signedUrl} (the gateway's {@code PUBLIC_URL} + path) as Twilio does. Without it,
     * texts go nowhere.
     */
    public void textVia(URI webhook, String signedUrl, String authToken) {
        texts = new PortalTexts(webhook, signedUrl, authToken);
    }

    /**
     * The account owner's inbox {@code inbox} auto-forwards to {@code address} (customer-inbox
     * forwarding): code mail to the inbox arrives there as Gmail forwards it.
     */
    public void inboxForwardsTo(String inbox, String address) {
        inboxForwards.put(inbox.toLowerCase(java.util.Locale.ROOT), address);
    }

    /** While down, every call answers 503, as a portal in maintenance does. */
    public void down(boolean isDown) {
        down = isDown;
    }

    /** How long a remembered device skips the second factor (30 days unless set). */
    public void deviceLife(Duration life) {
        deviceLife = life;
    }

    /** The portal forgets every device of {@code username}: their next login asks for a code again. */
    public void forgetDevices(String username) {
        devices.values().removeIf(d -> d.username().equals(username));
    }

    /** The device tokens the portal has handed out for {@code username}, for tests that look for them at rest. */
    public List<String> deviceTokens(String username) {
        return devices.entrySet().stream().filter(e -> e.getValue().username().equals(username))
                .map(Map.Entry::getKey).toList();
    }

    /** Logins attempted so far (with any password, or while down). */
    public int logins() {
        return loginTimes.size();
    }

    /** When each login attempt arrived, in order. */
    public List<Instant> loginTimes() {
        return List.copyOf(loginTimes);
    }

    /** Code mails handed to the SMTP server so far. */
    public int mailsSent() {
        return mailsSent.get();
    }

    /** Code texts the gateway's webhook accepted so far. */
    public int textsSent() {
        return textsSent.get();
    }

    /** Logins let in without a second factor because they presented a remembered device. */
    public int deviceLogins() {
        return deviceLogins.get();
    }

    private interface Endpoint {
        Reply answer(JsonNode body, Map<String, String> cookies) throws IOException, MessagingException,
                InterruptedException;
    }

    private record Reply(int status, Map<String, Object> body, List<String> setCookies) {
        Reply(int status, Map<String, Object> body) {
            this(status, body, List.of());
        }
    }

    private void handle(HttpExchange ex, Endpoint endpoint) throws IOException {
        Reply reply;
        try (InputStream in = ex.getRequestBody()) {
            if (down) {
                reply = new Reply(503, Map.of("error", "maintenance", "message", "The site is down for maintenance."));
            } else if (!ex.getRequestMethod().equals("POST")) {
                reply = new Reply(405, Map.of("error", "method_not_allowed"));
            } else {
                JsonNode body = JSON.readTree(in.readNBytes(64 * 1024));
                reply = body == null || !body.isObject() ? new Reply(400, Map.of("error", "bad_json"))
                        : endpoint.answer(body, cookies(ex));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            reply = new Reply(400, Map.of("error", "bad_json"));
        } catch (MessagingException | IOException e) {
            reply = new Reply(503, Map.of("error", "send_failed", "message", String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = new Reply(503, Map.of("error", "stopping"));
        }
        byte[] out = JSON.writeValueAsBytes(reply.body());
        ex.getResponseHeaders().set("Content-Type", "application/json");
        for (String cookie : reply.setCookies()) {
            ex.getResponseHeaders().add("Set-Cookie", cookie);
        }
        ex.sendResponseHeaders(reply.status(), out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private static Map<String, String> cookies(HttpExchange ex) {
        Map<String, String> jar = new LinkedHashMap<>();
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        return jar;
    }

    private Reply login(JsonNode body, Map<String, String> cookies) throws IOException, MessagingException,
            InterruptedException {
        PortalAccount account = accounts.get(body.path("username").asText(""));
        if (account == null || account.password() != null
                && !account.password().equals(body.path("password").asText(""))) {
            return new Reply(401, Map.of("error", "bad_credentials"));
        }
        if (account.passwordExpired()) {
            return new Reply(200, Map.of("status", "new_password_needed"));
        }
        if (trusted(cookies.get("device"), account.username())) {
            deviceLogins.incrementAndGet();
            return signedIn(false);
        }
        if (account.destinations().isEmpty()) {
            return signedIn(false);
        }
        String id = "ch_" + Long.toUnsignedString(random.nextLong(), 36);
        Challenge challenge = new Challenge(account.username(), account.destinations(),
                clock.instant().plus(CHALLENGE_LIFE));
        challenges.put(id, challenge);
        if (account.destinations().size() == 1) {
            return sendTo(account, challenge, id, account.destinations().get(0));
        }
        List<Map<String, Object>> options = new ArrayList<>();
        for (int i = 0; i < account.destinations().size(); i++) {
            Destination d = account.destinations().get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", String.valueOf(i));
            o.put("method", method(d));
            if (d.kind() != PortalAccount.Kind.SECURITY_QUESTION) {
                o.put("to", masked(d));
            }
            options.add(o);
        }
        return new Reply(200, Map.of("status", "mfa_choice", "challenge", id, "options", options));
    }

    private Reply send(JsonNode body, Map<String, String> cookies) throws IOException, MessagingException,
            InterruptedException {
        String id = body.path("challenge").asText("");
        Challenge c = challenges.get(id);
        if (c == null || clock.instant().isAfter(c.expiresAt)) {
            return new Reply(404, Map.of("error", "unknown_challenge"));
        }
        int option;
        try {
            option = Integer.parseInt(body.path("option").asText(""));
        } catch (NumberFormatException e) {
            option = -1;
        }
        if (option < 0 || option >= c.options.size()) {
            return new Reply(400, Map.of("error", "unknown_option"));
        }
        PortalAccount account = accounts.get(c.username);
        return sendTo(account, c, id, c.options.get(option));
    }

    /** Sends a fresh code to {@code d} (or sets the question) and tells the login where it went. */
    private Reply sendTo(PortalAccount account, Challenge c, String id, Destination d) throws IOException,
            MessagingException, InterruptedException {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "mfa_required");
        reply.put("method", method(d));
        reply.put("challenge", id);
        switch (d.kind()) {
            case SECURITY_QUESTION -> {
                c.expected = account.answer();
                reply.put("question", account.question());
            }
            case EMAIL -> {
                c.expected = code();
                if (mail.send(account, d.to(), c.expected,
                        inboxForwards.get(d.to().toLowerCase(java.util.Locale.ROOT)))) {
                    mailsSent.incrementAndGet();
                }
                reply.put("to", masked(d));
            }
            case SMS -> {
                c.expected = code();
                PortalTexts via = texts;
                if (via != null && account.mail() != PortalAccount.Mail.DROP
                        && via.send(d.to(), "Your verification code is " + c.expected
                                + ". It expires in 10 minutes. Msg&data rates may apply.")) {
                    textsSent.incrementAndGet();
                }
                reply.put("to", masked(d));
            }
        }
        return new Reply(200, reply);
    }

    private Reply mfa(JsonNode body, Map<String, String> cookies) {
        String id = body.path("challenge").asText("");
        Challenge c = challenges.get(id);
        if (c == null || c.expected == null) {
            return new Reply(404, Map.of("error", "unknown_challenge"));
        }
        if (clock.instant().isAfter(c.expiresAt) || c.tries.incrementAndGet() > 3) {
            challenges.remove(id);
            return new Reply(410, Map.of("error", "challenge_expired"));
        }
        String given = body.has("code") ? body.path("code").asText("") : body.path("answer").asText("");
        boolean right = body.has("code") ? c.expected.equals(given.replaceAll("\\s", ""))
                : c.expected.trim().equalsIgnoreCase(given.trim());
        if (!right) {
            return new Reply(401, Map.of("status", "rejected"));
        }
        challenges.remove(id);
        if (!body.path("remember").asBoolean(false)) {
            return signedIn(false);
        }
        String token = "dt_" + Long.toUnsignedString(random.nextLong(), 36) + Long.toUnsignedString(random.nextLong(), 36);
        devices.put(token, new Device(c.username, clock.instant()));
        Reply in = signedIn(true);
        List<String> cookies2 = new ArrayList<>(in.setCookies());
        cookies2.add("device=" + token + "; Max-Age=" + deviceLife.toSeconds() + "; Path=/; HttpOnly");
        return new Reply(in.status(), in.body(), cookies2);
    }

    private Reply signedIn(boolean remembered) {
        String session = "s_" + Long.toUnsignedString(random.nextLong(), 36);
        return new Reply(200, Map.of("status", "ok", "remembered", remembered),
                List.of("session=" + session + "; Path=/; HttpOnly"));
    }

    private boolean trusted(String token, String username) {
        if (token == null) {
            return false;
        }
        Device d = devices.get(token);
        if (d == null || !d.username().equals(username)) {
            return false;
        }
        if (!clock.instant().isBefore(d.trustedAt().plus(deviceLife))) {
            devices.remove(token);
            return false;
        }
        return true;
    }

    private String code() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    private static String method(Destination d) {
        return switch (d.kind()) {
            case EMAIL -> "email";
            case SMS -> "sms";
            case SECURITY_QUESTION -> "security_question";
        };
    }

    /** As real portals show a destination: {@code s7******@example.com}, {@code ***-***-1111}. */
    static String masked(Destination d) {
        String to = Optional.ofNullable(d.to()).orElse("");
        return switch (d.kind()) {
            case EMAIL -> {
                int at = to.indexOf('@');
                yield at <= 2 ? to : to.substring(0, 2) + "*".repeat(at - 2) + to.substring(at);
            }
            case SMS -> "***-***-" + (to.length() >= 4 ? to.substring(to.length() - 4) : to);
            case SECURITY_QUESTION -> "";
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
