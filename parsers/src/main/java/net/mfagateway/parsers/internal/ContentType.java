package net.mfagateway.parsers.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed Content-Type (or Content-Disposition) value: the lower-case type and its parameters
 * with lower-case names, RFC 2231 continuations joined and percent-encoding decoded.
 */
record ContentType(String value, Map<String, String> params) {

    static final ContentType TEXT_PLAIN = new ContentType("text/plain", Map.of());

    ContentType {
        params = Map.copyOf(params);
    }

    /** Parses leniently; a missing or broken value is text/plain, as RFC 2045 section 5.2 says. */
    static ContentType parse(String header) {
        if (header == null || header.isBlank()) {
            return TEXT_PLAIN;
        }
        int semi = indexOfUnquoted(header, ';', 0);
        String value = (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        int pos = semi;
        while (pos >= 0 && pos < header.length()) {
            int next = indexOfUnquoted(header, ';', pos + 1);
            String param = header.substring(pos + 1, next < 0 ? header.length() : next);
            addParam(params, param);
            pos = next;
        }
        return new ContentType(value, joinContinuations(params));
    }

    /** Parses a Content-Disposition value: the same grammar, the value being inline or attachment. */
    static ContentType disposition(String header) {
        return header == null ? new ContentType("", Map.of()) : parse(header);
    }

    boolean is(String type) {
        return value.equals(type);
    }

    boolean isMultipart() {
        return value.startsWith("multipart/");
    }

    String param(String name) {
        return params.get(name);
    }

    private static void addParam(Map<String, String> params, String param) {
        int eq = param.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = param.substring(eq + 1).strip();
        if (value.length() >= 2 && value.charAt(0) == '"') {
            int close = value.lastIndexOf('"');
            value = close > 0 ? value.substring(1, close) : value.substring(1);
            value = value.replace("\\\"", "\"").replace("\\\\", "\\");
        }
        params.putIfAbsent(name, value);
    }

    /** RFC 2231: name*0, name*1*, ... and name*=charset'lang'percent-encoded. */
    private static Map<String, String> joinContinuations(Map<String, String> raw) {
        if (raw.keySet().stream().noneMatch(k -> k.indexOf('*') >= 0)) {
            return raw;
        }
        Map<String, StringBuilder> joined = new LinkedHashMap<>();
        Map<String, String> charsets = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            String key = entry.getKey();
            int star = key.indexOf('*');
            String base = star < 0 ? key : key.substring(0, star);
            boolean extended = key.endsWith("*");
            String value = entry.getValue();
            if (extended && !charsets.containsKey(base) && (key.equals(base + "*") || key.equals(base + "*0*"))) {
                int q1 = value.indexOf('\'');
                int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
                if (q2 > 0) {
                    charsets.put(base, value.substring(0, q1));
                    value = value.substring(q2 + 1);
                }
            }
            if (extended) {
                value = percentDecode(value, charsets.getOrDefault(base, "utf-8"));
            }
            joined.computeIfAbsent(base, k -> new StringBuilder()).append(value);
        }
        Map<String, String> params = new LinkedHashMap<>();
        joined.forEach((k, v) -> params.put(k, v.toString()));
        return params;
    }

    private static String percentDecode(String value, String charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()
                    && Character.digit(value.charAt(i + 1), 16) >= 0
                    && Character.digit(value.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c > 0xff ? '?' : c);
            }
        }
        return TextDecoding.decode(out.toByteArray(), charset, new Problems());
    }

    private static int indexOfUnquoted(String s, char target, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == target && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
