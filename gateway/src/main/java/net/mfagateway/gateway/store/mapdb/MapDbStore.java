package net.mfagateway.gateway.store.mapdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionEdit;
import net.mfagateway.gateway.store.ConnectionSecret;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Delivery;
import net.mfagateway.gateway.store.Diagnosis;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Invitation;
import net.mfagateway.gateway.store.StatusChange;
import net.mfagateway.gateway.store.Webhook;
import net.mfagateway.gateway.store.SealedAnswers;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.StoreException;
import net.mfagateway.gateway.store.StoredMessage;
import net.mfagateway.gateway.store.Tenant;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: a {@link Journal} makes each write durable, MapDB indexes it for reads.
 *
 * <p>One writer thread drains the queue of writes, appends the whole batch to the journal with
 * one fsync (group commit), applies it to MapDB and only then completes the callers' futures.
 * MapDB itself is committed at checkpoints, each recording the journal segment it covers.
 *
 * <p>MapDB is not trusted with durability: killed processes have left it missing commits that
 * had returned, and unable to open at all. So the journal, not MapDB, is the record: at start
 * the segments from one checkpoint before MapDB's last are replayed over it, and a MapDB file
 * that does not open is set aside and rebuilt. The journal stays bounded through
 * {@link Snapshots}: once its segments outgrow a limit, a background thread writes the whole
 * index to a snapshot and the segments it covers are deleted; a rebuild starts from the newest
 * snapshot and replays the segments after it.
 */
public final class MapDbStore implements Store {

    private static final Logger log = LoggerFactory.getLogger(MapDbStore.class);
    private static final long CHECKPOINT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SEGMENT_LIMIT = 64L << 20;
    private static final int MAX_BATCH = 1024;
    private static final String CHECKPOINT_SEGMENT = "checkpoint.segment";
    private static final long OPEN_LIMIT_SECONDS = 30;
    /** Journal bytes after which the index is snapshotted and the covered segments deleted. */
    public static final long DEFAULT_SNAPSHOT_BYTES = 256L << 20;
    private static final ObjectMapper JSON = Mutation.Codec.JSON;

    private final DB db;
    private final HTreeMap<String, byte[]> tenants;
    private final HTreeMap<String, String> tokens;
    private final HTreeMap<String, byte[]> connections;
    private final HTreeMap<String, String> addresses;
    private final HTreeMap<String, String> phones;
    private final HTreeMap<String, byte[]> messages;
    private final HTreeMap<String, String> dedup;
    private final BTreeMap<String, byte[]> codes;
    private final BTreeMap<String, byte[]> events;
    private final Set<String> senders;
    private final HTreeMap<String, Long> meta;
    private final HTreeMap<String, byte[]> answers;
    private final HTreeMap<String, byte[]> webhooks;
    /** Pending deliveries by id; ids start with what they announce (an event or code id), so they sort oldest first. */
    private final BTreeMap<String, byte[]> outbox;
    private final HTreeMap<String, byte[]> invitations;
    private final HTreeMap<String, String> invitationTokens;
    private final HTreeMap<String, String> invitationSessions;
    /** Sealed connection secrets by {@code connectionId|kind}: sorted, so a connection's are one range. */
    private final BTreeMap<String, byte[]> secrets;
    /** Leases by name: one process uses this store, so they need not survive it. */
    private final java.util.concurrent.ConcurrentHashMap<String, Lease> leases = new java.util.concurrent.ConcurrentHashMap<>();
    /** Until when each claimed delivery is taken; dropped when it is retried or finished. */
    private final java.util.concurrent.ConcurrentHashMap<String, Instant> claims = new java.util.concurrent.ConcurrentHashMap<>();
    /** The webhooks by tenant, rebuilt from {@link #webhooks} after it changes; writer (and recovery) thread only. */
    private Map<String, List<Webhook>> webhooksByTenant;
    private volatile Runnable deliveriesQueued = () -> { };
    private boolean queuedInBatch;
    /** Every map a snapshot holds, by name: written and loaded from this one list. */
    private final Map<String, Map<String, byte[]>> binaryMaps;
    private final Map<String, Map<String, String>> textMaps;
    private final Journal journal;
    private final Snapshots snapshots;
    private final long snapshotBytes;
    private final java.util.concurrent.ExecutorService snapshotter;
    private volatile boolean snapshotting;
    private volatile long lastSnapshot = -1;
    private String recovered = "";
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Timer commitTimer;
    private final DistributionSummary batchSize;
    private volatile boolean running = true;
    private volatile boolean healthy = true;
    private long lastCheckpoint = System.nanoTime();
    private boolean dirty;

    private record Pending(Mutation mutation, CompletableFuture<Object> done) {
    }

    private record Lease(String holder, Instant until) {
    }

    private MapDbStore(DB db, Journal journal, long snapshotBytes, MeterRegistry registry) {
        this.db = db;
        this.journal = journal;
        this.snapshots = new Snapshots(journal.dir());
        this.snapshotBytes = snapshotBytes;
        this.snapshotter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "store-snapshot");
            t.setDaemon(true);
            return t;
        });
        this.tenants = db.hashMap("tenants", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.tokens = db.hashMap("tokens", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.connections = db.hashMap("connections", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.addresses = db.hashMap("addresses", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.phones = db.hashMap("phones", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.messages = db.hashMap("messages", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.dedup = db.hashMap("dedup", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.codes = db.treeMap("codes", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.events = db.treeMap("events", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.senders = db.hashSet("senders", Serializer.STRING).createOrOpen();
        this.meta = db.hashMap("meta", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.answers = db.hashMap("answers", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.webhooks = db.hashMap("webhooks", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.outbox = db.treeMap("outbox", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.invitations = db.hashMap("invitations", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.invitationTokens = db.hashMap("invitationTokens", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.invitationSessions = db.hashMap("invitationSessions", Serializer.STRING, Serializer.STRING)
                .createOrOpen();
        this.secrets = db.treeMap("secrets", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.binaryMaps = Map.of("tenants", tenants, "connections", connections, "messages", messages,
                "codes", codes, "events", events, "answers", answers, "webhooks", webhooks, "outbox", outbox,
                "invitations", invitations, "secrets", secrets);
        this.textMaps = Map.of("tokens", tokens, "addresses", addresses, "phones", phones, "dedup", dedup,
                "invitationTokens", invitationTokens, "invitationSessions", invitationSessions);
        this.commitTimer = Timer.builder("mfa.gateway.store.commit")
                .description("journal group commit: append, fsync, index")
                .publishPercentileHistogram()
                .register(registry);
        this.batchSize = DistributionSummary.builder("mfa.gateway.store.commit.batch")
                .description("writes made durable by one fsync")
                .register(registry);
        this.writer = new Thread(this::runWriter, "store-writer");
    }

    /** Opens (or creates) the store in {@code dataDir}, replaying the journal into MapDB first. */
    public static MapDbStore open(Path dataDir, MeterRegistry registry) throws IOException {
        return open(dataDir, registry, DEFAULT_SNAPSHOT_BYTES);
    }

    /** As {@link #open(Path, MeterRegistry)}, snapshotting once the journal holds {@code snapshotBytes}. */
    public static MapDbStore open(Path dataDir, MeterRegistry registry, long snapshotBytes) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("store.mapdb");
        Path journalDir = dataDir.resolve("journal");
        MapDbStore store;
        String how;
        try {
            store = withinOpenLimit(() -> {
                MapDbStore attempt = new MapDbStore(openDb(file), new Journal(journalDir), snapshotBytes, registry);
                try {
                    attempt.recovered = attempt.recover(attempt.meta.getOrDefault(CHECKPOINT_SEGMENT, 0L) - 1);
                    return attempt;
                } catch (RuntimeException e) {
                    closeQuietly(attempt.db);
                    throw e;
                }
            });
            how = store.recovered;
        } catch (IndexUnusable e) {
            Path aside = setAside(file);
            log.error("store.index_unreadable file={} moved_to={} action=rebuild_from_journal reason=\"{}\"", file, aside,
                    e.getMessage());
            // A fresh journal reader: an attempt that hangs still holds the first one.
            store = new MapDbStore(openDb(file), new Journal(journalDir), snapshotBytes, registry);
            how = store.recover(-1);
        }
        store.db.commit();
        store.journal.startSegment();
        log.info("store.opened dir={} {}", dataDir, how);
        store.writer.start();
        return store;
    }

    /** MapDB could not be used: it threw while opening or replaying, or never finished. */
    private static final class IndexUnusable extends Exception {
        IndexUnusable(String message) {
            super(message, null, false, false);
        }
    }

    private interface Attempt {
        MapDbStore run() throws IOException;
    }

    /**
     * Runs the first open on its own thread and gives it {@link #OPEN_LIMIT_SECONDS}: a MapDB file
     * left damaged by a kill has been seen to make the open hang, not fail. A hung attempt is
     * abandoned (its thread interrupted and left behind) and reported with its stack.
     */
    private static MapDbStore withinOpenLimit(Attempt attempt) throws IOException, IndexUnusable {
        java.util.concurrent.CompletableFuture<MapDbStore> result = new java.util.concurrent.CompletableFuture<>();
        Thread thread = Thread.ofPlatform().daemon().name("store-open").start(() -> {
            try {
                result.complete(attempt.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(OPEN_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement frame : thread.getStackTrace()) {
                stack.append(" at ").append(frame);
            }
            thread.interrupt();
            throw new IndexUnusable("MapDB did not open within " + OPEN_LIMIT_SECONDS + " s; stuck" + stack);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IndexUnusable(e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the store", e);
        }
    }

    /**
     * Brings the index up to the journal: replays the segments from {@code from} on, or, when
     * those are already folded into a snapshot (or the index knows nothing), the newest
     * snapshot and the segments after it. Returns what it did, for the log.
     */
    private String recover(long from) throws IOException {
        Optional<Long> snapshot = snapshots.latest();
        long loaded = 0;
        if (snapshot.isPresent()) {
            lastSnapshot = snapshot.get();
            if (from <= snapshot.get()) {
                loaded = loadSnapshot(snapshot.get());
                from = snapshot.get() + 1;
            }
        }
        int replayed = replay(Math.max(from, 0));
        return "snapshot=" + snapshot.map(String::valueOf).orElse("none") + " snapshot_entries=" + loaded
                + " replayed=" + replayed + " from_segment=" + Math.max(from, 0);
    }

    private static DB openDb(Path file) {
        return DBMaker.fileDB(file.toFile()).transactionEnable().fileChannelEnable().make();
    }

    private int replay(long fromSegment) throws IOException {
        int[] replayed = {0};
        journal.replay(fromSegment, payload -> {
            try {
                apply(Mutation.Codec.decode(payload));
                replayed[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return replayed[0];
    }

    /** Moves the MapDB file and its WAL files aside (kept for a post-mortem); returns the new name. */
    private static Path setAside(Path file) throws IOException {
        String name = file.getFileName().toString();
        Path aside = file.resolveSibling(name + ".unreadable-" + System.currentTimeMillis());
        try (var siblings = Files.list(file.getParent())) {
            for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(name)
                    && !p.getFileName().toString().contains(".unreadable-")).toList()) {
                Files.move(p, p.resolveSibling(aside.getFileName() + p.getFileName().toString().substring(name.length())),
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return aside;
    }

    private static void closeQuietly(DB db) {
        if (db != null) {
            try {
                db.close();
            } catch (RuntimeException e) {
                log.debug("store.close_after_failure reason={}", e.toString());
            }
        }
    }

    // ---- writes ----

    private <T> CompletableFuture<T> submit(Mutation mutation) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new StoreException("store is closed", null));
        } else {
            queue.add(new Pending(mutation, done));
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> typed = (CompletableFuture<T>) (CompletableFuture<?>) done;
        return typed;
    }

    @Override
    public CompletableFuture<Void> putTenant(Tenant tenant) {
        return submit(new Mutation.TenantPut(tenant));
    }

    @Override
    public CompletableFuture<Void> putConnection(Connection connection) {
        return submit(new Mutation.ConnectionPut(connection));
    }

    @Override
    public CompletableFuture<Void> deleteConnection(String id) {
        return submit(new Mutation.ConnectionDeleted(id));
    }

    @Override
    public CompletableFuture<Void> editConnection(ConnectionEdit edit) {
        return submit(new Mutation.ConnectionEdited(edit));
    }

    @Override
    public CompletableFuture<Boolean> changeStatus(StatusChange change) {
        return submit(new Mutation.StatusChanged(change));
    }

    @Override
    public CompletableFuture<Void> putWebhook(Webhook webhook) {
        return submit(new Mutation.WebhookPut(webhook));
    }

    @Override
    public CompletableFuture<Void> deleteWebhook(String id) {
        return submit(new Mutation.WebhookDeleted(id));
    }

    @Override
    public CompletableFuture<Void> retryDelivery(Delivery delivery) {
        return submit(new Mutation.DeliveryRetried(delivery));
    }

    @Override
    public CompletableFuture<Void> finishDelivery(String id) {
        return submit(new Mutation.DeliveryFinished(id));
    }

    @Override
    public void onDeliveriesQueued(Runnable listener) {
        this.deliveriesQueued = listener;
    }

    @Override
    public CompletableFuture<Long> expire(Instant contentBefore, Instant eventsBefore) {
        return submit(new Mutation.Expired(contentBefore, eventsBefore));
    }

    @Override
    public CompletableFuture<Void> putInvitation(Invitation invitation) {
        return submit(new Mutation.InvitationPut(invitation));
    }

    @Override
    public CompletableFuture<Boolean> claimInvitation(String id, String sessionHash, Instant at) {
        return submit(new Mutation.InvitationClaimed(id, sessionHash, at));
    }

    @Override
    public CompletableFuture<Acceptance> accept(Received received) {
        return submit(new Mutation.MessageAccepted(received));
    }

    @Override
    public CompletableFuture<Void> appendEvent(Event event) {
        return submit(new Mutation.EventAppended(event));
    }

    @Override
    public CompletableFuture<Void> putSecret(ConnectionSecret secret) {
        return submit(new Mutation.SecretPut(secret));
    }

    @Override
    public CompletableFuture<Void> deleteSecret(String connectionId, String kind) {
        return submit(new Mutation.SecretDeleted(connectionId, kind));
    }

    /** One process owns this store, so claims are kept in memory, as leases are. */
    @Override
    public CompletableFuture<Optional<Delivery>> claimDelivery(String id, Instant now, Instant until) {
        Optional<Delivery> due = read(outbox.get(id), Delivery.class).filter(d -> !d.nextAttemptAt().isAfter(now));
        if (due.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        boolean[] taken = {false};
        claims.compute(id, (k, held) -> {
            if (held != null && held.isAfter(now)) {
                return held;
            }
            taken[0] = true;
            return until;
        });
        return CompletableFuture.completedFuture(taken[0] ? due : Optional.empty());
    }

    @Override
    public CompletableFuture<Boolean> lease(String name, String holder, Instant now, Instant until) {
        Lease held = leases.compute(name, (k, old) -> old == null || old.holder().equals(holder)
                || !old.until().isAfter(now) ? new Lease(holder, until) : old);
        return CompletableFuture.completedFuture(held.holder().equals(holder));
    }

    @Override
    public CompletableFuture<Void> releaseLease(String name, String holder) {
        leases.computeIfPresent(name, (k, old) -> old.holder().equals(holder) ? null : old);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> putSecurityAnswers(SealedAnswers sealed) {
        return submit(new Mutation.SecurityAnswersPut(sealed));
    }

    private void runWriter() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writeBatch(batch);
                batch.clear();
            } else if (!running) {
                break;
            }
            if (dirty && (System.nanoTime() - lastCheckpoint > CHECKPOINT_NANOS
                    || journal.segmentBytes() > SEGMENT_LIMIT)) {
                checkpoint();
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        long start = System.nanoTime();
        List<Pending> written = new ArrayList<>(batch.size());
        Map<Pending, String> duplicates = new HashMap<>();
        Map<String, String> batchKeys = new HashMap<>();
        for (Pending p : batch) {
            if (p.mutation() instanceof Mutation.MessageAccepted accepted) {
                String key = dedupKey(accepted.received().message());
                String kept = dedup.get(key);
                kept = kept != null ? kept : batchKeys.get(key);
                if (kept != null) {
                    duplicates.put(p, kept);
                    continue;
                }
                batchKeys.put(key, accepted.received().message().id());
            }
            try {
                journal.append(Mutation.Codec.encode(p.mutation()));
                written.add(p);
            } catch (RuntimeException e) {
                p.done().completeExceptionally(new StoreException("cannot encode write", e));
            }
        }
        try {
            journal.sync();
            healthy = true;
        } catch (IOException e) {
            healthy = false;
            log.error("store.commit_failed writes={} reason={}", written.size(), e.toString());
            StoreException failure = new StoreException("journal write failed: " + e.getMessage(), e);
            written.forEach(p -> p.done().completeExceptionally(failure));
            duplicates.keySet().forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        for (Pending p : written) {
            try {
                p.done().complete(apply(p.mutation()));
            } catch (RuntimeException e) {
                // Durable in the journal but not indexed: a bug, and the next start replays it.
                log.error("store.index_failed mutation={}", p.mutation().getClass().getSimpleName(), e);
                p.done().completeExceptionally(new StoreException("index update failed", e));
            }
        }
        duplicates.forEach((p, kept) -> p.done().complete(new Acceptance(kept, true)));
        if (queuedInBatch) {
            queuedInBatch = false;
            try {
                deliveriesQueued.run();
            } catch (RuntimeException e) {
                log.error("store.outbox_listener_failed", e);
            }
        }
        dirty = true;
        commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        batchSize.record(written.size());
    }

    private void checkpoint() {
        try {
            // Committed with the data it describes: a MapDB that lost this commit also lost the
            // marker, and the next start replays from the older one.
            long closed = journal.currentSegment();
            meta.put(CHECKPOINT_SEGMENT, closed);
            db.commit();
            journal.startSegment();
            dirty = false;
            maybeSnapshot(closed);
        } catch (IOException | RuntimeException e) {
            log.error("store.checkpoint_failed reason={}", e.toString(), e);
        }
        lastCheckpoint = System.nanoTime();
    }

    /**
     * Starts a snapshot covering segments up to {@code closed} when the journal has outgrown its
     * limit. It runs beside the writer: entries applied meanwhile may be in it too, which replay
     * tolerates. Only once it is whole on disk are the covered segments deleted.
     */
    private void maybeSnapshot(long closed) throws IOException {
        if (snapshotting || journal.bytesAfter(lastSnapshot) < snapshotBytes) {
            return;
        }
        snapshotting = true;
        snapshotter.execute(() -> {
            long start = System.nanoTime();
            try {
                long entries = snapshots.write(closed, this::writeIndex);
                journal.deleteSegmentsThrough(closed);
                snapshots.deleteBefore(closed);
                lastSnapshot = closed;
                log.info("store.snapshot segment={} entries={} ms={}", closed, entries,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            } catch (IOException | RuntimeException e) {
                log.error("store.snapshot_failed segment={} reason={} action=journal_kept", closed, e.toString());
            } finally {
                snapshotting = false;
            }
        });
    }

    private void writeIndex(Snapshots.Sink sink) throws IOException {
        for (var table : binaryMaps.entrySet()) {
            for (var e : table.getValue().entrySet()) {
                sink.put(table.getKey(), e.getKey(), e.getValue());
            }
        }
        for (var table : textMaps.entrySet()) {
            for (var e : table.getValue().entrySet()) {
                sink.put(table.getKey(), e.getKey(), utf8(e.getValue()));
            }
        }
        for (String s : senders) {
            sink.put("senders", s, new byte[0]);
        }
    }

    private long loadSnapshot(long segment) throws IOException {
        webhooksByTenant = null;
        long[] count = {0};
        snapshots.read(segment, entry -> {
            if (binaryMaps.containsKey(entry.table())) {
                binaryMaps.get(entry.table()).put(entry.key(), entry.value());
            } else if (textMaps.containsKey(entry.table())) {
                textMaps.get(entry.table()).put(entry.key(), string(entry.value()));
            } else if (entry.table().equals("senders")) {
                senders.add(entry.key());
            } else {
                throw new IllegalStateException("snapshot has unknown table " + entry.table());
            }
            count[0]++;
        });
        return count[0];
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Applies one mutation to the MapDB index. Idempotent. */
    private Object apply(Mutation mutation) {
        switch (mutation) {
            case Mutation.TenantPut(Tenant t) -> {
                // Token hashes the tenant no longer has stop opening it.
                read(tenants.get(t.id()), Tenant.class).ifPresent(before -> {
                    for (String hash : new String[] {before.tokenHash(), before.previousTokenHash()}) {
                        if (hash != null && !t.acceptsTokenHash(hash)) {
                            tokens.remove(hash, t.id());
                        }
                    }
                });
                tenants.put(t.id(), json(t));
                tokens.put(t.tokenHash(), t.id());
                if (t.previousTokenHash() != null) {
                    tokens.put(t.previousTokenHash(), t.id());
                }
                return null;
            }
            case Mutation.ConnectionPut(Connection c) -> {
                connections.put(c.id(), json(c));
                addresses.put(c.localPart(), c.id());
                if (c.phone() != null) {
                    phones.put(c.phone(), c.id());
                }
                return null;
            }
            case Mutation.ConnectionDeleted(String id) -> {
                byte[] stored = connections.remove(id);
                if (stored != null) {
                    Connection c = read(stored, Connection.class).orElseThrow();
                    // Only the index entries still pointing here: a later connection may hold them.
                    addresses.remove(c.localPart(), id);
                    if (c.phone() != null) {
                        phones.remove(c.phone(), id);
                    }
                }
                for (String key : List.copyOf(secrets.subMap(id + "|", true, id + "|~", false).keySet())) {
                    secrets.remove(key);
                }
                return null;
            }
            case Mutation.MessageAccepted(Received r) -> {
                StoredMessage m = r.message();
                messages.put(m.id(), json(m));
                dedup.put(dedupKey(m), m.id());
                for (Code c : r.codes()) {
                    codes.put(codeKey(c.connectionId(), c.receivedAt(), c.id()), json(c));
                    if (r.utility() != null && r.sender() != null && !r.sender().isEmpty()) {
                        senders.add(r.utility() + "|" + r.sender());
                    }
                }
                for (Event e : r.events()) {
                    putEvent(e);
                }
                for (Code c : r.codes()) {
                    for (String address : r.copyTo()) {
                        queue(new Delivery(c.id() + "|" + address, Delivery.Kind.COPY, tenantOf(r, c), c.connectionId(),
                                address, c.id(), c.receivedAt(), 0, c.receivedAt(), null));
                    }
                }
                return new Acceptance(m.id(), false);
            }
            case Mutation.EventAppended(Event e) -> {
                putEvent(e);
                return null;
            }
            case Mutation.ConnectionEdited(ConnectionEdit edit) -> {
                connection(edit.connectionId()).ifPresent(c -> connections.put(c.id(), json(c.with(edit))));
                return null;
            }
            case Mutation.StatusChanged(StatusChange change) -> {
                Connection c = connection(change.connectionId()).orElse(null);
                if (c == null || (c.status() == change.status()
                        && reason(c.diagnosis()).equals(reason(change.diagnosis())))) {
                    return false;
                }
                connections.put(c.id(), json(c.withStatus(change.status(), change.diagnosis())));
                putEvent(change.event());
                return true;
            }
            case Mutation.WebhookPut(Webhook w) -> {
                webhooks.put(w.id(), json(w));
                webhooksByTenant = null;
                return null;
            }
            case Mutation.WebhookDeleted(String id) -> {
                if (webhooks.remove(id) != null) {
                    webhooksByTenant = null;
                    for (var e : List.copyOf(outbox.entrySet())) {
                        Delivery d = read(e.getValue(), Delivery.class).orElseThrow();
                        if (d.kind() == Delivery.Kind.WEBHOOK && d.target().equals(id)) {
                            outbox.remove(e.getKey());
                        }
                    }
                }
                return null;
            }
            case Mutation.DeliveryRetried(Delivery d) -> {
                if (outbox.containsKey(d.id())) {
                    outbox.put(d.id(), json(d));
                }
                claims.remove(d.id());
                return null;
            }
            case Mutation.DeliveryFinished(String id) -> {
                outbox.remove(id);
                claims.remove(id);
                return null;
            }
            case Mutation.InvitationPut(Invitation i) -> {
                invitations.put(i.id(), json(i));
                invitationTokens.put(i.tokenHash(), i.id());
                if (i.sessionHash() != null) {
                    invitationSessions.put(i.sessionHash(), i.id());
                }
                return null;
            }
            case Mutation.Expired(Instant contentBefore, Instant eventsBefore) -> {
                return expireOlder(contentBefore, eventsBefore);
            }
            case Mutation.InvitationClaimed(String id, String sessionHash, Instant at) -> {
                Invitation i = read(invitations.get(id), Invitation.class).orElse(null);
                if (i == null || i.claimedAt() != null) {
                    return false;
                }
                invitations.put(id, json(i.claimed(sessionHash, at)));
                invitationSessions.put(sessionHash, id);
                return true;
            }
            case Mutation.SecretPut(ConnectionSecret secret) -> {
                secrets.put(secret.connectionId() + "|" + secret.kind(), json(secret));
                return null;
            }
            case Mutation.SecretDeleted(String connectionId, String kind) -> {
                secrets.remove(connectionId + "|" + kind);
                return null;
            }
            case Mutation.SecurityAnswersPut(SealedAnswers a) -> {
                answers.put(a.connectionId(), json(a));
                return null;
            }
        }
    }

    /**
     * Removes what retention lets go. Ids carry their creation time, so only the entries that go
     * are read in full (a message, for its dedup key).
     */
    private long expireOlder(Instant contentBefore, Instant eventsBefore) {
        long removed = 0;
        for (String id : List.copyOf(messages.keySet())) {
            if (Ids.instantOf(id, 2).map(at -> at.isBefore(contentBefore)).orElse(false)) {
                byte[] gone = messages.remove(id);
                if (gone != null) {
                    read(gone, StoredMessage.class).ifPresent(m -> dedup.remove(dedupKey(m), m.id()));
                    removed++;
                }
            }
        }
        long cutoff = ChronoUnit.MICROS.between(Instant.EPOCH, contentBefore);
        for (String key : List.copyOf(codes.keySet())) {
            String[] parts = key.split("\\|", 3);
            if (parts.length == 3 && Long.parseLong(parts[1]) < cutoff && codes.remove(key) != null) {
                removed++;
            }
        }
        for (String key : List.copyOf(events.keySet())) {
            String id = key.substring(key.indexOf('|') + 1);
            if (Ids.instantOf(id, 2).map(at -> at.isBefore(eventsBefore)).orElse(false)
                    && events.remove(key) != null) {
                removed++;
            }
        }
        return removed;
    }

    /** Stores an event and queues it for each webhook its tenant had when it happened. */
    private void putEvent(Event e) {
        events.put(e.connectionId() + "|" + e.id(), json(e));
        for (Webhook w : webhooksOf(e.tenantId())) {
            boolean aboutThisWebhook = e.type().startsWith("webhook.") && w.id().equals(e.data().get("webhookId"));
            if (!w.createdAt().isAfter(e.at()) && !aboutThisWebhook) {
                queue(new Delivery(e.id() + "|" + w.id(), Delivery.Kind.WEBHOOK, e.tenantId(), e.connectionId(),
                        w.id(), e.id(), e.at(), 0, e.at(), null));
            }
        }
    }

    private void queue(Delivery d) {
        outbox.put(d.id(), json(d));
        queuedInBatch = true;
    }

    private List<Webhook> webhooksOf(String tenantId) {
        if (webhooksByTenant == null) {
            Map<String, List<Webhook>> byTenant = new HashMap<>();
            for (byte[] value : webhooks.getValues()) {
                Webhook w = read(value, Webhook.class).orElseThrow();
                byTenant.computeIfAbsent(w.tenantId(), t -> new ArrayList<>()).add(w);
            }
            webhooksByTenant = byTenant;
        }
        return webhooksByTenant.getOrDefault(tenantId, List.of());
    }

    private String tenantOf(Received r, Code c) {
        return r.events().stream().filter(e -> e.connectionId().equals(c.connectionId())).map(Event::tenantId)
                .findFirst().orElseGet(() -> connection(c.connectionId()).map(Connection::tenantId).orElse(""));
    }

    private static String reason(Diagnosis d) {
        return d == null ? "" : d.reason();
    }

    private static String dedupKey(StoredMessage m) {
        return m.connectionId() + "|" + m.dedupKey();
    }

    private static String codeKey(String connectionId, Instant at, String codeId) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return connectionId + "|" + String.format("%019d", micros) + "|" + codeId;
    }

    // ---- reads ----

    @Override
    public List<Tenant> tenants() {
        List<Tenant> found = new ArrayList<>();
        for (byte[] value : tenants.getValues()) {
            found.add(read(value, Tenant.class).orElseThrow());
        }
        found.sort(Comparator.comparing(Tenant::createdAt).thenComparing(Tenant::id));
        return found;
    }

    @Override
    public Optional<Tenant> tenant(String id) {
        return read(tenants.get(id), Tenant.class);
    }

    @Override
    public Optional<Tenant> tenantByTokenHash(String tokenHash) {
        String id = tokens.get(tokenHash);
        return id == null ? Optional.empty() : tenant(id).filter(t -> t.acceptsTokenHash(tokenHash));
    }

    @Override
    public Optional<Connection> connection(String id) {
        return read(connections.get(id), Connection.class);
    }

    @Override
    public Optional<Connection> connectionByLocalPart(String localPart) {
        String id = addresses.get(localPart);
        return id == null ? Optional.empty() : connection(id);
    }

    @Override
    public Optional<Connection> connectionByPhone(String phone) {
        String id = phones.get(phone);
        return id == null ? Optional.empty() : connection(id);
    }

    @Override
    public List<Connection> loginConnections() {
        List<Connection> found = new ArrayList<>();
        for (byte[] value : connections.getValues()) {
            Connection c = read(value, Connection.class).orElseThrow();
            if (c.login() != null) {
                found.add(c);
            }
        }
        return found;
    }

    @Override
    public Map<ConnectionStatus, Long> connectionsByStatus() {
        Map<ConnectionStatus, Long> counts = new EnumMap<>(ConnectionStatus.class);
        for (byte[] value : connections.getValues()) {
            counts.merge(read(value, Connection.class).orElseThrow().status(), 1L, Long::sum);
        }
        return counts;
    }

    @Override
    public List<Connection> connections(String tenantId, Optional<ConnectionStatus> status) {
        List<Connection> found = new ArrayList<>();
        for (byte[] value : connections.getValues()) {
            Connection c = read(value, Connection.class).orElseThrow();
            if (c.tenantId().equals(tenantId) && status.map(s -> s == c.status()).orElse(true)) {
                found.add(c);
            }
        }
        found.sort(Comparator.comparing(Connection::createdAt).thenComparing(Connection::id));
        return found;
    }

    @Override
    public Optional<StoredMessage> message(String id) {
        return read(messages.get(id), StoredMessage.class);
    }

    @Override
    public Optional<Code> newestCodeAfter(String connectionId, Instant after) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, after);
        String from = connectionId + "|" + String.format("%019d", micros + 1);
        NavigableMap<String, byte[]> range = codes.subMap(from, true, connectionId + "|~", false);
        var last = range.lastEntry();
        return last == null ? Optional.empty() : read(last.getValue(), Code.class);
    }

    @Override
    public List<Code> codes(String connectionId) {
        List<Code> found = new ArrayList<>();
        for (byte[] value : codes.subMap(connectionId + "|", true, connectionId + "|~", false).values()) {
            found.add(read(value, Code.class).orElseThrow());
        }
        return found;
    }

    @Override
    public List<Event> events(String connectionId) {
        List<Event> found = new ArrayList<>();
        for (byte[] value : events.subMap(connectionId + "|", true, connectionId + "|~", false).values()) {
            found.add(read(value, Event.class).orElseThrow());
        }
        return found;
    }

    @Override
    public Optional<Webhook> webhook(String id) {
        return read(webhooks.get(id), Webhook.class);
    }

    @Override
    public List<Webhook> webhooks(String tenantId) {
        List<Webhook> found = new ArrayList<>();
        for (byte[] value : webhooks.getValues()) {
            Webhook w = read(value, Webhook.class).orElseThrow();
            if (w.tenantId().equals(tenantId)) {
                found.add(w);
            }
        }
        found.sort(Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id));
        return found;
    }

    @Override
    public List<Delivery> deliveries() {
        List<Delivery> found = new ArrayList<>();
        for (byte[] value : outbox.values()) {
            found.add(read(value, Delivery.class).orElseThrow());
        }
        return found;
    }

    @Override
    public Optional<Invitation> invitationByTokenHash(String tokenHash) {
        String id = invitationTokens.get(tokenHash);
        return id == null ? Optional.empty() : read(invitations.get(id), Invitation.class);
    }

    @Override
    public Optional<Invitation> invitationBySessionHash(String sessionHash) {
        String id = invitationSessions.get(sessionHash);
        return id == null ? Optional.empty()
                : read(invitations.get(id), Invitation.class).filter(i -> sessionHash.equals(i.sessionHash()));
    }

    @Override
    public Optional<SealedAnswers> securityAnswers(String connectionId) {
        return read(answers.get(connectionId), SealedAnswers.class);
    }

    @Override
    public Optional<ConnectionSecret> secret(String connectionId, String kind) {
        return read(secrets.get(connectionId + "|" + kind), ConnectionSecret.class);
    }

    @Override
    public boolean hasSent(String utility, String sender) {
        return senders.contains(utility + "|" + sender);
    }

    @Override
    public boolean healthy() {
        return healthy && running && writer.isAlive();
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        snapshotter.shutdown();
        try {
            if (!snapshotter.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("store.snapshot_unfinished action=journal_kept");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new StoreException("store is closed", null));
        }
        try {
            db.commit();
            db.close();
            journal.close();
        } catch (IOException | RuntimeException e) {
            log.warn("store.close_failed reason={}", e.toString());
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Optional<T> read(byte[] value, Class<T> type) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(value, type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
