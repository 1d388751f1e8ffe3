package net.mfagateway.gateway.status;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Store;

/** Connections per status, counted in one pass over the store and reused for a second. */
final class StatusCounts {

    private final Store store;
    private final Clock clock;
    private Map<ConnectionStatus, Long> counts = Map.of();
    private Instant countedAt = Instant.EPOCH;

    StatusCounts(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    synchronized double count(ConnectionStatus status) {
        Instant now = clock.instant();
        if (now.isAfter(countedAt.plusSeconds(1))) {
            counts = store.connectionsByStatus();
            countedAt = now;
        }
        return counts.getOrDefault(status, 0L);
    }
}
