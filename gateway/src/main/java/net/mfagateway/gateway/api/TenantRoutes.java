package net.mfagateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;

/**
 * Tenants and their API tokens. The admin creates and lists tenants ({@code /v1/tenants}); every
 * tenant rotates its own token ({@code POST /v1/tokens}: a new current token, the old one kept
 * as previous until {@code DELETE /v1/tokens/previous}); the admin can rotate any tenant's
 * ({@code POST /v1/tenants/{id}/tokens}), e.g. for a lost token. A token is shown once, in the
 * answer that makes it; only its hash is stored.
 */
final class TenantRoutes implements Routes {

    static final int MAX_NAME = 200;
    /** 40 base32 characters: 200 bits. */
    private static final int TOKEN_CHARS = 40;

    private final Store store;
    private final Ids ids;
    private final Clock clock;

    TenantRoutes(Store store, Ids ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public boolean route(Request req, Tenant caller) {
        List<String> s = req.segments();
        if (s.get(1).equals("tenants")) {
            if (!caller.admin()) {
                // Tenants are the admin's business; to anyone else the path does not exist.
                throw ApiException.notFound("path " + req.path());
            }
            if (s.size() == 2) {
                if (req.method().equals("POST")) {
                    create(req);
                } else {
                    Routes.only("GET", req);
                    Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK,
                            Map.of("tenants", store.tenants().stream().map(TenantRoutes::view).toList()));
                }
                return true;
            }
            if (s.size() == 4 && s.get(3).equals("tokens")) {
                Routes.only("POST", req);
                Tenant t = store.tenant(s.get(2)).orElseThrow(() -> ApiException.notFound("tenant " + s.get(2)));
                rotate(req, t);
                return true;
            }
            return false;
        }
        if (s.get(1).equals("tokens")) {
            if (s.size() == 2) {
                Routes.only("POST", req);
                rotate(req, caller);
                return true;
            }
            if (s.size() == 3 && s.get(2).equals("previous")) {
                Routes.only("DELETE", req);
                revokePrevious(req, caller);
                return true;
            }
        }
        return false;
    }

    private void create(Request req) {
        JsonNode body = req.jsonObject();
        String name = req.string(body, "name").map(String::strip)
                .orElseThrow(() -> ApiException.badRequest("missing_field", "'name' is required, e.g. \"Acme Energy\""));
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ApiException.badRequest("invalid_field", "'name' must be 1 to " + MAX_NAME + " characters");
        }
        String token = newToken();
        Tenant tenant = new Tenant(ids.next("t_"), name, Tenant.hashToken(token), false,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        answer(req, store.putTenant(tenant), HttpResponseStatus.CREATED, () -> {
            Map<String, Object> m = view(tenant);
            m.put("token", token);
            return m;
        });
    }

    private void rotate(Request req, Tenant tenant) {
        if (tenant.admin()) {
            throw ApiException.conflict("the admin token comes from MFA_GATEWAY_ADMIN_TOKEN or DATA_DIR/admin-token;"
                    + " change it there and restart");
        }
        String token = newToken();
        answer(req, store.putTenant(tenant.rotated(Tenant.hashToken(token))), HttpResponseStatus.CREATED,
                () -> Map.of("tenantId", tenant.id(), "token", token, "previousToken", "valid until DELETE /v1/tokens/previous"));
    }

    private void revokePrevious(Request req, Tenant tenant) {
        if (tenant.previousTokenHash() == null) {
            throw ApiException.notFound("previous token: there is none to revoke");
        }
        store.putTenant(tenant.withoutPreviousToken()).whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not store the change; retry"));
            } else {
                Responses.noContent(req.ctx(), req.keepAlive());
            }
        });
    }

    private void answer(Request req, CompletableFuture<Void> write, HttpResponseStatus status,
            java.util.function.Supplier<Map<String, Object>> body) {
        write.whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not store the tenant; retry"));
            } else {
                Responses.json(req.ctx(), req.keepAlive(), status, body.get());
            }
        });
    }

    private String newToken() {
        return "mgw_" + ids.secret(TOKEN_CHARS);
    }

    private static Map<String, Object> view(Tenant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("admin", t.admin());
        m.put("createdAt", t.createdAt().toString());
        return m;
    }
}
