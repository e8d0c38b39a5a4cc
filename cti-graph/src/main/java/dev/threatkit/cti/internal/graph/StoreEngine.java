package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.graph.BackupResult;
import dev.threatkit.cti.graph.DeleteResult;
import dev.threatkit.cti.graph.Direction;
import dev.threatkit.cti.graph.MergeSuggestion;
import dev.threatkit.cti.graph.Neighbor;
import dev.threatkit.cti.graph.Neighborhood;
import dev.threatkit.cti.graph.Page;
import dev.threatkit.cti.graph.PivotKind;
import dev.threatkit.cti.graph.PivotMatch;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeFeed;
import dev.threatkit.cti.store.ChangeListener;
import dev.threatkit.cti.store.StoreException;
import dev.threatkit.cti.validation.StixValidator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Everything the {@code Cti} facade does, over a {@link GraphStore}. Public only so the facade in another
 * package can reach it; not part of the API.
 */
public final class StoreEngine implements AutoCloseable {

    /** A writer closing with at least this many events since the last snapshot writes a new one. */
    static final long SNAPSHOT_AFTER_EVENTS = 10_000;

    private final Path dataDir;
    private final GraphStore store;
    private final StoreLock lock;
    private final StixValidator validator;
    private final Traversals reads;
    private final boolean readOnly;
    private final AtomicLong sessions = new AtomicLong();
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final Object publication = new Object();
    private volatile long acknowledged;

    private final Inference inference;

    private StoreEngine(
            Path dataDir,
            GraphStore store,
            Inference inference,
            StoreLock lock,
            StixValidator validator,
            boolean readOnly) {
        this.dataDir = dataDir;
        this.inference = inference;
        this.store = store;
        this.lock = lock;
        this.validator = validator;
        this.readOnly = readOnly;
        this.acknowledged = store.lastEventId();
        this.reads = new Traversals(store);
    }

    /**
     * Opens the store in {@code dataDir} over {@code projection}. A writer takes the store's lock (refused
     * when another process holds it); a reader takes none.
     */
    public static StoreEngine open(
            Path dataDir, GraphProjectionFactory projection, StixRegistry registry, boolean readOnly) {
        StoreLock lock = null;
        if (!readOnly) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
            }
            lock = StoreLock.acquire(dataDir);
        }
        GraphProjection graph = null;
        try {
            graph = projection.create();
            GraphStore store = GraphStore.open(dataDir, graph, registry, readOnly);
            Inference inference = new Inference(store, dataDir, readOnly);
            if (!readOnly) {
                store.inference(inference);
                store.writeLock().lock();
                try {
                    if (!inference.recover().isEmpty()) {
                        store.sync();
                    }
                } finally {
                    store.writeLock().unlock();
                }
            }
            return new StoreEngine(
                    dataDir,
                    store,
                    inference,
                    lock,
                    StixValidator.of(registry, dev.threatkit.cti.validation.ValidationOptions.OPENCTI),
                    readOnly);
        } catch (RuntimeException e) {
            if (graph != null) {
                graph.close();
            }
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /** Creates the graph projection for a store being opened. */
    @FunctionalInterface
    public interface GraphProjectionFactory {
        GraphProjection create();
    }

    public boolean readOnly() {
        return readOnly;
    }

    public String backend() {
        return store.graph().backend();
    }

    /** What the journal cut off its end on open (an interrupted write), or null. */
    public String recoveryNote() {
        return store.journal().truncationNote();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Starts an import for {@code caller}; {@code strictRelationships} rejects relationships outside OpenCTI's
     * from/to matrix instead of storing them with a warning.
     */
    public Importer importer(Caller caller, boolean strictRelationships) {
        requireWritable();
        return new Importer(store, validator, caller, sessions.incrementAndGet(), this::publish, strictRelationships);
    }

    public DeleteResult delete(List<String> ids, Caller caller) {
        requireWritable();
        List<ChangeEvent> events = new ArrayList<>();
        DeleteResult result;
        store.writeLock().lock();
        try {
            result = new Deleter(store).delete(ids, caller, events);
            store.infer(events);
            store.sync();
        } finally {
            store.writeLock().unlock();
        }
        publish(events);
        return result;
    }

    /** Merges the objects known by {@code sourceIds} into the one known by {@code targetId}; returns its new state. */
    public StixObject merge(String targetId, List<String> sourceIds, Caller caller) {
        requireWritable();
        List<ChangeEvent> events;
        StixObject merged;
        store.writeLock().lock();
        try {
            Entry target = store.resolve(targetId);
            if (target == null || !target.visibleTo(caller)) {
                throw new StoreException(targetId + " is not in the store");
            }
            List<Entry> sources = new ArrayList<>();
            for (String id : sourceIds) {
                Entry e = store.resolve(id);
                if (e == null || !e.visibleTo(caller)) {
                    throw new StoreException(id + " is not in the store");
                }
                if (!sources.contains(e)) {
                    sources.add(e);
                }
            }
            if (target.inferred || sources.stream().anyMatch(e -> e.inferred)) {
                throw new StoreException("inferred objects cannot be merged: the rule engine owns them");
            }
            events = new ArrayList<>(new Merger(store, caller, "merge").merge(target, sources));
            merged = events.get(events.size() - 1).object();
            store.infer(events);
            store.sync();
        } finally {
            store.writeLock().unlock();
        }
        publish(events);
        return merged;
    }

    /** A modified timestamp later than {@code previous}: now, or a millisecond after it when the clock is behind. */
    static String newer(String previous, Instant now) {
        String stamp = dev.threatkit.cti.stix.Timestamps.format(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        if (previous != null
                && dev.threatkit.cti.stix.Timestamps.isValid(previous)
                && dev.threatkit.cti.stix.Timestamps.compare(previous, stamp) >= 0) {
            stamp = dev.threatkit.cti.stix.Timestamps.format(
                    dev.threatkit.cti.stix.Timestamps.parse(previous).plusMillis(1));
        }
        return stamp;
    }

    private void requireWritable() {
        if (readOnly) {
            throw new StoreException("the store in " + dataDir + " is open read-only; only a writer may change it");
        }
    }

    // ---------------------------------------------------------------- reading

    public Optional<StixObject> get(String id, Caller caller) {
        return reads.get(id, caller);
    }

    /** Objects of {@code type} (all types when null) in storage order, {@code limit} per page. */
    public Page<StixObject> list(String type, Caller caller, String cursor, int limit) {
        return reads.list(type, caller, cursor, limit);
    }

    public void forEachObject(Caller caller, Consumer<StixObject> action) {
        reads.forEachObject(caller, action);
    }

    /** See {@link Traversals#neighbors}. */
    public List<Neighbor> neighbors(
            String id, String relationshipType, Direction direction, boolean all, Caller caller) {
        return reads.neighbors(id, relationshipType, direction, all, caller);
    }

    /** See {@link Traversals#neighbors(String, String, Direction, boolean, Caller, String, int)}. */
    public Page<Neighbor> neighbors(
            String id,
            String relationshipType,
            Direction direction,
            boolean all,
            Caller caller,
            String cursor,
            int limit) {
        return reads.neighbors(id, relationshipType, direction, all, caller, cursor, limit);
    }

    /** See {@link Traversals#neighborhood}. */
    public Neighborhood neighborhood(
            String id,
            int depth,
            Set<String> relationshipTypes,
            Set<String> objectTypes,
            int maxNodes,
            boolean all,
            Caller caller) {
        return reads.neighborhood(id, depth, relationshipTypes, objectTypes, maxNodes, all, caller);
    }

    /** See {@link Paths#find}. */
    public List<List<String>> paths(
            String from, String to, int maxHops, Set<String> relationshipTypes, boolean all, Caller caller) {
        return new Paths(store, relationshipTypes, all, caller).find(from, to, maxHops);
    }

    /** See {@link Pivots#pivot}. */
    public List<PivotMatch> pivot(String id, Set<PivotKind> kinds, int limit, boolean all, Caller caller) {
        return new Pivots(store, reads).pivot(id, kinds, limit, all, caller);
    }

    /** Every acknowledged change event of an object, oldest first. */
    public List<ChangeEvent> history(String id, Caller caller) {
        return reads.history(id, caller, acknowledged);
    }

    public List<StixObject> containersOf(String id, Caller caller) {
        return reads.containersOf(id, caller);
    }

    public List<StixObject> contentsOf(String id, Caller caller) {
        return reads.contentsOf(id, caller);
    }

    public Map<String, Integer> stats() {
        store.readLock().lock();
        try {
            return store.countsByType();
        } finally {
            store.readLock().unlock();
        }
    }

    /** Objects the rule engine produced, by type. */
    public Map<String, Integer> inferredStats() {
        store.readLock().lock();
        try {
            return store.inferredCountsByType();
        } finally {
            store.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- rules

    public List<dev.threatkit.cti.graph.RuleInfo> rules() {
        store.readLock().lock();
        try {
            return inference.rules();
        } finally {
            store.readLock().unlock();
        }
    }

    /** True when the catalog has a rule with this id. */
    public static boolean knownRule(String id) {
        return dev.threatkit.cti.internal.reasoning.RuleCatalog.get(id) != null;
    }

    /** Enables a rule, or changes its scope; returns once its inferences are written. */
    public dev.threatkit.cti.graph.RuleChange enableRule(String id, dev.threatkit.cti.graph.RuleScope scope) {
        return changeRule(events -> inference.enable(id, scope, events));
    }

    /** Disables a rule; returns once what it inferred, and nothing else supports, is removed. */
    public dev.threatkit.cti.graph.RuleChange disableRule(String id) {
        return changeRule(events -> inference.disable(id, events));
    }

    private dev.threatkit.cti.graph.RuleChange changeRule(
            java.util.function.Function<List<ChangeEvent>, dev.threatkit.cti.graph.RuleChange> change) {
        requireWritable();
        List<ChangeEvent> events = new ArrayList<>();
        dev.threatkit.cti.graph.RuleChange result;
        store.writeLock().lock();
        try {
            result = change.apply(events);
            store.sync();
        } finally {
            store.writeLock().unlock();
        }
        publish(events);
        return result;
    }

    public List<MergeSuggestion> suggestions() {
        store.readLock().lock();
        try {
            Map<String, MergeSuggestion> pairs = new LinkedHashMap<>();
            for (Entry[] group : store.keptApart()) {
                for (int i = 0; i < group.length; i++) {
                    for (int j = i + 1; j < group.length; j++) {
                        Entry a = group[i].key < group[j].key ? group[i] : group[j];
                        Entry b = a == group[i] ? group[j] : group[i];
                        String pair = a.key + ":" + b.key;
                        if (!pairs.containsKey(pair)) {
                            pairs.put(pair, suggestion(a, b));
                        }
                    }
                }
            }
            List<MergeSuggestion> out = new ArrayList<>(pairs.values());
            out.sort(Comparator.comparing((MergeSuggestion s) -> s.ids().get(0))
                    .thenComparing(s -> s.ids().get(1)));
            return out;
        } finally {
            store.readLock().unlock();
        }
    }

    private static MergeSuggestion suggestion(Entry a, Entry b) {
        String shared = a.standardId != null && a.standardId.equals(b.standardId)
                ? "the same standard id"
                : "a shared name or alias";
        String why = a.createdBy != null && a.createdBy.equals(b.createdBy)
                ? "both come from " + a.createdBy + ", which keeps them as two objects"
                : "they arrived as two objects in one import";
        return new MergeSuggestion(
                List.of(a.id, b.id),
                java.util.Arrays.asList(a.name, b.name),
                a.type + " objects with " + shared + ", not merged: " + why);
    }

    /** Copies the journal, consistent as of now, into {@code target}, which then opens as a store. */
    public BackupResult backup(Path target) {
        store.readLock().lock();
        try {
            Path journalDir = target.resolve("journal");
            if (Files.exists(target) && Files.list(target).findAny().isPresent()) {
                throw new StoreException("backup directory " + target + " is not empty; name a new or empty one");
            }
            Files.createDirectories(journalDir);
            List<Path> files = store.journal().files();
            for (int i = 0; i < files.size(); i++) {
                Path src = files.get(i);
                long length = i == files.size() - 1 ? store.journal().writePosition() : Files.size(src);
                copyPrefix(src, journalDir.resolve(src.getFileName()), length);
            }
            Journal.forceDirectory(journalDir);
            Path rules = dataDir.resolve(RuleSettings.FILE);
            if (Files.exists(rules)) {
                copyPrefix(rules, target.resolve(RuleSettings.FILE), Files.size(rules));
            }
            Path snapshot = store.journal().snapshotFile();
            if (snapshot != null) { // after a compaction the journal alone no longer holds everything
                Path dir = Files.createDirectories(target.resolve("snapshot"));
                copyPrefix(snapshot, dir.resolve(snapshot.getFileName()), Files.size(snapshot));
                Journal.forceDirectory(dir);
            }
            return new BackupResult(target, store.size(), store.lastEventId());
        } catch (IOException e) {
            throw new StoreException("cannot write the backup to " + target + ": " + e.getMessage(), e);
        } finally {
            store.readLock().unlock();
        }
    }

    private static void copyPrefix(Path src, Path dst, long length) throws IOException {
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < length) {
                done += in.transferTo(done, length - done, out);
            }
            out.force(true);
        }
    }

    // ---------------------------------------------------------------- change feed

    public long lastEventId() {
        return acknowledged;
    }

    /** The oldest event the journal can still replay (later ones all can). */
    public long firstRetainedEventId() {
        return store.journal().firstRetainedEventId();
    }

    private void publish(List<ChangeEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        synchronized (publication) {
            acknowledged = events.get(events.size() - 1).id();
            for (ChangeEvent e : events) {
                for (ChangeListener l : listeners) {
                    l.onEvent(e);
                }
            }
        }
    }

    public ChangeFeed.Subscription subscribe(long afterEventId, ChangeListener listener) {
        long first = store.journal().firstRetainedEventId();
        if (afterEventId < first - 1 && afterEventId < acknowledged) {
            throw new StoreException("events up to " + (first - 1) + " were compacted away; subscribe from "
                    + (first - 1) + " or later, after rebuilding from the store's current objects (forEachObject)");
        }
        synchronized (publication) {
            replay(afterEventId, acknowledged, listener);
            listeners.add(listener);
        }
        return () -> listeners.remove(listener);
    }

    /** Delivers the journal's events in (after, through] to {@code listener}. */
    private void replay(long after, long through, ChangeListener listener) {
        if (through <= after) {
            return;
        }
        List<Long> pointers = new ArrayList<>();
        store.readLock().lock();
        try {
            store.journal().pointersAfter(after, through, pointers);
        } finally {
            store.readLock().unlock();
        }
        for (long p : pointers) {
            listener.onEvent(EventCodec.decode(store.journal().read(p), "journal"));
        }
    }

    /** Writes a snapshot now, so the next open loads it instead of replaying the journal. */
    public long snapshot() {
        requireWritable();
        store.writeLock().lock();
        try {
            store.snapshot(dataDir.resolve("snapshot"));
            return store.snapshotEventId();
        } finally {
            store.writeLock().unlock();
        }
    }

    /**
     * Writes a snapshot, then deletes the journal segments it makes unnecessary. The change feed can no
     * longer replay events before the snapshot. Returns the number of segments deleted.
     */
    public int compact() {
        requireWritable();
        store.writeLock().lock();
        try {
            store.snapshot(dataDir.resolve("snapshot"));
            return store.journal().compactThrough(store.snapshotEventId());
        } finally {
            store.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        try {
            if (!readOnly && store.lastEventId() - store.snapshotEventId() >= SNAPSHOT_AFTER_EVENTS) {
                store.writeLock().lock();
                try {
                    store.snapshot(dataDir.resolve("snapshot"));
                } finally {
                    store.writeLock().unlock();
                }
            }
        } finally {
            closeStore();
        }
    }

    private void closeStore() {
        try {
            store.close();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
