package net.mfagateway.gateway.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps other sites from posting the hosted page's forms in the owner's name. Each form carries
 * a synchronizer token, the HMAC-SHA256 of the session's hash under a server key: nothing more to
 * store, still valid after a restart, and useless for another session. It is compared in constant
 * time. Besides, a browser's {@code Origin} (or, without it, {@code Referer}) must name this
 * gateway when sent; clients that send neither are judged by the token alone. Thread-safe.
 */
public final class FormGuard {

    private final SecretKeySpec key;
    private final URI publicUrl;

    /** {@code key}: 32 secret bytes, stable across restarts; {@code publicUrl}: the gateway as browsers see it. */
    public FormGuard(byte[] key, URI publicUrl) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a form key needs at least 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.publicUrl = publicUrl;
    }

    /** The token the session's forms carry. */
    String tokenFor(String sessionHash) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(sessionHash));
    }

    /** True when {@code token} is the session's own. */
    boolean tokenMatches(String sessionHash, String token) {
        return token != null && MessageDigest.isEqual(tokenFor(sessionHash).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * False when the browser says the request comes from another site. An {@code Origin} of
     * {@code null} (sent by sandboxed or privacy-minded pages) is refused: the page itself sets
     * {@code Referrer-Policy: same-origin}, under which browsers send its real origin.
     */
    boolean sameOrigin(Request req) {
        Optional<String> origin = req.header(HttpHeaderNames.ORIGIN);
        if (origin.isPresent()) {
            return isThisGateway(origin.get(), req);
        }
        return req.header(HttpHeaderNames.REFERER).map(referer -> isThisGateway(referer, req)).orElse(true);
    }

    /**
     * The URL's authority is the one the request was sent to ({@code Host}) or {@code PUBLIC_URL}'s
     * (behind a proxy that rewrites {@code Host}).
     */
    private boolean isThisGateway(String url, Request req) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return false;
        }
        String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
        boolean sentHere = req.header(HttpHeaderNames.HOST).map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(authority::equals).isPresent();
        boolean publicOrigin = uri.getScheme().equalsIgnoreCase(publicUrl.getScheme())
                && authority.equals(publicUrl.getRawAuthority().toLowerCase(Locale.ROOT));
        return sentHere || publicOrigin;
    }

    private byte[] mac(String sessionHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("invitation-form|" + sessionHash).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
