package net.mfagateway.gateway.edge.smtp;

import java.util.Locale;
import java.util.Optional;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Store;

/** Resolves {@code RCPT TO} addresses to connections: only this gateway's own mail domain. */
final class Recipients {

    private final Store store;
    private final String domain;

    Recipients(Store store, String mailDomain) {
        this.store = store;
        this.domain = mailDomain.toLowerCase(Locale.ROOT);
    }

    /** The connection at {@code address}; empty for any other address, so nothing is relayed. */
    Optional<Connection> resolve(String address) {
        String a = address.trim().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0 || !a.substring(at + 1).equals(domain)) {
            return Optional.empty();
        }
        String local = a.substring(0, at);
        if (local.length() > 64) {
            return Optional.empty();
        }
        return store.connectionByLocalPart(local);
    }
}
