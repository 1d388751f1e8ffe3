package net.mfagateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.mfagateway.gateway.secrets.SecretBox;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.store.Webhook;

/**
 * {@code /v1/webhooks}: register, list and delete the tenant's webhooks. The signing secret is
 * sealed before it reaches the store and never returned; the outbox opens it to sign.
 */
final class WebhookRoutes implements Routes {

    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    static final int MAX_URL = 2048;
    static final int MAX_WEBHOOKS = 10;

    private final Store store;
    private final SecretBox box;
    private final Ids ids;
    private final Clock clock;

    WebhookRoutes(Store store, SecretBox box, Ids ids, Clock clock) {
        this.store = store;
        this.box = box;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public boolean route(Request req, Tenant tenant) {
        List<String> s = req.segments();
        if (!s.get(1).equals("webhooks") || s.size() > 3) {
            return false;
        }
        if (s.size() == 2) {
            if (req.method().equals("POST")) {
                create(req, tenant);
            } else {
                Routes.only("GET", req);
                list(req, tenant);
            }
            return true;
        }
        Routes.only("DELETE", req);
        delete(req, tenant, s.get(2));
        return true;
    }

    void create(Request req, Tenant tenant) {
        JsonNode body = req.jsonObject();
        String url = url(req.string(body, "url").orElseThrow(() -> ApiException.badRequest("missing_field",
                "'url' is required: where events are POSTed, e.g. \"https://example.com/mfa-events\"")));
        String secret = req.string(body, "secret").orElseThrow(() -> ApiException.badRequest("missing_field",
                "'secret' is required: " + MIN_SECRET + " to " + MAX_SECRET + " characters the receiver checks"
                        + " signatures with"));
        if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            throw ApiException.badRequest("invalid_field", "'secret' must be " + MIN_SECRET + " to " + MAX_SECRET
                    + " characters, e.g. the output of `openssl rand -hex 32`");
        }
        if (store.webhooks(tenant.id()).size() >= MAX_WEBHOOKS) {
            throw ApiException.conflict("a tenant has at most " + MAX_WEBHOOKS + " webhooks; delete one first");
        }
        String id = ids.next("w_");
        byte[] sealed = box.seal(secret.getBytes(StandardCharsets.UTF_8), Webhook.secretOwner(id));
        Webhook webhook = new Webhook(id, tenant.id(), url, sealed, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        store.putWebhook(webhook).whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not store the webhook; retry"));
            } else {
                Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.CREATED, view(webhook));
            }
        });
    }

    void list(Request req, Tenant tenant) {
        List<Map<String, Object>> list = store.webhooks(tenant.id()).stream().map(WebhookRoutes::view).toList();
        Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, Map.of("webhooks", list));
    }

    void delete(Request req, Tenant tenant, String id) {
        // Another tenant's webhook is "not found", never "forbidden": existence must not leak.
        store.webhook(id).filter(w -> w.tenantId().equals(tenant.id()))
                .orElseThrow(() -> ApiException.notFound("webhook " + id));
        store.deleteWebhook(id).whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not delete the webhook; retry"));
            } else {
                Responses.noContent(req.ctx(), req.keepAlive());
            }
        });
    }

    /** An absolute http(s) URL with a host and no credentials (the URL is kept and shown in clear). */
    private static String url(String raw) {
        String fix = "; give an absolute http:// or https:// URL such as https://example.com/mfa-events";
        if (raw.length() > MAX_URL) {
            throw ApiException.badRequest("invalid_field", "'url' must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("invalid_field", "'url' is not a URL (" + e.getReason() + ")" + fix);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw ApiException.badRequest("invalid_field", "'url' needs http:// or https:// and a host" + fix);
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.badRequest("invalid_field", "'url' must not carry a user name or password: the"
                    + " signature authenticates the gateway to the receiver");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.badRequest("invalid_field", "'url' must not have a #fragment" + fix);
        }
        return uri.toString();
    }

    private static Map<String, Object> view(Webhook w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("url", w.url());
        m.put("createdAt", w.createdAt().toString());
        return m;
    }
}
