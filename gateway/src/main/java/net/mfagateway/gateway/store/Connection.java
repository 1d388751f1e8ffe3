package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One utility account of one tenant, with its own mail address ({@code email}, whose local part
 * carries at least 64 bits of randomness) and optionally a phone number (E.164). {@code phoneSid}
 * is Twilio's SID of a number the gateway provisioned for it (released when the connection is
 * deleted); null for a number the caller brought, and in records written before provisioning.
 */
public record Connection(
        String id,
        String tenantId,
        String utility,
        String label,
        String email,
        String phone,
        ConnectionStatus status,
        Instant createdAt,
        String phoneSid) {

    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(utility, "utility");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        label = label == null ? "" : label;
    }

    /** A connection without a provisioned number. */
    public Connection(String id, String tenantId, String utility, String label, String email, String phone,
            ConnectionStatus status, Instant createdAt) {
        this(id, tenantId, utility, label, email, phone, status, createdAt, null);
    }

    /** The local part of {@link #email}, lower case: the key SMTP recipients are looked up by. */
    public String localPart() {
        return email.substring(0, email.indexOf('@')).toLowerCase(java.util.Locale.ROOT);
    }
}
