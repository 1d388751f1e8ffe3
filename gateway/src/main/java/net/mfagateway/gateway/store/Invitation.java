package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A single-use link to a connection's hosted page. Only hashes are kept: of the link's token and,
 * once the link has been opened (claimed), of the browser session it was exchanged for.
 * {@code claimedAt} and {@code sessionHash} are null until then; {@code closedAt} is set when the
 * owner confirms and the page is done.
 */
public record Invitation(
        String id,
        String tenantId,
        String connectionId,
        String tokenHash,
        Instant createdAt,
        Instant expiresAt,
        Instant claimedAt,
        String sessionHash,
        Instant closedAt) {

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public Invitation claimed(String session, Instant at) {
        return new Invitation(id, tenantId, connectionId, tokenHash, createdAt, expiresAt, at, session, closedAt);
    }

    public Invitation closed(Instant at) {
        return new Invitation(id, tenantId, connectionId, tokenHash, createdAt, expiresAt, claimedAt, sessionHash, at);
    }
}
