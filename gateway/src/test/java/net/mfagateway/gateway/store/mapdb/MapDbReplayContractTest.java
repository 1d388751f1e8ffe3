package net.mfagateway.gateway.store.mapdb;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoreContractTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on the embedded store whose MapDB index is lost at each restart, as a killed
 * MapDB has been seen to lose it: everything must come back from the journal alone, replayed in
 * order (a status change or an invitation claim re-checked as it was first applied).
 */
class MapDbReplayContractTest extends StoreContractTest {

    @TempDir
    Path dir;

    private boolean opened;

    @Override
    protected Store open() throws IOException {
        if (opened) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith("store.mapdb")).toList()) {
                    Files.delete(p);
                }
            }
        }
        opened = true;
        return MapDbStore.open(dir, new SimpleMeterRegistry());
    }
}
