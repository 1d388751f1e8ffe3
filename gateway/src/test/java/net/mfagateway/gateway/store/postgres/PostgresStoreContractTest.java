package net.mfagateway.gateway.store.postgres;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoreContractTest;
import org.junit.jupiter.api.BeforeEach;

/** The store contract on PostgreSQL: each test on a database of its own, reopened as a restarted node would. */
class PostgresStoreContractTest extends StoreContractTest {

    private String location;

    @BeforeEach
    void freshDatabase() {
        location = PostgresServer.freshDatabase();
    }

    @Override
    protected Store open() throws IOException {
        return PostgresStore.open(location, new SimpleMeterRegistry());
    }
}
