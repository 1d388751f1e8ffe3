package net.mfagateway.gateway.api;

import net.mfagateway.gateway.store.Tenant;

/**
 * One group of authenticated {@code /v1/} calls. {@link ApiHandler} offers each request to every
 * group in turn; a group answers true when the path is its own (then it has answered or thrown an
 * {@link ApiException}), false to let the next one look.
 */
interface Routes {

    boolean route(Request req, Tenant tenant);

    static void only(String method, Request req) {
        if (!req.method().equals(method)) {
            throw ApiException.methodNotAllowed(req.method(), req.path());
        }
    }
}
