package net.mfagateway.gateway.store;

import java.util.List;
import java.util.Objects;

/**
 * A change to a connection's editable fields; a null field stays as it is. Status, address and
 * number are not editable here: status changes go through {@link StatusChange}.
 */
public record ConnectionEdit(String connectionId, String label, List<String> copyTo, PortalLogin login) {
    public ConnectionEdit {
        Objects.requireNonNull(connectionId, "connectionId");
        copyTo = copyTo == null ? null : List.copyOf(copyTo);
    }
}
