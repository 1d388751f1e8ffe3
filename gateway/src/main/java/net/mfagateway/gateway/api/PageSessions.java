package net.mfagateway.gateway.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Invitation;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;

/**
 * The browser sessions a claimed invitation link is exchanged for: a random value in an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie scoped to {@code /i}, of which the store keeps
 * only the SHA-256. A session lives exactly as long as its invitation, checked on every request.
 */
final class PageSessions {

    private static final String COOKIE = "mfa_invite";
    private final Store store;
    private final Clock clock;
    private final boolean secure;

    /** {@code secure}: the gateway is reached over https, so the cookie may only travel that way. */
    PageSessions(Store store, Clock clock, boolean secure) {
        this.store = store;
        this.clock = clock;
        this.secure = secure;
    }

    /** A browser's session: the invitation it claimed, its connection, and the session's hash. */
    record Session(Invitation invitation, Connection connection, String hash) {
    }

    /** The request's live session, or the page saying why there is none. */
    Session of(Request req) {
        String value = req.header(HttpHeaderNames.COOKIE).stream()
                .flatMap(header -> ServerCookieDecoder.STRICT.decode(header).stream())
                .filter(cookie -> cookie.name().equals(COOKIE)).map(Cookie::value).findFirst()
                .orElseThrow(PageException::noSession);
        String hash = Tenant.hashToken(value);
        Invitation invitation = store.invitationBySessionHash(hash).orElseThrow(PageException::noSession);
        if (!clock.instant().isBefore(invitation.expiresAt())) {
            throw PageException.expired();
        }
        Connection connection = store.connection(invitation.connectionId())
                .orElseThrow(() -> new PageException(HttpResponseStatus.GONE, "This account was removed",
                        "The account this page was for no longer exists; ask for a new link if you need one."));
        return new Session(invitation, connection, hash);
    }

    /** The {@code Set-Cookie} value that hands {@code session} to the browser until the invitation expires. */
    String cookie(String session, Invitation invitation, Instant now) {
        long maxAge = Math.max(1, Duration.between(now, invitation.expiresAt()).toSeconds());
        return COOKIE + "=" + session + "; Max-Age=" + maxAge + "; Path=/i; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
