package net.mfagateway.gateway.api;

import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;

/**
 * One group of authenticated {@code /v1/} calls. {@link ApiHandler} offers each request to every
 * group in turn; a group answers true when the path is its own (then it has answered or thrown an
 * {@link ApiException}), false to let the next one look.
 */
interface Routes {

    boolean route(Request req, Tenant tenant);

    /** The tenant's connection {@code id}; another tenant's is "not found", never "forbidden": existence must not leak. */
    static Connection owned(Store store, Tenant tenant, String id) {
        return store.connection(id).filter(c -> c.tenantId().equals(tenant.id()))
                .orElseThrow(() -> ApiException.notFound("connection " + id));
    }

    static void only(String method, Request req) {
        if (!req.method().equals(method)) {
            throw ApiException.methodNotAllowed(req.method(), req.path());
        }
    }
}
