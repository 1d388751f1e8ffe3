package net.mfagateway.gateway.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.worker.PortalPasswords;
import net.mfagateway.gateway.worker.RememberedDevices;

/**
 * A connection as the API shows it: {@link CodeView}'s shape plus, when present, whether a portal
 * password is stored ({@code "portalPassword": {"setAt"}}) and a portal session is remembered
 * ({@code "device": {"savedAt"}}). Only the times: the secrets themselves are never opened here.
 */
final class ConnectionView {

    private final Store store;

    ConnectionView(Store store) {
        this.store = store;
    }

    Map<String, Object> of(Connection c) {
        Map<String, Object> m = CodeView.of(c);
        store.secret(c.id(), PortalPasswords.KIND).ifPresent(s -> m.put("portalPassword", at("setAt", s.updatedAt())));
        store.secret(c.id(), RememberedDevices.KIND).ifPresent(s -> m.put("device", at("savedAt", s.updatedAt())));
        return m;
    }

    private static Map<String, Object> at(String name, Instant when) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, when.toString());
        return m;
    }
}
