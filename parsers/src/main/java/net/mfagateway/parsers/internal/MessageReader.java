package net.mfagateway.parsers.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.mfagateway.parsers.Forwarding;
import net.mfagateway.parsers.Link;

/**
 * Reads one message entity into a {@link Reading}: who sent and who wrote it, how it was
 * forwarded, and the original's subject, text and links apart from the forwarder's words.
 * Precedence: an inline forwarded block in the body, then attached messages, then header traces
 * of automatic forwarding, else direct. A delivery report is always read as it stands: the
 * returned message it quotes or carries is part of the report, not a forward.
 */
final class MessageReader {

    private static final int MAX_ATTACHED = 10;
    private static final int MAX_DEPTH = 6;
    private static final Pattern REPORTING_MAILBOX = Pattern.compile(
            "^(?:postmaster|mailer-daemon|microsoftexchange[0-9a-f]*)@.*", Pattern.CASE_INSENSITIVE);

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private final Problems problems;

    MessageReader(Problems problems) {
        this.problems = problems;
    }

    Reading read(MimeEntity message, int depth) {
        Headers headers = message.headers();
        noteMissingHeaders(headers, depth);
        String sender = sender(headers, depth);
        String subject = subject(headers);
        Body body = Body.of(message, problems);
        boolean report = isReport(message, sender);
        if (!report) {
            InlineForward inline = ForwardedBlocks.find(body.htmlFirst(), subject);
            if (inline == null && body.plainFirst() != body.htmlFirst()) {
                inline = ForwardedBlocks.find(body.plainFirst(), subject);
            }
            if (inline != null) {
                if (inline.originalSender().isEmpty()) {
                    problems.add("forwarded block names no sender address");
                }
                return new Reading(sender, inline.originalSender(), Forwarding.INLINE, inline.subject(),
                        inline.text(), inline.links(), inline.outerText());
            }
            if (!body.attached().isEmpty() && depth < MAX_DEPTH) {
                return attached(sender, body, depth);
            }
        }
        Forwarding forwarding = AutoForwardTraces.present(headers) ? Forwarding.AUTO : Forwarding.DIRECT;
        return new Reading(sender, sender, forwarding, subject, body.htmlFirst().text(),
                body.htmlFirst().plainLinks(), "");
    }

    private Reading attached(String sender, Body body, int depth) {
        List<Reading> inner = new ArrayList<>();
        for (MimeEntity message : body.attached()) {
            if (inner.size() == MAX_ATTACHED) {
                problems.add("more than " + MAX_ATTACHED + " attached messages; rest not read");
                break;
            }
            inner.add(read(message, depth + 1));
        }
        Set<String> subjects = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        String originalSender = "";
        for (Reading reading : inner) {
            if (!reading.subject().isBlank()) {
                subjects.add(reading.subject());
            }
            if (!reading.text().isBlank()) {
                texts.add(reading.text());
            }
            links.addAll(reading.links());
            if (!reading.originalSender().isEmpty()) {
                originalSender = reading.originalSender();
            }
        }
        return new Reading(sender, originalSender, Forwarding.ATTACHED, String.join("\n", subjects),
                String.join("\n\n", texts), links, body.htmlFirst().text());
    }

    private String sender(Headers headers, int depth) {
        String from = Addresses.first(headers.first("From"));
        if (!from.isEmpty()) {
            return from;
        }
        problems.add(depth == 0 ? "no From address" : "attached message has no From address");
        String fallback = Addresses.first(headers.first("Sender"));
        return fallback.isEmpty() ? Addresses.first(headers.first("Reply-To")) : fallback;
    }

    private void noteMissingHeaders(Headers headers, int depth) {
        String which = depth == 0 ? "" : "attached message: ";
        for (String name : new String[] {"Date", "Message-ID", "Subject"}) {
            if (!headers.has(name)) {
                problems.add(which + "no " + name + " header");
            }
        }
        if (!headers.has("To") && !headers.has("Cc") && !headers.has("Bcc")) {
            problems.add(which + "no To header");
        }
        if (!headers.has("MIME-Version") && headers.has("Content-Type")) {
            problems.add(which + "no MIME-Version header");
        }
    }

    private static String subject(Headers headers) {
        String raw = headers.first("Subject");
        if (raw == null) {
            return "";
        }
        return WHITE_SPACE.matcher(EncodedWords.decode(raw)).replaceAll(" ").strip();
    }

    /** A non-delivery or delivery-status report, by its MIME type, Exchange's marker, or its signer. */
    private static boolean isReport(MimeEntity message, String sender) {
        return message.type().is("multipart/report")
                || message.headers().has("X-MS-Exchange-Message-Is-Ndr")
                || REPORTING_MAILBOX.matcher(sender).matches();
    }
}
