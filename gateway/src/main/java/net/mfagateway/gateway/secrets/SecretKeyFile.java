package net.mfagateway.gateway.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import net.mfagateway.gateway.config.ConfigException;

/**
 * The key that seals secrets at rest: {@code MFA_GATEWAY_SECRET_KEY} (base64 of 32 bytes) when
 * set, else the one generated on first start into {@code DATA_DIR/secret-key} (mode 0600). Never
 * logged. Losing it makes every sealed secret unreadable, so a damaged file stops the start
 * rather than being replaced.
 */
public final class SecretKeyFile {

    static final String FILE = "secret-key";

    private SecretKeyFile() {
    }

    /** The box for the configured or stored key; a wrong key is a {@link ConfigException}. */
    public static SecretBox resolve(Optional<String> configured, Path dataDir, SecureRandom random) throws IOException {
        if (configured.isPresent()) {
            return new SecretBox(decode(configured.get(), "MFA_GATEWAY_SECRET_KEY"), random);
        }
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!stored.isEmpty()) {
                return new SecretBox(decode(stored, file.toString()), random);
            }
        }
        byte[] key = new byte[SecretBox.KEY_BYTES];
        random.nextBytes(key);
        Files.createDirectories(dataDir);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // An empty file left by an interrupted first start: overwrite it below.
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        return new SecretBox(key, random);
    }

    private static byte[] decode(String raw, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + " is not base64; set it to 32 random bytes in base64, e.g. the output"
                    + " of `openssl rand -base64 32`");
        }
        if (key.length != SecretBox.KEY_BYTES) {
            throw new ConfigException(source + " decodes to " + key.length + " bytes, not " + SecretBox.KEY_BYTES
                    + "; set it to 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`");
        }
        return key;
    }
}
