package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tenant's webhook: every event of the tenant committed at or after {@code createdAt} is
 * queued for it. The signing secret is kept sealed (encrypted by the caller), never in clear.
 */
public record Webhook(String id, String tenantId, String url, byte[] sealedSecret, Instant createdAt) {

    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sealedSecret, "sealedSecret");
        Objects.requireNonNull(createdAt, "createdAt");
        sealedSecret = sealedSecret.clone();
    }

    /** What the secret of webhook {@code id} is sealed for: a blob moved to another webhook does not open. */
    public static String secretOwner(String id) {
        return "webhook:" + id;
    }

    @Override
    public byte[] sealedSecret() {
        return sealedSecret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Webhook w && w.id.equals(id) && w.tenantId.equals(tenantId) && w.url.equals(url)
                && Arrays.equals(w.sealedSecret, sealedSecret) && w.createdAt.equals(createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, tenantId, url, Arrays.hashCode(sealedSecret), createdAt);
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", tenantId=" + tenantId + ", url=" + url + ", createdAt=" + createdAt + "]";
    }
}
