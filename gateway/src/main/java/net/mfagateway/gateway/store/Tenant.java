package net.mfagateway.gateway.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A customer of the gateway. Only hashes of its API tokens are kept: the current one and, after
 * a rotation, the previous one, which stays valid until revoked so callers can switch over
 * without downtime. {@code previousTokenHash} is null when there is none.
 */
public record Tenant(String id, String name, String tokenHash, boolean admin, Instant createdAt,
        String previousTokenHash) {

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Tenant(String id, String name, String tokenHash, boolean admin, Instant createdAt) {
        this(id, name, tokenHash, admin, createdAt, null);
    }

    /** Whether {@code hash} is one of this tenant's valid token hashes. */
    public boolean acceptsTokenHash(String hash) {
        return tokenHash.equals(hash) || hash.equals(previousTokenHash);
    }

    /** After a rotation: {@code newHash} is current, the current one becomes the previous (an older previous is dropped). */
    public Tenant rotated(String newHash) {
        return new Tenant(id, name, newHash, admin, createdAt, tokenHash);
    }

    public Tenant withoutPreviousToken() {
        return new Tenant(id, name, tokenHash, admin, createdAt, null);
    }

    /** The form an API token is kept in: SHA-256, hex. Tokens carry enough entropy for no salt. */
    public static String hashToken(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
