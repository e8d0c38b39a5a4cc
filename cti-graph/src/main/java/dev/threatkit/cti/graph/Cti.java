package dev.threatkit.cti.graph;

import dev.threatkit.cti.internal.graph.Importer;
import dev.threatkit.cti.internal.graph.StoreEngine;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixParseException;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeFeed;
import dev.threatkit.cti.store.ChangeListener;
import dev.threatkit.cti.store.SearchIndex;
import dev.threatkit.cti.store.StoreException;
import dev.threatkit.cti.store.StoreReader;
import dev.threatkit.cti.upgrade.Stix20Upgrader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The front door: a STIX knowledge store on a Gremlin graph, with a durable journal and a change stream.
 * Thread-safe; close it when done. The embedded default keeps the graph in memory (TinkerGraph) and the
 * journal in a data directory, from which every open rebuilds the graph.
 *
 * <pre>{@code
 * try (Cti cti = Cti.builder().dataDirectory(Path.of("cti-data")).build()) {
 *     ImportReport report = cti.importFiles(List.of(Path.of("enterprise-attack.json")), Caller.ADMIN);
 *     cti.get("G0016", Caller.ADMIN).ifPresent(System.out::println);
 * }
 * }</pre>
 *
 * <p>One process writes a store at a time; another process may open it {@linkplain Builder#readOnly(boolean)
 * read-only} and sees it as it was when opened. Every read and write takes a {@link Caller}: objects whose
 * markings the caller lacks are invisible to it, and its writes take effect only within its maximum
 * confidence.
 */
public final class Cti implements StoreReader, ChangeFeed, AutoCloseable {
    private static final int CHUNK = 256;
    private final StoreEngine engine;
    private final Stix20Upgrader upgrader;
    private final ChangeFeed.Subscription indexSubscription;
    private final SearchIndex index;
    private final boolean readYourWrites;
    private final boolean strictRelationships;

    private Cti(
            StoreEngine engine,
            StixRegistry registry,
            SearchIndex index,
            boolean readYourWrites,
            boolean strictRelationships) {
        this.engine = engine;
        this.strictRelationships = strictRelationships;
        this.upgrader = new Stix20Upgrader(registry);
        this.index = index;
        this.readYourWrites = readYourWrites;
        this.indexSubscription = index == null ? null : follow(index);
    }

    /**
     * Subscribes the index from where it stopped. An index that claims events the store never had (a store
     * restored from an older backup, another store's index) or that needs events compaction removed is rebuilt
     * from the current objects first.
     */
    private ChangeFeed.Subscription follow(SearchIndex index) {
        long through = index.appliedThrough();
        if (through > engine.lastEventId() || through < engine.firstRetainedEventId() - 1) {
            index.rebuild(this);
            through = engine.lastEventId();
        }
        return engine.subscribe(through, index);
    }

    /** With a search index and read-your-writes, returns once the index shows what the last write did. */
    private <T> T written(T result) {
        if (readYourWrites) {
            awaitSearchable();
        }
        return result;
    }

    /**
     * Returns once the search index shows every change acknowledged so far; at once when there is no index.
     * Without {@link Builder#readYourWrites(boolean)}, a change becomes searchable within a second.
     */
    public void awaitSearchable() {
        if (index != null) {
            index.awaitSearchable(engine.lastEventId());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures and opens a store. */
    public static final class Builder {
        private Path dataDirectory = Path.of("cti-data");
        private boolean readOnly;
        private StixRegistry registry;
        private SearchIndex searchIndex;
        private GraphBackend backend = GraphBackend.tinkerGraph();
        private boolean strictRelationships;
        private boolean readYourWrites;

        private Builder() {}

        /**
         * Every import, delete and merge returns only once the search index shows its changes (default false:
         * they become searchable within a second).
         */
        public Builder readYourWrites(boolean readYourWrites) {
            this.readYourWrites = readYourWrites;
            return this;
        }

        /** Where the graph projection lives (default {@link GraphBackend#tinkerGraph()}). */
        public Builder graph(GraphBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** Where the journal lives (default {@code ./cti-data}); created on first write. */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Opens without taking the writer lock: reads only, allowed while another process writes. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** The schema (default {@link StixRegistry#builtIn()}), for custom types and extensions. */
        public Builder registry(StixRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** A projection kept up to date from the change stream, caught up on open. */
        public Builder searchIndex(SearchIndex index) {
            this.searchIndex = Objects.requireNonNull(index, "index");
            return this;
        }

        /**
         * Imports reject a relationship whose type OpenCTI's from/to matrix does not allow between its ends
         * (default false: it is stored, with a warning). {@code related-to} and {@code revoked-by} are allowed
         * between any two objects; sightings are not checked.
         */
        public Builder strictRelationships(boolean strict) {
            this.strictRelationships = strict;
            return this;
        }

        public Cti build() {
            StixRegistry reg = registry == null ? StixRegistry.builtIn() : registry;
            // Readers never write to a shared graph: they project into a private one.
            GraphBackend graph = readOnly ? GraphBackend.tinkerGraph() : backend;
            StoreEngine engine = StoreEngine.open(dataDirectory, graph::open, reg, readOnly);
            try {
                return new Cti(engine, reg, searchIndex, readYourWrites, strictRelationships);
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------- import

    /**
     * Imports STIX 2.0 or 2.1 files (bundles, arrays or single objects; plain or gzip). Each file is read once
     * through before anything from it is stored, so a file that cannot be parsed (it is reported in
     * {@link ImportReport#unreadable()}) stores nothing. Acknowledged, and durable, when this returns.
     */
    public ImportReport importFiles(List<Path> files, Caller caller, ImportProgress progress) {
        Objects.requireNonNull(caller, "caller");
        long[] counts = new long[files.size()];
        List<Rejection> unreadable = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            counts[i] = count(files.get(i), unreadable);
            total += Math.max(0, counts[i]);
        }
        Importer importer = engine.importer(caller, strictRelationships);
        // Two stages on two threads: this one resolves identity and writes; a reader parses, upgrades and
        // validates the next chunk meanwhile.
        BlockingQueue<List<Checked>> queue = new ArrayBlockingQueue<>(4);
        Thread reader = new Thread(() -> read(files, counts, importer, queue, unreadable), "cti-import-reader");
        reader.setDaemon(true);
        reader.start();
        long done = 0;
        try {
            while (true) {
                List<Checked> chunk = queue.take();
                if (chunk.isEmpty()) {
                    break;
                }
                for (Checked c : chunk) {
                    if (c.object == null) {
                        importer.startSource();
                        continue;
                    }
                    importer.acceptChecked(c.object, c.source, c.path, c.rejection, c.prepared);
                    progress.progress(++done, total);
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw new StoreException("import interrupted; what was acknowledged before stays stored");
        }
        synchronized (unreadable) {
            return written(importer.finish().withUnreadable(unreadable));
        }
    }

    /** One object read and validated, or (object null) the start of the next source. */
    private record Checked(StixObject object, String source, String path, Rejection rejection, Object prepared) {}

    private void read(
            List<Path> files,
            long[] counts,
            Importer importer,
            BlockingQueue<List<Checked>> queue,
            List<Rejection> unreadable) {
        List<Checked> chunk = new ArrayList<>(CHUNK);
        try {
            for (int i = 0; i < files.size(); i++) {
                chunk.add(new Checked(null, null, null, null, null));
                if (counts[i] < 0) {
                    continue;
                }
                String source = files.get(i).toString();
                try (StixReader reader = StixReader.open(files.get(i))) {
                    Iterator<StixObject> it = upgrader.upgrading(reader);
                    while (it.hasNext()) {
                        StixObject o = it.next();
                        String path = reader.path();
                        Rejection rejection = importer.check(o, source, path);
                        chunk.add(new Checked(
                                o, source, path, rejection, rejection == null ? importer.prepare(o) : null));
                        if (chunk.size() >= CHUNK) {
                            queue.put(chunk);
                            chunk = new ArrayList<>(CHUNK);
                        }
                    }
                } catch (StixParseException e) {
                    // The file changed between the two reads.
                    synchronized (unreadable) {
                        unreadable.add(new Rejection(source, null, e.path(), e.getMessage()));
                    }
                }
            }
            if (!chunk.isEmpty()) {
                queue.put(chunk);
            }
            queue.put(List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public ImportReport importFiles(List<Path> files, Caller caller) {
        return importFiles(files, caller, ImportProgress.NONE);
    }

    /** Objects in the file, or -1 (with the reason added to {@code unreadable}) when it cannot be read to its end. */
    private static long count(Path file, List<Rejection> unreadable) {
        long n = 0;
        try (StixReader reader = StixReader.open(file)) {
            while (reader.hasNext()) {
                reader.next();
                n++;
            }
            return n;
        } catch (StixParseException e) {
            unreadable.add(new Rejection(file.toString(), null, e.path(), e.getMessage()));
            return -1;
        }
    }

    /**
     * Imports objects from any source (a connector, a TAXII feed); 2.0 objects are upgraded. Objects are
     * written in batches as they come, so a failing iterator leaves the batches before it stored.
     */
    public ImportReport importObjects(Iterator<StixObject> objects, String source, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        Importer importer = engine.importer(caller, strictRelationships);
        importer.startSource();
        long i = 0;
        while (objects.hasNext()) {
            StixObject o = objects.next();
            List<StixObject> upgraded =
                    Stix20Upgrader.isStix20(o, false) ? upgrader.upgrade(o).objects() : List.of(o);
            for (StixObject u : upgraded) {
                importer.accept(u, source, "[" + i + "]");
            }
            i++;
        }
        return written(importer.finish());
    }

    // ---------------------------------------------------------------- reads

    /**
     * The object known by {@code id}: its STIX id, any id it was known by, its standard id or an alias id, or
     * (observables) any of its hash values. Empty when unknown or hidden from the caller.
     */
    @Override
    public Optional<StixObject> get(String id, Caller caller) {
        return engine.get(Objects.requireNonNull(id, "id"), Objects.requireNonNull(caller, "caller"));
    }

    /** Objects of {@code type} (every type when null) in storage order, at most {@code limit} per page. */
    public Page<StixObject> list(String type, String cursor, int limit, Caller caller) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10,000, got " + limit);
        }
        return engine.list(type, Objects.requireNonNull(caller, "caller"), cursor, limit);
    }

    @Override
    public void forEachObject(Caller caller, Consumer<StixObject> action) {
        engine.forEachObject(caller, action);
    }

    /**
     * The relationships and sightings of an object, sorted by relationship type, neighbour name and id;
     * empty when the id is unknown or hidden. {@code relationshipType} null means every type. Revoked and
     * deprecated relationships and neighbours, and revoked-by relationships, are left out unless {@code all}.
     */
    public Optional<List<Neighbor>> neighbors(
            String id, String relationshipType, Direction direction, boolean all, Caller caller) {
        return Optional.ofNullable(engine.neighbors(id, relationshipType, direction, all, caller));
    }

    /**
     * One page of {@link #neighbors(String, String, Direction, boolean, Caller)}: {@code limit} neighbours after
     * {@code cursor} (null for the first page).
     */
    public Optional<Page<Neighbor>> neighbors(
            String id,
            String relationshipType,
            Direction direction,
            boolean all,
            String cursor,
            int limit,
            Caller caller) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10,000, got " + limit);
        }
        return Optional.ofNullable(engine.neighbors(
                id, relationshipType, direction, all, Objects.requireNonNull(caller, "caller"), cursor, limit));
    }

    /**
     * The objects within {@code depth} relationships (1 to 5) of the object known by {@code id}, at most
     * {@code maxNodes} of them, following only {@code relationshipTypes} and entering only {@code objectTypes}
     * (each: all when empty). Revoked and deprecated ones only when {@code all}. Empty when the id is unknown.
     */
    public Optional<Neighborhood> neighborhood(
            String id,
            int depth,
            java.util.Set<String> relationshipTypes,
            java.util.Set<String> objectTypes,
            int maxNodes,
            boolean all,
            Caller caller) {
        if (depth < 1 || depth > 5) {
            throw new IllegalArgumentException("depth must be 1 to 5, got " + depth);
        }
        if (maxNodes < 1 || maxNodes > 100_000) {
            throw new IllegalArgumentException("maxNodes must be 1 to 100,000, got " + maxNodes);
        }
        return Optional.ofNullable(engine.neighborhood(
                id,
                depth,
                java.util.Set.copyOf(relationshipTypes),
                java.util.Set.copyOf(objectTypes),
                maxNodes,
                all,
                Objects.requireNonNull(caller, "caller")));
    }

    /**
     * Every shortest path of at most {@code maxHops} relationships (1 to 8) between the objects known by
     * {@code from} and {@code to} (any id form {@link #get} takes), crossing relationships and sightings in
     * either direction, only those of {@code relationshipTypes} when it is not empty ({@code sighting} for
     * sightings). Each path alternates object and relationship ids, {@code [from, relationship, object, ...,
     * to]}, as stored; the paths are sorted by their id sequences and at most the first 100 are returned. The
     * same object at both ends gives the one path {@code [id]}; no path within {@code maxHops}, an empty list.
     * Objects hidden from the caller are never crossed; revoked and deprecated objects and relationships, and
     * revoked-by relationships, only when {@code all} (the two ends themselves are taken as named). Empty when
     * an end is unknown or hidden.
     */
    public Optional<List<List<String>>> paths(
            String from, String to, int maxHops, java.util.Set<String> relationshipTypes, boolean all, Caller caller) {
        if (maxHops < 1 || maxHops > 8) {
            throw new IllegalArgumentException("maxHops must be 1 to 8, got " + maxHops);
        }
        return Optional.ofNullable(engine.paths(
                Objects.requireNonNull(from, "from"),
                Objects.requireNonNull(to, "to"),
                maxHops,
                java.util.Set.copyOf(relationshipTypes),
                all,
                Objects.requireNonNull(caller, "caller")));
    }

    /**
     * The domain objects that share something of {@code kinds} (every kind when empty) with the object known by
     * {@code id}: observables or infrastructure related directly to both (by any relationship or sighting), or
     * attack patterns both {@code uses}. Ranked by how many objects they share, then by id; at most
     * {@code limit} (1 to 10,000). Inferred relationships do not count; revoked and deprecated objects and
     * relationships only when {@code all}. Empty when the id is unknown or hidden.
     */
    public Optional<List<PivotMatch>> pivot(
            String id, java.util.Set<PivotKind> kinds, int limit, boolean all, Caller caller) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10,000, got " + limit);
        }
        return Optional.ofNullable(engine.pivot(
                Objects.requireNonNull(id, "id"),
                java.util.Set.copyOf(kinds),
                limit,
                all,
                Objects.requireNonNull(caller, "caller")));
    }

    /**
     * The change events of an object, oldest first (when, from which source, the patch of each update), read
     * from the journal; the history of a deleted object stays available under its stored id.
     */
    public List<dev.threatkit.cti.store.ChangeEvent> history(String id, Caller caller) {
        return engine.history(Objects.requireNonNull(id, "id"), Objects.requireNonNull(caller, "caller"));
    }

    /** Containers (reports, groupings, notes, opinions, observed data) that hold the object. */
    public Optional<List<StixObject>> containersOf(String id, Caller caller) {
        return Optional.ofNullable(engine.containersOf(id, caller));
    }

    /** The stored objects a container holds. */
    public Optional<List<StixObject>> contentsOf(String id, Caller caller) {
        return Optional.ofNullable(engine.contentsOf(id, caller));
    }

    /** Stored objects by STIX type. */
    public Map<String, Integer> stats() {
        return engine.stats();
    }

    /** Objects the rule engine inferred, by STIX type (not counted in {@link #stats()}). */
    public Map<String, Integer> inferredStats() {
        return engine.inferredStats();
    }

    /** Objects the identity rules kept apart although they share a standard id or alias. */
    public List<MergeSuggestion> suggestions() {
        return engine.suggestions();
    }

    // ---------------------------------------------------------------- writes

    /**
     * Deletes the objects known by {@code ids}, with every relationship and sighting that points to them, and
     * removes them from the containers that hold them; one durable step.
     */
    public DeleteResult delete(List<String> ids, Caller caller) {
        return written(engine.delete(List.copyOf(ids), Objects.requireNonNull(caller, "caller")));
    }

    /**
     * Merges the objects known by {@code sourceIds} into the one known by {@code targetId} (objects of one
     * type; domain objects and observables only): their relationships and references move to the target,
     * which absorbs their properties and remembers their ids; the sources are removed. Returns the merged
     * object. Refused, with nothing changed, when an object is unknown, of another type, or above the caller's
     * confidence.
     */
    public StixObject merge(String targetId, List<String> sourceIds, Caller caller) {
        return written(engine.merge(
                Objects.requireNonNull(targetId, "targetId"), List.copyOf(sourceIds), Objects.requireNonNull(caller)));
    }

    /**
     * Writes a snapshot now: the next open loads it instead of replaying the whole journal. A writer also
     * writes one when it closes after 10,000 or more changes since the last.
     */
    public long snapshot() {
        return engine.snapshot();
    }

    /**
     * Writes a snapshot, then deletes the journal segments before it. Afterwards the change feed cannot
     * replay events older than the snapshot. Returns the number of segments deleted.
     */
    public int compact() {
        return engine.compact();
    }

    /** Writes a consistent copy of the store to an empty or new directory, which opens as a store. */
    public BackupResult backup(Path directory) {
        return engine.backup(directory);
    }

    // ---------------------------------------------------------------- rules

    /**
     * The inference rules (OpenCTI's knowledge rules, under its rule ids), in catalog order, with whether each is
     * enabled on this store. Rules are off until enabled; the choice is kept in the data directory.
     */
    public List<RuleInfo> rules() {
        return engine.rules();
    }

    /**
     * Enables a rule over every fact: see {@link #enableRule(String, RuleScope)}.
     *
     * @throws IllegalArgumentException when no rule has this id
     */
    public RuleChange enableRule(String ruleId) {
        return enableRule(ruleId, RuleScope.ALL);
    }

    /**
     * Enables a rule (or changes the scope of an enabled one). Returns once everything it derives from the stored
     * facts is written; from then on every write derives and retracts at once. Inferred relationships, sightings and
     * incidents carry their explanations in {@code x_threatkit_inference}; references inferred for a report in its
     * {@code x_threatkit_inferred_refs}. An inferred fact is never written where the same explicit fact is stored.
     *
     * @throws IllegalArgumentException when no rule has this id
     */
    public RuleChange enableRule(String ruleId, RuleScope scope) {
        requireRule(ruleId);
        return written(engine.enableRule(ruleId, Objects.requireNonNull(scope, "scope")));
    }

    /**
     * Disables a rule; returns once every fact it inferred that no enabled rule still explains is removed.
     *
     * @throws IllegalArgumentException when no rule has this id
     */
    public RuleChange disableRule(String ruleId) {
        requireRule(ruleId);
        return written(engine.disableRule(ruleId));
    }

    /** True when {@code ruleId} names one of the rules {@link #rules()} lists. */
    public static boolean isRule(String ruleId) {
        return ruleId != null && StoreEngine.knownRule(ruleId);
    }

    private static void requireRule(String ruleId) {
        if (!isRule(ruleId)) {
            throw new IllegalArgumentException("unknown rule \"" + ruleId + "\"; rules() lists them");
        }
    }

    // ---------------------------------------------------------------- change feed

    @Override
    public long lastEventId() {
        return engine.lastEventId();
    }

    @Override
    public Subscription subscribe(long afterEventId, ChangeListener listener) {
        return engine.subscribe(afterEventId, Objects.requireNonNull(listener, "listener"));
    }

    /** The graph backend the store projects into. */
    public String backend() {
        return engine.backend();
    }

    /** True when opened read-only. */
    public boolean readOnly() {
        return engine.readOnly();
    }

    /** What recovery cut off the end of the journal on open (an interrupted write), or null. */
    public String recoveryNote() {
        return engine.recoveryNote();
    }

    @Override
    public void close() {
        try {
            if (indexSubscription != null) {
                indexSubscription.close();
            }
        } finally {
            engine.close();
        }
    }
}
