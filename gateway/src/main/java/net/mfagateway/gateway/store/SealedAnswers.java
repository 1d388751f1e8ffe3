package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A connection's security answers as the store keeps them: one sealed (encrypted and
 * authenticated) blob holding every question and answer, so the store, its journal and its
 * snapshots never see either in clear. {@code shareWithFamily} stays clear: it only says whether
 * other connections of the same tenant and utility family may use the set, and reveals nothing
 * of its content.
 */
public record SealedAnswers(String connectionId, boolean shareWithFamily, byte[] sealed, Instant updatedAt) {

    public SealedAnswers {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(updatedAt, "updatedAt");
        sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedAnswers s && s.connectionId.equals(connectionId)
                && s.shareWithFamily == shareWithFamily && Arrays.equals(s.sealed, sealed)
                && s.updatedAt.equals(updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionId, shareWithFamily, Arrays.hashCode(sealed), updatedAt);
    }

    @Override
    public String toString() {
        return "SealedAnswers[connectionId=" + connectionId + ", shareWithFamily=" + shareWithFamily + ", sealed="
                + sealed.length + " bytes, updatedAt=" + updatedAt + "]";
    }
}
