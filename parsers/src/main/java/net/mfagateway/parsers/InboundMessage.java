package net.mfagateway.parsers;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One received message, normalised: who sent it, who wrote it, how it was forwarded, and what a
 * reader sees of it. Built by {@link MailParser} or {@link SmsParser}; never guesses codes.
 *
 * <p>{@code sender} is the outer From address, lower-case. {@code originalSender} is the author of
 * the innermost forwarded block or attached message; for direct and auto-forwarded mail it equals
 * {@code sender}. A delivery report is never looked into: forwarded or attached, its author is the
 * mailbox that signed it (postmaster, MicrosoftExchange...), even when it quotes the original.
 *
 * <p>{@code text}, {@code subject} and {@code links} describe the original message's own content:
 * for a forward, the forwarded block or attached message, without the forwarder's note and
 * signature, which are in {@code outerText} (empty for direct and auto-forwarded mail). When a
 * person forwards several messages side by side (not nested), {@code text} holds each body
 * separated by a blank line and {@code subject} each distinct subject on its own line.
 *
 * <p>Text is what a reader sees: HTML is preferred over a plain alternative and rendered with
 * hidden elements dropped; blocks and {@code <br>} break lines, paragraphs end with a blank line,
 * inline elements join without space, table cells in a row are separated by a tab except runs of
 * four or more one-character cells, which join into one word. No-break and other spaces are plain
 * spaces, zero-width characters are removed, and there is never more than one blank line in a
 * row. Links carry the URL as a browser requests it (entities decoded) and the anchor's visible
 * text; for plain text, URLs found in the text, named by the rest of their line.
 *
 * <p>{@code headers} holds the outer message's headers with lower-case names and unfolded, raw
 * values. {@code problems} says what was wrong with malformed input; an empty list means it parsed
 * cleanly. Strings are never null (empty when absent).
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
