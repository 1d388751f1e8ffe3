package net.mfagateway.gateway.store.mapdb;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoreContractTest;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded store, reopened as it was closed. */
class MapDbStoreContractTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected Store open() throws IOException {
        return MapDbStore.open(dir, new SimpleMeterRegistry());
    }
}
