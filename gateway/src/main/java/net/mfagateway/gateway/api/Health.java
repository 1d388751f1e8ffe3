package net.mfagateway.gateway.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code /healthz}: 200 when every named check passes, 503 naming the ones that fail. */
public final class Health {

    private final Map<String, BooleanSupplier> checks;

    /** {@code checks} in the order to report them, e.g. smtp, http, store. */
    public Health(Map<String, BooleanSupplier> checks) {
        this.checks = new LinkedHashMap<>(checks);
    }

    void answer(Request req) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, BooleanSupplier> c : checks.entrySet()) {
            boolean up = c.getValue().getAsBoolean();
            body.put(c.getKey(), up ? "up" : "down");
            ok &= up;
        }
        body.put("status", ok ? "ok" : "degraded");
        Responses.json(req.ctx(), req.keepAlive(), ok ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                body);
    }
}
