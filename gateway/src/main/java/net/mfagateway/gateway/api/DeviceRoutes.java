package net.mfagateway.gateway.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;
import net.mfagateway.gateway.worker.RememberedDevices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/connections/{id}/device}: the portal session the worker keeps between logins
 * ("remember this device"). {@code GET} says whether one is kept and until when, never what;
 * {@code DELETE} forgets it, so the next login signs in afresh.
 */
final class DeviceRoutes implements Routes {

    private static final Logger log = LoggerFactory.getLogger(DeviceRoutes.class);

    private final Store store;
    private final RememberedDevices devices;

    DeviceRoutes(Store store, RememberedDevices devices) {
        this.store = store;
        this.devices = devices;
    }

    @Override
    public boolean route(Request req, Tenant tenant) {
        List<String> s = req.segments();
        if (s.size() != 4 || !s.get(1).equals("connections") || !s.get(3).equals("device")) {
            return false;
        }
        Connection c = Routes.owned(store, tenant, s.get(2));
        if (req.method().equals("DELETE")) {
            forget(req, c);
        } else {
            Routes.only("GET", req);
            show(req, c);
        }
        return true;
    }

    private void show(Request req, Connection c) {
        Map<String, Object> body = new LinkedHashMap<>();
        devices.describe(c.id()).ifPresentOrElse(r -> {
            body.put("remembered", true);
            body.put("trustedAt", r.trustedAt() == null ? null : r.trustedAt().toString());
            body.put("savedAt", r.savedAt().toString());
            body.put("expiresAt", r.expiresAt().toString());
        }, () -> body.put("remembered", false));
        Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, body);
    }

    private void forget(Request req, Connection c) {
        devices.forget(c, "api").whenComplete((forgotten, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not forget the device; retry"));
                return;
            }
            if (forgotten) {
                log.info("device.forgotten conn={} via=api", c.id());
            }
            Responses.noContent(req.ctx(), req.keepAlive());
        });
    }
}
