package net.mfagateway.gateway.store.mapdb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only write-ahead journal that makes a write durable before anyone is told it is.
 * Segments {@code NNNNNNNNNNNNNNNN.log} hold records {@code [int length][int crc32c][payload]}.
 * A record whose length or checksum does not hold is a torn tail from a crash: it and what
 * follows are dropped. Not thread-safe: one writer thread owns it.
 */
final class Journal implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 64 * 1024 * 1024;

    private final Path dir;
    private FileChannel channel;
    private long segment;
    private long segmentBytes;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);

    Journal(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /**
     * Reads every record of the segments numbered {@code from} and above, oldest first, and hands
     * each payload to {@code apply}. Call before {@link #startSegment}.
     */
    void replay(long from, Consumer<byte[]> apply) throws IOException {
        for (long seg : segments()) {
            if (seg < from) {
                segment = Math.max(segment, seg);
                continue;
            }
            Path file = segmentFile(seg);
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long good = replaySegment(in, apply);
                if (good < in.size()) {
                    log.warn("journal.torn_tail segment={} dropped_bytes={}", file.getFileName(), in.size() - good);
                    in.truncate(good);
                    in.force(true);
                }
            }
            segment = Math.max(segment, seg);
        }
    }

    private static long replaySegment(FileChannel in, Consumer<byte[]> apply) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        long pos = 0;
        long size = in.size();
        while (pos + HEADER <= size) {
            header.clear();
            readFully(in, header, pos);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || length > MAX_RECORD || pos + HEADER + length > size) {
                return pos;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(in, payload, pos + HEADER);
            if (crc(payload.array()) != crc) {
                return pos;
            }
            apply.accept(payload.array());
            pos += HEADER + length;
        }
        return pos;
    }

    private static void readFully(FileChannel in, ByteBuffer into, long pos) throws IOException {
        while (into.hasRemaining()) {
            int n = in.read(into, pos + into.position());
            if (n < 0) {
                throw new IOException("unexpected end of journal segment");
            }
        }
    }

    /** Opens a new, empty segment after the newest one; returns its number. */
    long startSegment() throws IOException {
        if (channel != null) {
            channel.close();
        }
        segment++;
        channel = FileChannel.open(segmentFile(segment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segmentBytes = 0;
        syncDirectory();
        return segment;
    }

    /** Buffers one record; nothing is durable before {@link #sync}. */
    void append(byte[] payload) {
        int need = HEADER + payload.length;
        if (buffer.remaining() < need) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + need));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        buffer.putInt(payload.length).putInt(crc(payload)).put(payload);
    }

    /** Writes the buffered records and forces them to disk. On failure the segment is cut back. */
    void sync() throws IOException {
        buffer.flip();
        long start = segmentBytes;
        try {
            while (buffer.hasRemaining()) {
                segmentBytes += channel.write(buffer, segmentBytes);
            }
            channel.force(false);
        } catch (IOException e) {
            segmentBytes = start;
            try {
                channel.truncate(start);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            buffer.clear();
            if (buffer.capacity() > (8 << 20)) {
                buffer = ByteBuffer.allocate(1 << 20);
            }
        }
    }

    long currentSegment() {
        return segment;
    }

    long segmentBytes() {
        return segmentBytes;
    }

    private List<Long> segments() throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{16}\\.log"))
                    .forEach(n -> found.add(Long.parseLong(n.substring(0, 16))));
        }
        found.sort(null);
        return found;
    }

    private Path segmentFile(long seg) {
        return dir.resolve(String.format("%016d.log", seg));
    }

    /** Deletes every segment numbered {@code last} or below: a snapshot covers them. */
    void deleteSegmentsThrough(long last) throws IOException {
        for (long seg : segments()) {
            if (seg <= last) {
                Files.deleteIfExists(segmentFile(seg));
            }
        }
    }

    /** Bytes held by the segments numbered above {@code after}. */
    long bytesAfter(long after) throws IOException {
        long total = 0;
        for (long seg : segments()) {
            if (seg > after) {
                total += Files.size(segmentFile(seg));
            }
        }
        return total;
    }

    Path dir() {
        return dir;
    }

    private void syncDirectory() {
        syncDirectory(dir);
    }

    /** A new file's directory entry must be durable too, or a crash could lose the file. */
    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            log.debug("journal.dir_sync_unsupported dir={}", dir);
        }
    }

    private static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
