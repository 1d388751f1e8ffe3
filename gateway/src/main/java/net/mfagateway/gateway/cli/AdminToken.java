package net.mfagateway.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import net.mfagateway.gateway.store.Ids;

/**
 * The bootstrap admin token: the configured one, else the one generated on first start into
 * {@code DATA_DIR/admin-token} (mode 0600). Never logged.
 */
final class AdminToken {

    static final String FILE = "admin-token";

    private AdminToken() {
    }

    static String resolve(Optional<String> configured, Path dataDir, Ids ids) throws IOException {
        if (configured.isPresent()) {
            return configured.get();
        }
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!token.isEmpty()) {
                return token;
            }
        }
        String token = "mgw_" + ids.secret(40);
        Files.createDirectories(dataDir);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // An empty file left by an interrupted first start: overwrite it below.
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.SYNC);
        return token;
    }
}
