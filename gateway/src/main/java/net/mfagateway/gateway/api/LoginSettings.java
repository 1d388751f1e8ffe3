package net.mfagateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.TreeSet;
import net.mfagateway.gateway.store.PortalLogin;

/**
 * The {@code login} field of a connection body: {@code {"driver", "url", "username",
 * "everySeconds"}} for the in-service worker, or {@code null} to remove it (in an edit).
 */
final class LoginSettings {

    static final long MAX_EVERY = 7 * 86_400;

    private LoginSettings() {
    }

    /** The settings in {@code field}, {@link PortalLogin#NONE} for an explicit null, or null when absent. */
    static PortalLogin parse(JsonNode body, String field, Set<String> drivers) {
        if (!body.has(field)) {
            return null;
        }
        JsonNode n = body.get(field);
        if (n.isNull()) {
            return PortalLogin.NONE;
        }
        if (!n.isObject()) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be {\"driver\", \"url\", \"username\","
                    + " \"everySeconds\"} or null");
        }
        String driver = n.path("driver").asText("");
        if (!drivers.contains(driver)) {
            throw ApiException.badRequest("invalid_field", "'" + field + ".driver' must be one of "
                    + new TreeSet<>(drivers));
        }
        String url = n.path("url").asText("");
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not http(s)");
            }
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("invalid_field", "'" + field + ".url' must be the portal's http(s) address");
        }
        String username = n.path("username").asText("");
        if (username.isBlank() || username.length() > 200) {
            throw ApiException.badRequest("invalid_field", "'" + field + ".username' must be 1 to 200 characters");
        }
        JsonNode every = n.get("everySeconds");
        long seconds = every == null || every.isNull() ? 0 : every.canConvertToLong() ? every.asLong() : -1;
        if (seconds < 0 || seconds > MAX_EVERY) {
            throw ApiException.badRequest("invalid_field", "'" + field + ".everySeconds' must be whole seconds, 0 (only"
                    + " when asked) to " + MAX_EVERY);
        }
        return new PortalLogin(driver, url.replaceAll("/+$", ""), username, seconds);
    }
}
