package net.mfagateway.parsers.internal;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a forwarded block's header, as mail clients write it in several languages:
 * "From: ...", "*Sent:* ...", "De : ...", "Asunto: ...". Knows which field it names.
 */
record HeaderLine(Field field, String value) {

    enum Field { FROM, DATE, SENT, TO, SUBJECT, OTHER }

    private static final Map<String, Field> NAMES = names();

    private static final Pattern LINE = Pattern.compile(
            "^\\*{0,2}([\\p{L}][\\p{L} -]{0,18}?)\\*{0,2}\\s?:\\*{0,2}\\s*(.*)$");

    /** Fields of a raw RFC 5322 header dump (as in a bounce), which a forwarded block never has. */
    private static final Pattern RAW_FIELD = Pattern.compile(
            "^(received|message-id|mime-version|content-[a-z-]+|return-path|dkim-signature|x-[a-z0-9-]+"
                    + "|delivered-to|authentication-results|arc-[a-z-]+|thread-topic|thread-index"
                    + "|in-reply-to|references|list-unsubscribe[a-z-]*)\\s*:", Pattern.CASE_INSENSITIVE);

    /** The header line in {@code content}, or null when it is not one. */
    static HeaderLine parse(String content) {
        if (content.length() < 3 || content.indexOf(':') < 0 || content.indexOf(':') > 26) {
            return null;
        }
        Matcher m = LINE.matcher(content);
        if (!m.matches()) {
            return null;
        }
        Field field = NAMES.get(m.group(1).strip().toLowerCase(Locale.ROOT));
        if (field == null) {
            return null;
        }
        String value = m.group(2).strip();
        return new HeaderLine(field, value);
    }

    static boolean isRawField(String content) {
        return content.indexOf(':') > 0 && RAW_FIELD.matcher(content).lookingAt();
    }

    private static Map<String, Field> names() {
        Map<String, Field> names = new java.util.HashMap<>();
        for (String n : new String[] {"from", "de", "von", "da", "van", "från", "fra", "od", "от"}) {
            names.put(n, Field.FROM);
        }
        for (String n : new String[] {"date", "datum", "fecha", "data", "päivämäärä"}) {
            names.put(n, Field.DATE);
        }
        for (String n : new String[] {"sent", "envoyé", "enviado", "enviado el", "gesendet", "inviato",
                "verzonden", "skickat", "sendt", "wysłano", "отправлено"}) {
            names.put(n, Field.SENT);
        }
        for (String n : new String[] {"to", "à", "a", "para", "an", "aan", "til", "till", "do", "кому",
                "cc", "bcc", "cci", "cco", "kopie"}) {
            names.put(n, Field.TO);
        }
        for (String n : new String[] {"subject", "objet", "asunto", "betreff", "oggetto", "onderwerp",
                "assunto", "emne", "ämne", "temat", "тема"}) {
            names.put(n, Field.SUBJECT);
        }
        for (String n : new String[] {"reply-to", "répondre à", "responder a", "antwort an", "importance",
                "priorité", "importancia", "wichtigkeit", "attachments", "pièces jointes", "datos adjuntos",
                "anlagen"}) {
            names.put(n, Field.OTHER);
        }
        return Map.copyOf(names);
    }
}
