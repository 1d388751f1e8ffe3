package net.mfagateway.parsers;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns raw RFC 5322 bytes into an {@link InboundMessage}. Lenient: malformed input gives what
 * can be recovered plus a list of problems; it never throws. Thread-safe.
 */
public final class MailParser {

    private static final Session SESSION = lenientSession();

    private MailParser() {
    }

    /** Parses one message; {@code raw} is not modified or kept. */
    public static InboundMessage parse(byte[] raw) {
        List<String> problems = new ArrayList<>();
        try {
            MimeMessage mime = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Map<String, List<String>> headers = headers(mime);
            String sender = firstAddress(mime, "From", problems);
            String subject = subject(mime);
            Content content = new Content();
            collect(mime, content, problems, 0);
            Forwarding forwarding = content.attachedSender != null ? Forwarding.ATTACHED : Forwarding.DIRECT;
            String originalSender = content.attachedSender != null ? content.attachedSender : sender;
            return new InboundMessage(Channel.EMAIL, sender, originalSender, forwarding, subject,
                    content.text.toString().strip(), content.links, "", headers, problems);
        } catch (MessagingException | RuntimeException e) {
            problems.add("unparseable: " + e.getClass().getSimpleName());
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            return new InboundMessage(Channel.EMAIL, "", "", Forwarding.DIRECT, "", text, List.of(), "",
                    Map.of(), problems);
        }
    }

    private static final class Content {
        final StringBuilder text = new StringBuilder();
        final List<Link> links = new ArrayList<>();
        String attachedSender;
        boolean sawPlain;
    }

    private static void collect(Part part, Content content, List<String> problems, int depth) {
        if (depth > 20) {
            problems.add("nesting deeper than 20 levels");
            return;
        }
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                boolean alternative = part.isMimeType("multipart/alternative");
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    if (alternative && child.isMimeType("text/html") && content.sawPlain) {
                        collectLinksOnly(child, content, problems);
                        continue;
                    }
                    collect(child, content, problems, depth + 1);
                }
            } else if (part.isMimeType("message/rfc822")) {
                Object inner = part.getContent();
                if (inner instanceof MimeMessage message) {
                    if (content.attachedSender == null) {
                        content.attachedSender = firstAddress(message, "From", problems);
                    }
                    collect(message, content, problems, depth + 1);
                }
            } else if (part.isMimeType("text/plain")) {
                content.sawPlain = true;
                content.text.append(text(part)).append('\n');
            } else if (part.isMimeType("text/html")) {
                Document doc = Jsoup.parse(text(part));
                doc.select("style, script, [style~=(?i)display\\s*:\\s*none]").remove();
                for (Element a : doc.select("a[href]")) {
                    content.links.add(new Link(a.attr("href"), a.text()));
                }
                content.text.append(doc.body() == null ? "" : doc.body().wholeText()).append('\n');
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            problems.add("part unreadable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void collectLinksOnly(Part part, Content content, List<String> problems) {
        try {
            for (Element a : Jsoup.parse(text(part)).select("a[href]")) {
                content.links.add(new Link(a.attr("href"), a.text()));
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            problems.add("html part unreadable: " + e.getClass().getSimpleName());
        }
    }

    private static String text(Part part) throws IOException, MessagingException {
        Object body = part.getContent();
        if (body instanceof String s) {
            return s;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String firstAddress(MimeMessage message, String header, List<String> problems) {
        try {
            String value = message.getHeader(header, ",");
            if (value == null) {
                problems.add("missing " + header + " header");
                return "";
            }
            InternetAddress[] parsed = InternetAddress.parseHeader(value, false);
            return parsed.length == 0 ? "" : parsed[0].getAddress().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            problems.add("bad " + header + " header");
            return "";
        }
    }

    private static String subject(MimeMessage mime) {
        try {
            String subject = mime.getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException e) {
            return "";
        }
    }

    private static Map<String, List<String>> headers(MimeMessage mime) throws MessagingException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : Collections.list(mime.getAllHeaders())) {
            headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.getValue());
        }
        return headers;
    }

    private static Session lenientSession() {
        Properties props = new Properties();
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.multipart.allowempty", "true");
        props.setProperty("mail.mime.base64.ignoreerrors", "true");
        props.setProperty("mail.mime.ignoreunknownencoding", "true");
        props.setProperty("mail.mime.allowutf8", "true");
        return Session.getInstance(props);
    }
}
