package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.graph.BackupResult;
import dev.threatkit.cti.graph.DeleteResult;
import dev.threatkit.cti.graph.Direction;
import dev.threatkit.cti.graph.MergeSuggestion;
import dev.threatkit.cti.graph.Neighbor;
import dev.threatkit.cti.graph.Neighborhood;
import dev.threatkit.cti.graph.Page;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeFeed;
import dev.threatkit.cti.store.ChangeKind;
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
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    private static final String[] AS_SOURCE = {"source_ref", "sighting_of_ref"};
    private static final String[] AS_TARGET = {"target_ref", "where_sighted_refs"};
    private static final String[] RELATIONSHIP_ENDS = {
        "source_ref", "target_ref", "sighting_of_ref", "where_sighted_refs"
    };

    /** A writer closing with at least this many events since the last snapshot writes a new one. */
    static final long SNAPSHOT_AFTER_EVENTS = 10_000;

    private final Path dataDir;
    private final GraphStore store;
    private final StoreLock lock;
    private final StixValidator validator;
    private final boolean readOnly;
    private final AtomicLong sessions = new AtomicLong();
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final Object publication = new Object();
    private volatile long acknowledged;

    private StoreEngine(Path dataDir, GraphStore store, StoreLock lock, StixValidator validator, boolean readOnly) {
        this.dataDir = dataDir;
        this.store = store;
        this.lock = lock;
        this.validator = validator;
        this.readOnly = readOnly;
        this.acknowledged = store.lastEventId();
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
            return new StoreEngine(
                    dataDir,
                    store,
                    lock,
                    StixValidator.of(registry, dev.threatkit.cti.validation.ValidationOptions.DEFAULT),
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

    public Path dataDirectory() {
        return dataDir;
    }

    public String backend() {
        return store.graph().backend();
    }

    /** What the journal cut off its end on open (an interrupted write), or null. */
    public String recoveryNote() {
        return store.journal().truncationNote();
    }

    // ---------------------------------------------------------------- writing

    /** Starts an import for {@code caller}. */
    public Importer importer(Caller caller) {
        return importer(caller, false);
    }

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
        List<String> notFound = new ArrayList<>();
        int deleted;
        int cascaded;
        int containers;
        store.writeLock().lock();
        try {
            Set<Entry> named = new LinkedHashSet<>();
            for (String id : ids) {
                Entry e = store.resolve(id);
                if (e == null || !visible(e, caller)) {
                    notFound.add(id);
                } else {
                    named.add(e);
                }
            }
            for (Entry e : named) {
                int confidence = e.confidence < 0 ? 100 : e.confidence; // none counts as 100, as for upserts
                if (confidence > caller.maxConfidence()) {
                    throw new StoreException("cannot delete " + e.id + ": its confidence " + confidence
                            + " is above the caller's maximum " + caller.maxConfidence());
                }
            }
            // Relationships and sightings of removed objects go too, and those of removed relationships.
            Set<Entry> all = new LinkedHashSet<>(named);
            List<Entry> frontier = new ArrayList<>(named);
            while (!frontier.isEmpty()) {
                List<Entry> next = new ArrayList<>();
                for (Entry e : frontier) {
                    for (int key : store.graph().inKeys(e.vertex, RELATIONSHIP_ENDS)) {
                        Entry r = store.entry(key);
                        if (r != null && r.isRelationship() && all.add(r)) {
                            next.add(r);
                        }
                    }
                }
                frontier = next;
            }
            // Containers that hold removed objects lose them from object_refs.
            Map<Entry, Set<String>> holders = new LinkedHashMap<>();
            for (Entry e : all) {
                for (int key : store.graph().inKeys(e.vertex, "object_refs")) {
                    Entry c = store.entry(key);
                    if (c != null && !all.contains(c)) {
                        holders.computeIfAbsent(c, k -> new HashSet<>()).add(e.id);
                    }
                }
            }
            Instant now = Instant.now();
            for (Map.Entry<Entry, Set<String>> h : holders.entrySet()) {
                Entry c = h.getKey();
                StixObject before = store.object(c);
                List<String> refs = new ArrayList<>(before.getStrings("object_refs"));
                refs.removeIf(id -> h.getValue().contains(id) || gone(id, all));
                // A new version of the container: a newer modified, so re-importing the old one cannot undo it.
                StixObject.Builder b = before.toBuilder().put("modified", newer(before.modified(), now));
                StixObject after = refs.isEmpty()
                        ? b.remove("object_refs").build()
                        : b.put("object_refs", refs).build();
                ChangeEvent ev = new ChangeEvent(
                        store.lastEventId() + 1,
                        ChangeKind.UPDATE,
                        now,
                        "delete",
                        c.id,
                        after,
                        JsonPatch.diff(before, after),
                        JsonPatch.diff(after, before),
                        null,
                        false);
                store.append(ev);
                events.add(ev);
            }
            List<Entry> order = new ArrayList<>(all);
            order.sort(Comparator.comparing((Entry e) -> !e.isRelationship())); // relationships first
            for (Entry e : order) {
                // The last state goes into the event as it was stored: parsed for listeners, not re-encoded.
                byte[] payload = store.journal().read(e.pointer);
                StixObject last = EventCodec.decode(payload, e.id).object();
                ChangeEvent ev = new ChangeEvent(
                        store.lastEventId() + 1, ChangeKind.DELETE, now, "delete", e.id, last, null, null, null, false);
                store.append(ev, new Prepared(last, null, null, null, EventCodec.objectJson(payload)));
                events.add(ev);
            }
            store.sync();
            deleted = named.size();
            cascaded = all.size() - named.size();
            containers = holders.size();
        } finally {
            store.writeLock().unlock();
        }
        publish(events);
        return new DeleteResult(deleted, cascaded, notFound, containers);
    }

    /** Merges the objects known by {@code sourceIds} into the one known by {@code targetId}; returns its new state. */
    public StixObject merge(String targetId, List<String> sourceIds, Caller caller) {
        requireWritable();
        List<ChangeEvent> events;
        StixObject merged;
        store.writeLock().lock();
        try {
            Entry target = store.resolve(targetId);
            if (target == null || !visible(target, caller)) {
                throw new StoreException(targetId + " is not in the store");
            }
            List<Entry> sources = new ArrayList<>();
            for (String id : sourceIds) {
                Entry e = store.resolve(id);
                if (e == null || !visible(e, caller)) {
                    throw new StoreException(id + " is not in the store");
                }
                if (!sources.contains(e)) {
                    sources.add(e);
                }
            }
            events = new Merger(store, caller, "merge").merge(target, sources);
            store.sync();
            merged = events.get(events.size() - 1).object();
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

    private boolean gone(String id, Set<Entry> all) {
        Entry e = store.byId(id);
        return e != null && all.contains(e);
    }

    private void requireWritable() {
        if (readOnly) {
            throw new StoreException("the store in " + dataDir + " is open read-only; only a writer may change it");
        }
    }

    // ---------------------------------------------------------------- reading

    public Optional<StixObject> get(String id, Caller caller) {
        store.readLock().lock();
        try {
            Entry e = store.resolve(id);
            return e == null || !visible(e, caller) ? Optional.empty() : Optional.of(store.object(e));
        } finally {
            store.readLock().unlock();
        }
    }

    /** Objects of {@code type} (all types when null) in storage order, {@code limit} per page. */
    public Page<StixObject> list(String type, Caller caller, String cursor, int limit) {
        int after = decodeCursor(cursor);
        List<StixObject> items = new ArrayList<>();
        String next = null;
        store.readLock().lock();
        try {
            for (Entry e : store.entries()) {
                if (e.key <= after || (type != null && !type.equals(e.type)) || !visible(e, caller)) {
                    continue;
                }
                if (items.size() == limit) {
                    next = encodeCursor(after);
                    break;
                }
                items.add(store.object(e));
                after = e.key;
            }
        } finally {
            store.readLock().unlock();
        }
        return new Page<>(items, next);
    }

    private static String encodeCursor(int key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k" + key).getBytes());
    }

    private static int decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor));
            if (s.startsWith("k")) {
                return Integer.parseInt(s.substring(1));
            }
        } catch (IllegalArgumentException bad) {
            // reported below
        }
        throw new StoreException("cursor \"" + cursor + "\" was not made by this store; pass the nextCursor of a page");
    }

    public void forEachObject(Caller caller, Consumer<StixObject> action) {
        store.readLock().lock();
        try {
            for (Entry e : store.entries()) {
                if (visible(e, caller)) {
                    action.accept(store.object(e));
                }
            }
        } finally {
            store.readLock().unlock();
        }
    }

    /**
     * The relationships and sightings of the object known by {@code id}, seen from it; null when the id is
     * unknown or hidden. Revoked and deprecated relationships and neighbours, and revoked-by relationships,
     * are left out unless {@code all}.
     */
    public List<Neighbor> neighbors(
            String id, String relationshipType, Direction direction, boolean all, Caller caller) {
        store.readLock().lock();
        try {
            Entry self = store.resolve(id);
            if (self == null || !visible(self, caller)) {
                return null;
            }
            List<Neighbor> out = new ArrayList<>();
            if (direction != Direction.IN) {
                collect(self, AS_SOURCE, Direction.OUT, relationshipType, all, caller, out);
            }
            if (direction != Direction.OUT) {
                collect(self, AS_TARGET, Direction.IN, relationshipType, all, caller, out);
            }
            out.sort(Comparator.comparing(Neighbor::relationshipType)
                    .thenComparing(n -> n.name() == null ? "" : n.name())
                    .thenComparing(Neighbor::id)
                    .thenComparing(Neighbor::relationship)); // one neighbour can be reached twice
            return out;
        } finally {
            store.readLock().unlock();
        }
    }

    private void collect(
            Entry self,
            String[] labels,
            Direction direction,
            String relationshipType,
            boolean all,
            Caller caller,
            List<Neighbor> out) {
        Set<Integer> seen = new HashSet<>();
        for (int key : store.graph().inKeys(self.vertex, labels)) {
            Entry r = store.entry(key);
            if (r == null || !r.isRelationship() || !seen.add(key) || !visible(r, caller)) {
                continue;
            }
            if (relationshipType != null && !relationshipType.equals(r.relationshipType)) {
                continue;
            }
            if (!all && (r.revoked || r.deprecated || "revoked-by".equals(r.relationshipType))) {
                continue;
            }
            List<String> others = new ArrayList<>();
            if (direction == Direction.OUT) {
                if (r.to != null) {
                    others.addAll(List.of(r.to));
                }
            } else if (r.from != null) {
                others.add(r.from);
            }
            for (String otherId : others) {
                Entry other = store.byId(otherId);
                if (other != null) {
                    if (!visible(other, caller) || (!all && (other.revoked || other.deprecated))) {
                        continue;
                    }
                    out.add(new Neighbor(r.id, r.relationshipType, direction, false, other.id, other.type, other.name));
                } else {
                    int cut = otherId.indexOf("--");
                    out.add(new Neighbor(
                            r.id,
                            r.relationshipType,
                            direction,
                            false,
                            otherId,
                            cut > 0 ? otherId.substring(0, cut) : null,
                            null));
                }
            }
        }
    }

    /**
     * Breadth-first walk over relationships and sightings from the object known by {@code id}, at most
     * {@code depth} hops and {@code maxNodes} objects, following only {@code relationshipTypes} (all when
     * empty) and entering only objects of {@code objectTypes} (all when empty). Null when the id is unknown.
     */
    public Neighborhood neighborhood(
            String id,
            int depth,
            Set<String> relationshipTypes,
            Set<String> objectTypes,
            int maxNodes,
            boolean all,
            Caller caller) {
        store.readLock().lock();
        try {
            Entry start = store.resolve(id);
            if (start == null || !visible(start, caller)) {
                return null;
            }
            java.util.Map<String, Neighborhood.Node> nodes = new LinkedHashMap<>();
            java.util.Map<String, Neighborhood.Edge> edges = new LinkedHashMap<>();
            nodes.put(start.id, new Neighborhood.Node(start.id, start.type, start.name, 0));
            List<Entry> frontier = List.of(start);
            boolean truncated = false;
            for (int hop = 1; hop <= depth && !frontier.isEmpty() && !truncated; hop++) {
                List<Entry> next = new ArrayList<>();
                for (Entry e : frontier) {
                    List<Neighbor> around = new ArrayList<>();
                    collect(e, AS_SOURCE, Direction.OUT, null, all, caller, around);
                    collect(e, AS_TARGET, Direction.IN, null, all, caller, around);
                    for (Neighbor n : around) {
                        if (!relationshipTypes.isEmpty() && !relationshipTypes.contains(n.relationshipType())) {
                            continue;
                        }
                        if (!objectTypes.isEmpty() && !objectTypes.contains(n.type())) {
                            continue;
                        }
                        if (!nodes.containsKey(n.id())) {
                            if (nodes.size() >= maxNodes) {
                                truncated = true;
                                break;
                            }
                            nodes.put(n.id(), new Neighborhood.Node(n.id(), n.type(), n.name(), hop));
                            Entry reached = store.byId(n.id());
                            if (reached != null) {
                                next.add(reached);
                            }
                        }
                        String from = n.direction() == Direction.OUT ? e.id : n.id();
                        String to = n.direction() == Direction.OUT ? n.id() : e.id;
                        edges.putIfAbsent(
                                n.relationship() + ">" + to,
                                new Neighborhood.Edge(n.relationship(), n.relationshipType(), from, to));
                    }
                    if (truncated) {
                        break;
                    }
                }
                frontier = next;
            }
            return new Neighborhood(new ArrayList<>(nodes.values()), new ArrayList<>(edges.values()), truncated);
        } finally {
            store.readLock().unlock();
        }
    }

    /**
     * Every change event of the object known by {@code id} (or that once had this stored id), oldest first,
     * including the merge that absorbed it; empty when none.
     */
    public List<ChangeEvent> history(String id, Caller caller) {
        String storedId;
        store.readLock().lock();
        try {
            Entry e = store.resolve(id);
            if (e != null && !visible(e, caller)) {
                return List.of();
            }
            storedId = e == null ? id : e.id;
        } finally {
            store.readLock().unlock();
        }
        List<ChangeEvent> out = new ArrayList<>();
        List<Long> pointers = new ArrayList<>();
        store.readLock().lock();
        try {
            store.journal().pointersAfter(0, acknowledged, pointers);
            for (long p : pointers) {
                byte[] payload = store.journal().read(p);
                if (EventCodec.mentions(payload, storedId)) {
                    ChangeEvent ev = EventCodec.decode(payload, "journal");
                    if (ev.objectId().equals(storedId) || ev.mergedIds().contains(storedId)) {
                        out.add(ev);
                    }
                }
            }
        } finally {
            store.readLock().unlock();
        }
        return out;
    }

    /** Containers (reports, groupings, notes ...) whose object_refs hold the object; null when unknown. */
    public List<StixObject> containersOf(String id, Caller caller) {
        return along(id, caller, true);
    }

    /** The objects a container's object_refs hold and the store has; null when unknown. */
    public List<StixObject> contentsOf(String id, Caller caller) {
        return along(id, caller, false);
    }

    private List<StixObject> along(String id, Caller caller, boolean incoming) {
        store.readLock().lock();
        try {
            Entry self = store.resolve(id);
            if (self == null || !visible(self, caller)) {
                return null;
            }
            List<Integer> keys = incoming
                    ? store.graph().inKeys(self.vertex, "object_refs")
                    : store.graph().outKeys(self.vertex, "object_refs");
            List<StixObject> out = new ArrayList<>();
            for (int key : new LinkedHashSet<>(keys)) {
                Entry e = store.entry(key);
                if (e != null && visible(e, caller)) {
                    out.add(store.object(e));
                }
            }
            return out;
        } finally {
            store.readLock().unlock();
        }
    }

    public Map<String, Integer> stats() {
        store.readLock().lock();
        try {
            return store.countsByType();
        } finally {
            store.readLock().unlock();
        }
    }

    public int size() {
        store.readLock().lock();
        try {
            return store.size();
        } finally {
            store.readLock().unlock();
        }
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

    private static boolean visible(Entry e, Caller caller) {
        return caller.seesAll() || caller.canSee(e.markings == null ? null : List.of(e.markings));
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
