package net.mfagateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Invitation;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/connections/{id}/invitations}: a single-use, expiring link to the connection's
 * hosted page ({@link InvitationPages}). The token is shown once, in the answer; the store keeps
 * only its SHA-256, and no event or log line carries it.
 */
final class InvitationRoutes implements Routes {

    static final Duration MIN_TTL = Duration.ofMinutes(1);
    static final Duration MAX_TTL = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(InvitationRoutes.class);

    private final Store store;
    private final Ids ids;
    private final Clock clock;
    private final URI publicUrl;
    private final Duration defaultTtl;

    InvitationRoutes(Store store, Ids ids, Clock clock, URI publicUrl, Duration defaultTtl) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.defaultTtl = defaultTtl;
    }

    @Override
    public boolean route(Request req, Tenant tenant) {
        List<String> s = req.segments();
        if (s.size() != 4 || !s.get(1).equals("connections") || !s.get(3).equals("invitations")) {
            return false;
        }
        Routes.only("POST", req);
        create(req, tenant, s.get(2));
        return true;
    }

    private void create(Request req, Tenant tenant, String id) {
        Connection connection = Routes.owned(store, tenant, id);
        Duration ttl = ttl(req);
        String token = ids.secret(InvitationPages.TOKEN_CHARS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Invitation invitation = new Invitation(ids.next("i_"), tenant.id(), connection.id(), Tenant.hashToken(token),
                now, now.plus(ttl), null, null, null);
        Event created = new Event(ids.next("e_"), connection.id(), tenant.id(), "invitation.created", now,
                Map.of("invitationId", invitation.id(), "expiresAt", invitation.expiresAt().toString()));
        store.putInvitation(invitation).thenCompose(ok -> store.appendEvent(created)).whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not store the invitation; retry"));
                return;
            }
            log.info("invite.created invitation={} conn={} ttl_s={}", invitation.id(), connection.id(), ttl.toSeconds());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", invitation.id());
            body.put("url", publicUrl + InvitationPages.PREFIX + token);
            body.put("expiresAt", invitation.expiresAt().toString());
            Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.CREATED, body);
        });
    }

    /** {@code ttlSeconds} from an optional body, else the configured default. */
    private Duration ttl(Request req) {
        if (req.body().length == 0) {
            return defaultTtl;
        }
        JsonNode ttl = req.jsonObject().get("ttlSeconds");
        if (ttl == null || ttl.isNull()) {
            return defaultTtl;
        }
        if (!ttl.canConvertToLong() || !ttl.isIntegralNumber() || ttl.asLong() < MIN_TTL.toSeconds()
                || ttl.asLong() > MAX_TTL.toSeconds()) {
            throw ApiException.badRequest("invalid_field", "'ttlSeconds' must be whole seconds from "
                    + MIN_TTL.toSeconds() + " to " + MAX_TTL.toSeconds() + " (30 days)");
        }
        return Duration.ofSeconds(ttl.asLong());
    }
}
