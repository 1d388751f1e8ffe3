package net.mfagateway.gateway.intake;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoredMessage;
import net.mfagateway.parsers.Channel;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.parsers.MailParser;
import net.mfagateway.parsers.SmsParser;
import net.mfagateway.rules.Extraction;
import net.mfagateway.rules.RuleEngine;
import net.mfagateway.rules.SenderHistory;
import net.mfagateway.rules.SenderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a received message becomes stored facts: parse, evaluate the rules,
 * commit durably, wake the waiters, then side effects. Every edge (SMTP, SMS, manual entry)
 * only adapts its input to {@link #accept}. Thread-safe; parsing and rules run on the caller's
 * thread, so call it from a worker thread, never a Netty event loop.
 */
public final class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final Store store;
    private final Supplier<RuleEngine> rules;
    private final CodeListener listener;
    private final Ids ids;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final SenderHistory history;

    public Intake(Store store, Supplier<RuleEngine> rules, CodeListener listener, Ids ids, Clock clock,
            MeterRegistry metrics) {
        this.store = store;
        this.rules = rules;
        this.listener = listener;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
        this.history = store::hasSent;
    }

    /**
     * Stores {@code inbound} for each of its connections. The future completes when everything is
     * durable and waiters have been woken, or exceptionally with a {@code StoreException}.
     */
    public CompletableFuture<List<Stored>> accept(Inbound inbound) {
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<CompletableFuture<Stored>> stored = new ArrayList<>();
        switch (inbound) {
            case Inbound.Mail mail -> {
                InboundMessage message = MailParser.parse(mail.raw());
                String dedupKey = mailDedupKey(message, mail.raw());
                for (Connection c : mail.recipients()) {
                    stored.add(store(c, message, mail.raw(), mail.envelopeSender(), dedupKey, receivedAt));
                }
            }
            case Inbound.Sms sms -> {
                InboundMessage message = SmsParser.parse(sms.from(), sms.body());
                byte[] raw = sms.body().getBytes(StandardCharsets.UTF_8);
                stored.add(store(sms.connection(), message, raw, sms.from(), "sms:" + sms.messageId(), receivedAt));
            }
            case Inbound.Manual manual -> stored.add(storeManual(manual, receivedAt));
        }
        return CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new))
                .thenApply(done -> stored.stream().map(CompletableFuture::join).toList());
    }

    /**
     * What was stored for one connection: the message kept (or kept before, when
     * {@code duplicate}), and what the rules made of it, for the edge's log line.
     */
    public record Stored(String connectionId, String messageId, boolean duplicate, String kind, String ruleId,
            Code code) {
    }

    private CompletableFuture<Stored> store(Connection connection, InboundMessage message, byte[] raw,
            String envelopeSender, String dedupKey, Instant receivedAt) {
        Extraction extraction = rules.get().evaluate(message, connection.utility(), history);
        String messageId = ids.next("m_");
        List<Code> codes = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<String> reasons = List.of();
        String channel = message.channel().wireName();
        switch (extraction) {
            case Extraction.CodeFound f -> {
                Code code = code(connection, messageId, f.code(), "code", receivedAt, channel, message,
                        f.utility(), f.ruleId(), f.senderStatus(), f.confidence());
                deliver(connection, code, message, f.senderStatus(), codes, events);
            }
            case Extraction.LinkFound f -> {
                Code code = code(connection, messageId, f.link(), "link", receivedAt, channel, message,
                        f.utility(), f.ruleId(), f.senderStatus(), f.confidence());
                deliver(connection, code, message, f.senderStatus(), codes, events);
            }
            case Extraction.ForwardingConfirmation f -> {
                Map<String, Object> data = messageData(messageId, message);
                putIfPresent(data, "code", f.code());
                putIfPresent(data, "link", f.link());
                data.put("ruleId", f.ruleId());
                events.add(event(connection, "forwarding.confirmation", receivedAt, data));
            }
            case Extraction.ForwardingBlocked f -> {
                Map<String, Object> data = messageData(messageId, message);
                putIfPresent(data, "detail", f.detail());
                data.put("ruleId", f.ruleId());
                events.add(event(connection, "forwarding.blocked", receivedAt, data));
            }
            case Extraction.NoCode none -> {
                reasons = new ArrayList<>(none.reasons());
                reasons.addAll(message.problems().stream().map(p -> "parse: " + p).toList());
                Map<String, Object> data = messageData(messageId, message);
                data.put("reasons", reasons);
                events.add(event(connection, "message.unmatched", receivedAt, data));
            }
        }
        StoredMessage stored = new StoredMessage(messageId, connection.id(), channel, receivedAt, envelopeSender,
                dedupKey, extraction.kind(), extraction.ruleId(), reasons, raw);
        String sender = message.originalSender().isEmpty() ? message.sender() : message.originalSender();
        // Runs on the store's writer thread: wake the waiters and count, nothing slower.
        return store.accept(new Store.Received(stored, codes, events, connection.utility(), sender,
                connection.copyTo()))
                .thenApply(acceptance -> {
                    if (!acceptance.duplicate()) {
                        codes.forEach(listener::codeStored);
                        listener.messageStored(connection, extraction);
                        count(extraction, message);
                    }
                    return new Stored(connection.id(), acceptance.messageId(), acceptance.duplicate(),
                            extraction.kind(), extraction.ruleId(), codes.isEmpty() ? null : codes.get(0));
                });
    }

    private CompletableFuture<Stored> storeManual(Inbound.Manual manual, Instant receivedAt) {
        Connection connection = manual.connection();
        String messageId = ids.next("m_");
        Code code = new Code(ids.next("k_"), connection.id(), messageId, manual.code(), "code", receivedAt,
                Channel.MANUAL.wireName(), "", "", null, connection.utility(), "manual", null, 1.0);
        Event event = event(connection, "code.received", receivedAt, codeData(code));
        StoredMessage stored = new StoredMessage(messageId, connection.id(), Channel.MANUAL.wireName(), receivedAt, "",
                messageId, "code", "manual", List.of(), new byte[0]);
        return store.accept(new Store.Received(stored, List.of(code), List.of(event), connection.utility(), null,
                connection.copyTo()))
                .thenApply(acceptance -> {
                    if (!acceptance.duplicate()) {
                        listener.codeStored(code);
                    }
                    return new Stored(connection.id(), acceptance.messageId(), acceptance.duplicate(), "code",
                            "manual", code);
                });
    }

    /** A code or link to hand to waiters: the code, its {@code code.received} or {@code link.received}, any rotation. */
    private void deliver(Connection connection, Code code, InboundMessage message, SenderStatus status,
            List<Code> codes, List<Event> events) {
        codes.add(code);
        events.add(event(connection, code.kind() + ".received", code.receivedAt(), codeData(code)));
        rotation(connection, message, status, code.receivedAt(), events);
    }

    private void rotation(Connection connection, InboundMessage message, SenderStatus status, Instant at,
            List<Event> events) {
        if (status == SenderStatus.ROTATED) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("utility", connection.utility());
            data.put("sender", message.originalSender());
            events.add(event(connection, "sender.rotated", at, data));
            log.warn("sender.rotated conn={} utility={} sender={}", connection.id(), connection.utility(),
                    message.originalSender());
        }
    }

    private void count(Extraction extraction, InboundMessage message) {
        String status = switch (extraction) {
            case Extraction.CodeFound f -> f.senderStatus().wireName();
            case Extraction.LinkFound f -> f.senderStatus().wireName();
            case Extraction.ForwardingConfirmation f -> "none";
            case Extraction.ForwardingBlocked f -> "none";
            case Extraction.NoCode n -> "none";
        };
        metrics.counter("mfa.gateway.extractions", "kind", extraction.kind(), "sender_status", status,
                "channel", message.channel().wireName()).increment();
    }

    private Code code(Connection connection, String messageId, String value, String kind, Instant at, String channel,
            InboundMessage message, String utility, String ruleId, SenderStatus status, double confidence) {
        return new Code(ids.next("k_"), connection.id(), messageId, value, kind, at, channel, message.sender(),
                message.originalSender(), message.channel() == Channel.EMAIL ? message.forwarding().wireName() : null,
                utility != null ? utility : connection.utility(), ruleId, status.wireName(), confidence);
    }

    private Event event(Connection connection, String type, Instant at, Map<String, Object> data) {
        return new Event(ids.next("e_"), connection.id(), connection.tenantId(), type, at, data);
    }

    private static Map<String, Object> codeData(Code code) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("codeId", code.id());
        data.put("messageId", code.messageId());
        data.put("kind", code.kind());
        data.put("channel", code.channel());
        putIfPresent(data, "sender", code.sender());
        putIfPresent(data, "originalSender", code.originalSender());
        putIfPresent(data, "forwarding", code.forwarding());
        putIfPresent(data, "ruleId", code.ruleId());
        putIfPresent(data, "senderStatus", code.senderStatus());
        data.put("confidence", code.confidence());
        return data;
    }

    private static Map<String, Object> messageData(String messageId, InboundMessage message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", messageId);
        putIfPresent(data, "sender", message.sender());
        putIfPresent(data, "originalSender", message.originalSender());
        data.put("forwarding", message.forwarding().wireName());
        return data;
    }

    private static void putIfPresent(Map<String, Object> data, String key, String value) {
        if (value != null && !value.isEmpty()) {
            data.put(key, value);
        }
    }

    /** A sender's retry of the same mail carries the same Message-ID; without one, the same bytes. */
    private static String mailDedupKey(InboundMessage message, byte[] raw) {
        List<String> ids = message.header("Message-ID");
        if (!ids.isEmpty() && !ids.get(0).isBlank()) {
            return "mid:" + ids.get(0).trim().toLowerCase(java.util.Locale.ROOT);
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
