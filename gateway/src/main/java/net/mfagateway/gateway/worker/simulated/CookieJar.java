package net.mfagateway.gateway.worker.simulated;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cookies of one portal, as a browser keeps them for one site: set by {@code Set-Cookie},
 * removed by {@code Max-Age=0}, sent back in one {@code Cookie} header. Path, domain and expiry
 * dates are not modelled: one portal, one path, and the gateway bounds how long state is kept.
 * One login's worth, not thread-safe.
 */
final class CookieJar {

    private final Map<String, String> cookies;

    CookieJar(Map<String, String> kept) {
        this.cookies = new LinkedHashMap<>(kept);
    }

    void take(List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            boolean gone = false;
            for (int i = 1; i < parts.length; i++) {
                String attr = parts[i].trim().toLowerCase(Locale.ROOT);
                if (attr.startsWith("max-age=")) {
                    gone = attr.substring(8).trim().startsWith("-") || attr.substring(8).trim().equals("0");
                }
            }
            if (gone) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    boolean has(String name) {
        return cookies.containsKey(name);
    }

    Optional<String> header() {
        return cookies.isEmpty() ? Optional.empty() : Optional.of(cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
    }

    Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }
}
