package net.mfagateway.parsers;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One received message, normalised: who sent it, who wrote it, how it was forwarded, and what a
 * reader sees of it. Built by {@link MailParser} or {@link SmsParser}; never guesses codes.
 *
 * <p>{@code text}, {@code subject} and {@code links} describe the original message's own content:
 * for a forward, the forwarded block or attached message, without the forwarder's note and
 * signature, which are in {@code outerText}. {@code headers} holds the outer message's headers
 * with lower-case names. {@code problems} says what was wrong with malformed input; an empty list
 * means it parsed cleanly. Strings are never null (empty when absent).
 */
public record InboundMessage(
        Channel channel,
        String sender,
        String originalSender,
        Forwarding forwarding,
        String subject,
        String text,
        List<Link> links,
        String outerText,
        Map<String, List<String>> headers,
        List<String> problems) {

    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(forwarding, "forwarding");
        sender = nullToEmpty(sender);
        originalSender = nullToEmpty(originalSender);
        subject = nullToEmpty(subject);
        text = nullToEmpty(text);
        outerText = nullToEmpty(outerText);
        links = List.copyOf(links);
        headers = Map.copyOf(headers);
        problems = List.copyOf(problems);
    }

    /** The values of one header of the outer message, by case-insensitive name. */
    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
