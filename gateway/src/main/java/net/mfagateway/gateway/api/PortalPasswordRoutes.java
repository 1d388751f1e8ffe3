package net.mfagateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.worker.LoginWorkers;
import net.mfagateway.gateway.worker.PortalPasswords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/connections/{id}/portal-password}: {@code PUT {"password"}} sets or rotates the
 * password the in-service worker signs in with, {@code DELETE} removes it. Write-only: no
 * {@code GET}, and no answer or log line carries it. A new password lets a connection whose
 * logins wait for one log in at once.
 */
final class PortalPasswordRoutes implements Routes {

    private static final Logger log = LoggerFactory.getLogger(PortalPasswordRoutes.class);

    private final Store store;
    private final PortalPasswords passwords;
    private final LoginWorkers workers;

    PortalPasswordRoutes(Store store, PortalPasswords passwords, LoginWorkers workers) {
        this.store = store;
        this.passwords = passwords;
        this.workers = workers;
    }

    @Override
    public boolean route(Request req, Tenant tenant) {
        List<String> s = req.segments();
        if (s.size() != 4 || !s.get(1).equals("connections") || !s.get(3).equals("portal-password")) {
            return false;
        }
        if (req.method().equals("DELETE")) {
            remove(req, Routes.owned(store, tenant, s.get(2)));
        } else {
            Routes.only("PUT", req);
            set(req, Routes.owned(store, tenant, s.get(2)));
        }
        return true;
    }

    private void set(Request req, Connection c) {
        JsonNode body = req.jsonObject();
        JsonNode given = body.get("password");
        if (given == null || given.isNull()) {
            throw ApiException.badRequest("missing_field", "'password' is required: the portal password, as typed");
        }
        if (!given.isTextual() || !PortalPasswords.acceptable(given.asText())) {
            throw ApiException.badRequest("invalid_field", "'password' must be a string of " + PortalPasswords.RULE);
        }
        passwords.set(c, given.asText(), "api").whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(),
                        ApiException.unavailable("could not store the portal password; retry"));
                return;
            }
            log.info("portal_password.updated conn={} via=api", c.id());
            Responses.noContent(req.ctx(), req.keepAlive());
            workers.passwordChanged(c.id());
        });
    }

    private void remove(Request req, Connection c) {
        passwords.remove(c).whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(),
                        ApiException.unavailable("could not remove the portal password; retry"));
            } else {
                log.info("portal_password.removed conn={}", c.id());
                Responses.noContent(req.ctx(), req.keepAlive());
            }
        });
    }
}
