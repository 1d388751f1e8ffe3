package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One secret of a connection as the store keeps it, sealed by the caller (encrypted and
 * authenticated) so the store never sees it in clear: a portal password, a portal's remembered
 * session state. {@code kind} names which (lower-case letters, digits and underscores); a
 * connection holds at most one secret of each kind.
 */
public record ConnectionSecret(String connectionId, String kind, byte[] sealed, Instant updatedAt) {

    public ConnectionSecret {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!kind.matches("[a-z0-9_]{1,40}")) {
            throw new IllegalArgumentException("secret kind must be 1-40 of [a-z0-9_]: " + kind);
        }
        sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSecret s && s.connectionId.equals(connectionId) && s.kind.equals(kind)
                && Arrays.equals(s.sealed, sealed) && s.updatedAt.equals(updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionId, kind, Arrays.hashCode(sealed), updatedAt);
    }

    @Override
    public String toString() {
        return "ConnectionSecret[connectionId=" + connectionId + ", kind=" + kind + ", sealed=" + sealed.length
                + " bytes, updatedAt=" + updatedAt + "]";
    }
}
