package net.mfagateway.parsers.internal;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;
import java.util.Enumeration;
import java.util.Locale;

/**
 * A Content-Type value as Angus parses it ({@link ContentType}, whose {@link ParameterList} joins
 * RFC 2231 continuations), with its lower-case base type kept for quick comparison.
 */
record MediaType(String value, ContentType parsed) {

    static final MediaType TEXT_PLAIN = new MediaType("text/plain", new ContentType("text", "plain", null));

    /** Parses leniently; a missing or unreadable value is text/plain, as RFC 2045 section 5.2 says. */
    static MediaType parse(String header, Problems problems) {
        if (header == null || header.isBlank()) {
            return TEXT_PLAIN;
        }
        ContentType parsed;
        try {
            parsed = new ContentType(header);
        } catch (ParseException e) {
            parsed = salvaged(header, problems);
        }
        if (parsed == null || parsed.getPrimaryType() == null || parsed.getSubType() == null) {
            return TEXT_PLAIN;
        }
        return new MediaType(parsed.getBaseType().toLowerCase(Locale.ROOT), parsed);
    }

    /**
     * Angus rejects a whole Content-Type for one malformed parameter (its leniency switch,
     * mail.mime.parameters.strict, is JVM-wide): keep the type and each parameter that parses on
     * its own, so a stray token does not turn an HTML part or a multipart into plain text.
     */
    private static ContentType salvaged(String header, Problems problems) {
        String[] pieces = header.split(";");
        ContentType type;
        try {
            type = new ContentType(pieces[0].strip());
        } catch (ParseException e) {
            problems.add("unreadable Content-Type; read as text/plain");
            return null;
        }
        ParameterList params = new ParameterList();
        for (int i = 1; i < pieces.length; i++) {
            try {
                ParameterList one = new ParameterList(";" + pieces[i]);
                for (Enumeration<String> names = one.getNames(); names.hasMoreElements(); ) {
                    String name = names.nextElement();
                    params.set(name, one.get(name));
                }
            } catch (ParseException e) {
                // this parameter is lost; the others stand
            }
        }
        problems.add("malformed Content-Type parameters; kept those that parse");
        return new ContentType(type.getPrimaryType(), type.getSubType(), params);
    }

    boolean is(String type) {
        return value.equals(type);
    }

    boolean isMultipart() {
        return value.startsWith("multipart/");
    }

    String param(String name) {
        return parsed.getParameter(name);
    }
}
