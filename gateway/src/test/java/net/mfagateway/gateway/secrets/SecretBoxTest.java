package net.mfagateway.gateway.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import net.mfagateway.gateway.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AES-GCM sealing, and where its key comes from. */
class SecretBoxTest {

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private final SecretBox box = new SecretBox(key(), random);

    private byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sealedOpensForItsOwnerOnly() throws Exception {
        byte[] sealed = box.seal(utf8("Fluffy"), "c_1");
        assertThat(new String(box.open(sealed, "c_1"), StandardCharsets.UTF_8)).isEqualTo("Fluffy");
        assertThatThrownBy(() -> box.open(sealed, "c_2")).isInstanceOf(SecretBox.Unreadable.class);
    }

    @Test
    void sealingTwiceGivesDifferentBlobsWithNoPlaintextInThem() {
        byte[] a = box.seal(utf8("Fluffy"), "c_1");
        byte[] b = box.seal(utf8("Fluffy"), "c_1");
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("Fluffy");
        assertThat(a).hasSize(1 + 12 + 6 + 16);
    }

    @Test
    void anyAlteredByteIsDetected() {
        byte[] sealed = box.seal(utf8("Fluffy"), "c_1");
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertThatThrownBy(() -> box.open(tampered, "c_1")).as("byte " + i).isInstanceOf(SecretBox.Unreadable.class);
        }
        assertThatThrownBy(() -> box.open(new byte[5], "c_1")).isInstanceOf(SecretBox.Unreadable.class);
    }

    @Test
    void anotherKeyDoesNotOpen() {
        byte[] sealed = box.seal(utf8("Fluffy"), "c_1");
        assertThatThrownBy(() -> new SecretBox(key(), random).open(sealed, "c_1"))
                .isInstanceOf(SecretBox.Unreadable.class);
    }

    @Test
    void aDerivedKeyIsStablePerPurposeAndKeyAndDiffersOtherwise() {
        byte[] k = key();
        SecretBox same = new SecretBox(k, random);
        assertThat(same.derivedKey("csrf")).hasSize(32).isEqualTo(new SecretBox(k, random).derivedKey("csrf"))
                .isNotEqualTo(same.derivedKey("other")).isNotEqualTo(k)
                .isNotEqualTo(box.derivedKey("csrf"));
    }

    @Test
    void generatedKeyIsKeptInAnOwnerOnlyFileAndReused() throws Exception {
        SecretBox first = SecretKeyFile.resolve(Optional.empty(), dir, random);
        Path file = dir.resolve("secret-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        byte[] sealed = first.seal(utf8("Fluffy"), "c_1");
        SecretBox again = SecretKeyFile.resolve(Optional.empty(), dir, random);
        assertThat(again.open(sealed, "c_1")).isEqualTo(utf8("Fluffy"));
    }

    @Test
    void configuredKeyIsUsedAndNoFileWritten() throws Exception {
        String configured = Base64.getEncoder().encodeToString(key());
        byte[] sealed = SecretKeyFile.resolve(Optional.of(configured), dir, random).seal(utf8("x"), "c_1");
        assertThat(SecretKeyFile.resolve(Optional.of(configured), dir, random).open(sealed, "c_1")).isEqualTo(utf8("x"));
        assertThat(dir.resolve("secret-key")).doesNotExist();
    }

    @Test
    void aBadConfiguredKeyIsAClearConfigError() {
        assertThatThrownBy(() -> SecretKeyFile.resolve(Optional.of("not base64!"), dir, random))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_SECRET_KEY").hasMessageContaining("base64");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretKeyFile.resolve(Optional.of(short16), dir, random))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MFA_GATEWAY_SECRET_KEY").hasMessageContaining("16 bytes, not 32");
    }

    @Test
    void aDamagedKeyFileStopsTheStartRatherThanBeingReplaced() throws Exception {
        Files.writeString(dir.resolve("secret-key"), "garbage\n");
        assertThatThrownBy(() -> SecretKeyFile.resolve(Optional.empty(), dir, random))
                .isInstanceOf(ConfigException.class).hasMessageContaining("secret-key");
        assertThat(Files.readString(dir.resolve("secret-key"))).isEqualTo("garbage\n");
    }
}
