package net.mfagateway.gateway.worker.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A utility portal for tests and the demo, over real HTTP on loopback: {@code POST /login} with
 * {@code {"username","password"}} either logs in or demands a second factor, mailing a fresh
 * six-digit code over SMTP to the account's address (as a utility would) or asking a security
 * question; {@code POST /mfa} with {@code {"challenge","code"|"answer"}} completes it. A challenge
 * lasts ten minutes and takes three tries. Thread-safe.
 */
public final class SimulatedPortal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CHALLENGE_LIFE = Duration.ofMinutes(10);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String smtpHost;
    private final int smtpPort;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PortalAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
    private final java.util.List<Instant> loginTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger mailsSent = new AtomicInteger();

    private record Challenge(String username, String expected, Instant expiresAt, AtomicInteger tries) {
    }

    /** Binds 127.0.0.1 on a free port; code mail goes to the SMTP server at {@code smtpHost:smtpPort}. */
    public SimulatedPortal(String smtpHost, int smtpPort, Clock clock) throws IOException {
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/login", ex -> handle(ex, this::login));
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

    /** Logins attempted so far (with any password). */
    public int logins() {
        return loginTimes.size();
    }

    /** When each login attempt arrived, in order. */
    public java.util.List<Instant> loginTimes() {
        return java.util.List.copyOf(loginTimes);
    }

    /** Code mails handed to the SMTP server so far. */
    public int mailsSent() {
        return mailsSent.get();
    }

    private interface Endpoint {
        Reply answer(JsonNode body) throws IOException, MessagingException;
    }

    private record Reply(int status, Map<String, Object> body) {
    }

    private void handle(HttpExchange ex, Endpoint endpoint) throws IOException {
        Reply reply;
        try (InputStream in = ex.getRequestBody()) {
            if (!ex.getRequestMethod().equals("POST")) {
                reply = new Reply(405, Map.of("error", "method_not_allowed"));
            } else {
                JsonNode body = JSON.readTree(in.readNBytes(64 * 1024));
                reply = body == null || !body.isObject() ? new Reply(400, Map.of("error", "bad_json"))
                        : endpoint.answer(body);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            reply = new Reply(400, Map.of("error", "bad_json"));
        } catch (MessagingException e) {
            reply = new Reply(503, Map.of("error", "mail_failed", "message", e.getMessage()));
        }
        byte[] out = JSON.writeValueAsBytes(reply.body());
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(reply.status(), out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private Reply login(JsonNode body) throws MessagingException {
        loginTimes.add(clock.instant());
        PortalAccount account = accounts.get(body.path("username").asText(""));
        if (account == null || account.password() != null
                && !account.password().equals(body.path("password").asText(""))) {
            return new Reply(401, Map.of("error", "bad_credentials"));
        }
        String challenge = "ch_" + Long.toUnsignedString(random.nextLong(), 36);
        Instant expires = clock.instant().plus(CHALLENGE_LIFE);
        return switch (account.mfa()) {
            case NONE -> new Reply(200, Map.of("status", "ok"));
            case EMAIL -> {
                String code = String.format("%06d", random.nextInt(1_000_000));
                challenges.put(challenge, new Challenge(account.username(), code, expires, new AtomicInteger()));
                mail(account, code);
                yield new Reply(200, Map.of("status", "mfa_required", "method", "email", "challenge", challenge));
            }
            case SECURITY_QUESTION -> {
                challenges.put(challenge, new Challenge(account.username(), account.answer(), expires,
                        new AtomicInteger()));
                yield new Reply(200, Map.of("status", "mfa_required", "method", "security_question", "question",
                        account.question(), "challenge", challenge));
            }
        };
    }

    private Reply mfa(JsonNode body) {
        Challenge c = challenges.get(body.path("challenge").asText(""));
        if (c == null) {
            return new Reply(404, Map.of("error", "unknown_challenge"));
        }
        if (clock.instant().isAfter(c.expiresAt()) || c.tries().incrementAndGet() > 3) {
            challenges.remove(body.path("challenge").asText(""));
            return new Reply(410, Map.of("error", "challenge_expired"));
        }
        String given = body.has("code") ? body.path("code").asText("") : body.path("answer").asText("");
        boolean right = body.has("code") ? c.expected().equals(given.replaceAll("\\s", ""))
                : c.expected().trim().equalsIgnoreCase(given.trim());
        if (!right) {
            return new Reply(401, Map.of("status", "rejected"));
        }
        challenges.remove(body.path("challenge").asText(""));
        return new Reply(200, Map.of("status", "ok"));
    }

    private void mail(PortalAccount account, String code) throws MessagingException {
        if (account.mail() == PortalAccount.Mail.DROP) {
            return;
        }
        Properties props = new Properties();
        props.put("mail.smtp.host", smtpHost);
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        MimeMessage m = new MimeMessage(Session.getInstance(props));
        m.setFrom(new InternetAddress(account.sender()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(account.mailTo()));
        m.setSentDate(Date.from(clock.instant()));
        if (account.mail() == PortalAccount.Mail.UNRECOGNISABLE) {
            // What a redesigned template without a recognisable code phrase looks like to the rules.
            m.setSubject("Account notice", StandardCharsets.UTF_8.name());
            m.setText("Hello,\nSomeone signed in to your account. Reference " + code.charAt(0)
                    + "-" + code.substring(1) + "-X.\n", StandardCharsets.UTF_8.name());
        } else {
            String spaced = code.substring(0, 3) + " " + code.substring(3);
            m.setSubject(account.subject(), StandardCharsets.UTF_8.name());
            m.setText("Your verification code is " + spaced + ".\nThis code expires in 10 minutes.\n",
                    StandardCharsets.UTF_8.name());
        }
        Transport.send(m);
        mailsSent.incrementAndGet();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
