package net.mfagateway.gateway.support;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.SealedAnswers;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoreException;
import net.mfagateway.gateway.store.StoredMessage;
import net.mfagateway.gateway.store.Tenant;

/** A real store whose next N message commits fail as a full disk would: nothing is kept. */
public final class FlakyStore implements Store {

    private final Store real;
    private final AtomicInteger failures = new AtomicInteger();

    public FlakyStore(Store real) {
        this.real = real;
    }

    public void failNextAccepts(int n) {
        failures.set(n);
    }

    @Override
    public CompletableFuture<Acceptance> accept(Received received) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new StoreException("No space left on device", null));
        }
        return real.accept(received);
    }

    @Override
    public CompletableFuture<Void> putTenant(Tenant tenant) {
        return real.putTenant(tenant);
    }

    @Override
    public Optional<Tenant> tenant(String id) {
        return real.tenant(id);
    }

    @Override
    public Optional<Tenant> tenantByTokenHash(String tokenHash) {
        return real.tenantByTokenHash(tokenHash);
    }

    @Override
    public CompletableFuture<Void> putConnection(Connection connection) {
        return real.putConnection(connection);
    }

    @Override
    public CompletableFuture<Void> deleteConnection(String id) {
        return real.deleteConnection(id);
    }

    @Override
    public Optional<Connection> connection(String id) {
        return real.connection(id);
    }

    @Override
    public Optional<Connection> connectionByLocalPart(String localPart) {
        return real.connectionByLocalPart(localPart);
    }

    @Override
    public Optional<Connection> connectionByPhone(String phone) {
        return real.connectionByPhone(phone);
    }

    @Override
    public List<Connection> connections(String tenantId, Optional<ConnectionStatus> status) {
        return real.connections(tenantId, status);
    }

    @Override
    public Optional<StoredMessage> message(String id) {
        return real.message(id);
    }

    @Override
    public Optional<Code> newestCodeAfter(String connectionId, Instant after) {
        return real.newestCodeAfter(connectionId, after);
    }

    @Override
    public List<Code> codes(String connectionId) {
        return real.codes(connectionId);
    }

    @Override
    public CompletableFuture<Void> appendEvent(Event event) {
        return real.appendEvent(event);
    }

    @Override
    public List<Event> events(String connectionId) {
        return real.events(connectionId);
    }

    @Override
    public CompletableFuture<Void> putSecurityAnswers(SealedAnswers answers) {
        return real.putSecurityAnswers(answers);
    }

    @Override
    public Optional<SealedAnswers> securityAnswers(String connectionId) {
        return real.securityAnswers(connectionId);
    }

    @Override
    public boolean hasSent(String utility, String sender) {
        return real.hasSent(utility, sender);
    }

    @Override
    public boolean healthy() {
        return real.healthy();
    }

    @Override
    public void close() {
        real.close();
    }
}
