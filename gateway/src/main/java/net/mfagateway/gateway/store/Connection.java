package net.mfagateway.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One utility account of one tenant, with its own mail address ({@code email}, whose local part
 * carries at least 64 bits of randomness) and optionally a phone number (E.164). {@code phoneSid}
 * is Twilio's SID of a number the gateway provisioned for it (released when the connection is
 * deleted); null for a number the caller brought. {@code diagnosis} explains the current status
 * when it needs explaining (null otherwise); {@code copyTo} lists addresses that get a copy of
 * every code; {@code login} tells the in-service worker how to log in (null: an outside
 * collector logs in). Records written before a field existed read back with it empty.
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
        String phoneSid,
        Diagnosis diagnosis,
        List<String> copyTo,
        PortalLogin login) {

    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(utility, "utility");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        label = label == null ? "" : label;
        copyTo = copyTo == null ? List.of() : List.copyOf(copyTo);
    }

    /** A new connection: no provisioned number, no diagnosis, no copies, no worker login. */
    public Connection(String id, String tenantId, String utility, String label, String email, String phone,
            ConnectionStatus status, Instant createdAt) {
        this(id, tenantId, utility, label, email, phone, status, createdAt, null, null, List.of(), null);
    }

    public Connection withPhoneSid(String sid) {
        return new Connection(id, tenantId, utility, label, email, phone, status, createdAt, sid, diagnosis, copyTo,
                login);
    }

    /** With these worker login settings; null or {@link PortalLogin#NONE} for none. */
    public Connection withLogin(PortalLogin settings) {
        return new Connection(id, tenantId, utility, label, email, phone, status, createdAt, phoneSid, diagnosis, copyTo,
                settings == null || settings.isNone() ? null : settings);
    }

    public Connection withStatus(ConnectionStatus next, Diagnosis why) {
        return new Connection(id, tenantId, utility, label, email, phone, next, createdAt, phoneSid, why, copyTo,
                login);
    }

    /** Applies the fields {@code edit} sets; the others stay. */
    public Connection with(ConnectionEdit edit) {
        return new Connection(id, tenantId, utility, edit.label() != null ? edit.label() : label, email, phone, status,
                createdAt, phoneSid, diagnosis, edit.copyTo() != null ? edit.copyTo() : copyTo,
                edit.login() != null ? (edit.login().isNone() ? null : edit.login()) : login);
    }

    /** The local part of {@link #email}, lower case: the key SMTP recipients are looked up by. */
    public String localPart() {
        return email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
    }
}
