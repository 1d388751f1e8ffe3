package net.mfagateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.mfagateway.gateway.store.ConnectionEdit;
import net.mfagateway.gateway.store.PortalLogin;

/**
 * The fields of a connection a caller sets, read and checked once: on {@code POST
 * /v1/connections} and on {@code PATCH /v1/connections/{id}}. Each editable field has its own
 * reader; {@link #edit} applies them all.
 */
final class ConnectionFields {

    static final int MAX_LABEL = 200;
    static final int MAX_COPIES = 5;
    /** The fields PATCH takes; anything else is a 400 naming these. */
    private static final List<String> EDITABLE = List.of("label", "copyTo", "login");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private final String mailDomain;
    private final boolean copiesConfigured;
    private final Set<String> driverKinds;

    /** {@code driverKinds}: the portal drivers a {@code login} may name. */
    ConnectionFields(String mailDomain, boolean copiesConfigured, Set<String> driverKinds) {
        this.mailDomain = mailDomain.toLowerCase(Locale.ROOT);
        this.copiesConfigured = copiesConfigured;
        this.driverKinds = Set.copyOf(driverKinds);
    }

    /** The PATCH body as an edit of connection {@code id}: only the fields it names change. */
    ConnectionEdit edit(Request req, String id) {
        JsonNode body = req.jsonObject();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!EDITABLE.contains(name)) {
                throw ApiException.badRequest("invalid_field", "'" + name + "' cannot be changed here; a PATCH takes "
                        + String.join(", ", EDITABLE));
            }
        }
        ConnectionEdit edit = new ConnectionEdit(id, label(req, body).orElse(null), copyTo(req, body).orElse(null),
                login(body));
        if (edit.label() == null && edit.copyTo() == null && edit.login() == null) {
            throw ApiException.badRequest("missing_field", "nothing to change: give at least one of "
                    + String.join(", ", EDITABLE));
        }
        return edit;
    }

    /** The in-service worker's settings; {@link PortalLogin#NONE} for an explicit null; null when absent. */
    PortalLogin login(JsonNode body) {
        return LoginSettings.parse(body, "login", driverKinds);
    }

    Optional<String> label(Request req, JsonNode body) {
        Optional<String> label = req.string(body, "label");
        if (label.isPresent() && label.get().length() > MAX_LABEL) {
            throw ApiException.badRequest("invalid_field", "'label' must be at most " + MAX_LABEL + " characters");
        }
        return label;
    }

    /**
     * {@code copyTo}: up to {@value #MAX_COPIES} bare mail addresses that get a copy of every code
     * ({@code []} clears the list). Duplicates are dropped; the gateway's own domain is refused,
     * since a copy mailed there would come back in as mail.
     */
    Optional<List<String>> copyTo(Request req, JsonNode body) {
        JsonNode list = body.get("copyTo");
        if (list == null || list.isNull()) {
            return Optional.empty();
        }
        if (!list.isArray()) {
            throw ApiException.badRequest("invalid_field", "'copyTo' must be an array of mail addresses");
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                throw ApiException.badRequest("invalid_field", "copyTo[" + i + "] must be a string");
            }
            String address = address(list.get(i).asText().strip(), i);
            addresses.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
        }
        if (addresses.size() > MAX_COPIES) {
            throw ApiException.badRequest("too_many_addresses", "'copyTo' takes at most " + MAX_COPIES + " addresses");
        }
        if (!addresses.isEmpty() && !copiesConfigured) {
            throw ApiException.badRequest("copies_not_configured", "code copies are off on this gateway: its"
                    + " operator must set MFA_GATEWAY_RELAY_HOST (and MFA_GATEWAY_RELAY_PORT, _RELAY_USERNAME,"
                    + " _RELAY_PASSWORD as the relay needs) so copies can be mailed");
        }
        return Optional.of(new ArrayList<>(addresses.values()));
    }

    private String address(String raw, int i) {
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(raw, true);
            parsed.validate();
        } catch (AddressException e) {
            throw ApiException.badRequest("invalid_field", "copyTo[" + i + "] is not a mail address ("
                    + e.getMessage() + "); give it as name@example.com");
        }
        String address = parsed.getAddress();
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (parsed.getPersonal() != null || !address.equals(raw) || raw.length() > 254
                || !DOMAIN.matcher(domain).matches()) {
            throw ApiException.badRequest("invalid_field",
                    "copyTo[" + i + "] must be a bare address at a domain name, such as name@example.com");
        }
        if (domain.equals(mailDomain) || domain.endsWith("." + mailDomain)) {
            throw ApiException.badRequest("invalid_field", "copyTo[" + i + "] is at this gateway's own domain "
                    + mailDomain + "; copies go to the customer's own mailbox elsewhere");
        }
        return address;
    }
}
