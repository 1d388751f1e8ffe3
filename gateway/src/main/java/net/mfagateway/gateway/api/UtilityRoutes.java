package net.mfagateway.gateway.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.mfagateway.rules.SetupStep;
import net.mfagateway.rules.Unsupported;
import net.mfagateway.rules.UtilityProfile;
import net.mfagateway.rules.UtilityProfiles;

/**
 * {@code GET /v1/utilities} and {@code /v1/utilities/{id}}: the utility profiles. The same for
 * every tenant: advice, not tenant data. Steps keep their {@code {email}} and {@code {phone}}
 * placeholders; the caller fills in a connection's values.
 */
final class UtilityRoutes implements Routes {

    private final UtilityProfiles profiles;

    UtilityRoutes(UtilityProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public boolean route(Request req, net.mfagateway.gateway.store.Tenant tenant) {
        List<String> s = req.segments();
        if (s.size() < 2 || s.size() > 3 || !s.get(1).equals("utilities")) {
            return false;
        }
        Routes.only("GET", req);
        if (s.size() == 2) {
            list(req);
        } else {
            get(req, s.get(2));
        }
        return true;
    }

    void list(Request req) {
        List<Map<String, Object>> all = profiles.all().stream().map(UtilityRoutes::view).toList();
        Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, Map.of("utilities", all));
    }

    void get(Request req, String id) {
        UtilityProfile profile = profiles.profile(id).orElseThrow(() -> ApiException.notFound("utility " + id));
        Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, view(profile));
    }

    private static Map<String, Object> view(UtilityProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("mfa", p.mfa());
        m.put("ladder", p.ladder().stream().map(UtilityRoutes::view).toList());
        m.put("unsupported", p.unsupported().stream().map(UtilityRoutes::view).toList());
        m.put("notes", p.notes());
        return m;
    }

    private static Map<String, Object> view(SetupStep s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", s.method());
        m.put("title", s.title());
        m.put("steps", s.steps());
        return m;
    }

    private static Map<String, Object> view(Unsupported u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", u.method());
        m.put("reason", u.reason());
        return m;
    }
}
