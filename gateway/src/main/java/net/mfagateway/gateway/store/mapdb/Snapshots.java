package net.mfagateway.gateway.store.mapdb;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Snapshots that let the journal stay bounded. {@code NNNNNNNNNNNNNNNN.snap} holds every entry
 * of the index as it was once journal segment N had been applied (entries written later may be
 * in it too: replaying those later segments over it gives the same result, because every
 * journal record is an idempotent put). Written to a temporary file, forced, then renamed, so a
 * snapshot file is either whole or absent; a trailing CRC32C guards against bit rot.
 */
final class Snapshots {

    /** One index entry: table name, key, value (empty for set members). */
    record Entry(String table, String key, byte[] value) {
    }

    /** Receives entries while a snapshot is written. */
    interface Sink {
        void put(String table, String key, byte[] value) throws IOException;
    }

    interface Source {
        void writeTo(Sink sink) throws IOException;
    }

    interface Reader {
        void accept(Entry entry);
    }

    private static final int MAGIC = 0x4d475331; // "MGS1"

    private final Path dir;

    Snapshots(Path dir) {
        this.dir = dir;
    }

    /** The number of the newest snapshot, if any. */
    Optional<Long> latest() throws IOException {
        return numbers().stream().reduce((a, b) -> b);
    }

    /** Writes snapshot {@code segment} from {@code source}; returns the entries written. */
    long write(long segment, Source source) throws IOException {
        Path tmp = dir.resolve(String.format("%016d.snap.tmp", segment));
        long[] count = {0};
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream raw = Channels.newOutputStream(channel);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc),
                    1 << 16));
            out.writeInt(MAGIC);
            source.writeTo((table, key, value) -> {
                out.writeBoolean(true);
                out.writeUTF(table);
                out.writeUTF(key);
                out.writeInt(value.length);
                out.write(value);
                count[0]++;
            });
            out.writeBoolean(false);
            out.flush();
            // The checksum itself is outside the checked stream.
            new DataOutputStream(raw).writeInt((int) crc.getValue());
            channel.force(true);
        }
        Files.move(tmp, file(segment), StandardCopyOption.ATOMIC_MOVE);
        Journal.syncDirectory(dir);
        return count[0];
    }

    /** Reads snapshot {@code segment}, handing every entry to {@code reader}; fails if it is damaged. */
    void read(long segment, Reader reader) throws IOException {
        CRC32C crc = new CRC32C();
        try (InputStream raw = Files.newInputStream(file(segment))) {
            // The checksum sees exactly the bytes consumed, so buffering goes below it.
            DataInputStream in = new DataInputStream(new CheckedInputStream(new java.io.BufferedInputStream(raw,
                    1 << 16), crc));
            if (in.readInt() != MAGIC) {
                throw new IOException("not a snapshot: " + file(segment));
            }
            while (in.readBoolean()) {
                String table = in.readUTF();
                String key = in.readUTF();
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                reader.accept(new Entry(table, key, value));
            }
            int expected = (int) crc.getValue();
            byte[] tail = new byte[4];
            int n = in.readNBytes(tail, 0, 4);
            if (n != 4 || java.nio.ByteBuffer.wrap(tail).getInt() != expected) {
                throw new IOException("snapshot checksum mismatch: " + file(segment));
            }
        } catch (EOFException e) {
            throw new IOException("snapshot truncated: " + file(segment), e);
        }
    }

    /** Deletes snapshots older than {@code keep} and leftover temporary files. */
    void deleteBefore(long keep) throws IOException {
        for (long n : numbers()) {
            if (n < keep) {
                Files.deleteIfExists(file(n));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".snap.tmp")).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private List<Long> numbers() throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{16}\\.snap"))
                    .forEach(n -> found.add(Long.parseLong(n.substring(0, 16))));
        }
        found.sort(null);
        return found;
    }

    private Path file(long segment) {
        return dir.resolve(String.format("%016d.snap", segment));
    }
}
