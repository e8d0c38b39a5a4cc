package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The store's state: the journal (truth), the in-memory catalog (ids and hot properties of every object) and
 * the graph projection (references as edges). {@link #apply} is the one place state changes, for live
 * writes and for recovery alike, so a store rebuilt from its journal equals the store that wrote it.
 *
 * <p>Writers hold {@link #writeLock()}; readers hold {@link #readLock()}.
 */
final class GraphStore implements AutoCloseable {
    /** Property of an object the rule engine produced: its explanations by rule. */
    static final String INFERENCE = "x_threatkit_inference";
    /** Property of a container: the references the rule engine added, with their explanations. */
    static final String INFERRED_REFS = "x_threatkit_inferred_refs";

    /** A reference that points at an id the store does not hold yet. */
    private record Pending(int sourceKey, String label, int version) {}

    private Journal journal;
    /** Why the store refuses changes (a journal write or apply failed), or null. */
    private volatile String failure;

    /** The last event the newest snapshot holds (0 when there is none). */
    private long snapshotEventId;

    private final GraphProjection graph;
    private final ObjectFacts facts;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private Entry[] entries = new Entry[1024];
    private int nextKey = 1;
    private int live;
    private final Map<String, Entry> byId = new HashMap<>();
    private final MultiIndex byStandard = new MultiIndex();
    private final MultiIndex byHash = new MultiIndex();
    private final MultiIndex byExternalId = new MultiIndex();
    private final MultiIndex byTriple = new MultiIndex();
    private final Map<String, Object> metaVertices = new HashMap<>();
    private final List<String> metaNames = new ArrayList<>();
    private final Map<String, Integer> metaKeys = new HashMap<>();
    private final Map<String, List<Pending>> pending = new HashMap<>();
    private final Map<String, int[]> typeCounts = new TreeMap<>();
    private final Map<String, int[]> inferredCounts = new TreeMap<>();
    private final Map<String, String> sharedStrings = new HashMap<>();
    /** References the last applied event left waiting for their target (the importer warns about them). */
    private final List<ObjectFacts.Ref> unresolved = new ArrayList<>();

    private final Map<String, String[]> sharedMarkingArrays = new HashMap<>();
    /** The rule engine's hook into writes, or null (readers). */
    private Inference inference;

    private GraphStore(GraphProjection graph, ObjectFacts facts) {
        this.graph = graph;
        this.facts = facts;
    }

    /** Opens the journal in {@code dataDir}/journal and replays it into {@code graph}. */
    static GraphStore open(Path dataDir, GraphProjection graph, StixRegistry registry, boolean readOnly) {
        GraphStore store = new GraphStore(graph, new ObjectFacts(registry));
        graph.clear(); // a persistent graph still holds the last projection: rebuild it from the journal
        Snapshot.Loaded snapshot = Snapshot.loadLatest(dataDir.resolve("snapshot"), store);
        long after = snapshot == null ? 0 : snapshot.lastEventId();
        store.journal = Journal.open(dataDir.resolve("journal"), readOnly, after, (pointer, payload) -> {
            if (EventCodec.eventId(payload) > after) {
                ChangeEvent e = EventCodec.decode(payload, "journal record at " + Long.toHexString(pointer));
                store.apply(e, pointer);
            }
        });
        if (snapshot != null) {
            store.journal.attachSnapshot(snapshot.file(), snapshot.channel());
            store.snapshotEventId = after;
        }
        graph.commit();
        return store;
    }

    void inference(Inference inference) {
        this.inference = inference;
    }

    Inference inference() {
        return inference;
    }

    /**
     * Lets the rule engine derive from, or retract after, a write's applied events: it appends its inferred changes
     * to the journal and to {@code events}. Call before {@link #sync()}, under the write lock.
     */
    void infer(List<ChangeEvent> events) {
        if (inference != null) {
            inference.react(events);
        }
    }

    ReentrantReadWriteLock.ReadLock readLock() {
        return lock.readLock();
    }

    ReentrantReadWriteLock.WriteLock writeLock() {
        return lock.writeLock();
    }

    ObjectFacts facts() {
        return facts;
    }

    Journal journal() {
        return journal;
    }

    GraphProjection graph() {
        return graph;
    }

    long lastEventId() {
        return journal.lastEventId();
    }

    /** Appends {@code e} to the journal (not yet forced) and applies it. Caller holds the write lock. */
    void append(ChangeEvent e) {
        append(e, null);
    }

    /** As {@link #append(ChangeEvent)}, reusing what was {@linkplain Prepared prepared} for its object. */
    void append(ChangeEvent e, Prepared prepared) {
        if (failure != null) {
            throw new StoreException("the store stopped accepting changes after a failed journal write (" + failure
                    + "); close it and open it again: recovery keeps what was acknowledged");
        }
        Prepared p = prepared == null ? null : prepared.forObject(e.object());
        long pointer;
        try {
            pointer = journal.append(e, p == null ? null : p.json());
            apply(e, pointer, p);
        } catch (RuntimeException x) {
            failure = x.getMessage();
            throw x;
        }
    }

    /** Forces the journal and commits the graph: after this returns, appended events are acknowledged. */
    void sync() {
        try {
            journal.sync();
            graph.commit();
        } catch (RuntimeException x) {
            // Memory is now ahead of the disk: refuse further changes rather than acknowledge on top of them.
            failure = x.getMessage();
            throw x;
        }
    }

    // ---------------------------------------------------------------- applying events

    void apply(ChangeEvent e, long pointer) {
        apply(e, pointer, null);
    }

    private void apply(ChangeEvent e, long pointer, Prepared prepared) {
        unresolved.clear();
        switch (e.kind()) {
            case CREATE:
                create(e.objectId(), e.object(), pointer, prepared);
                break;
            case UPDATE:
            case MERGE:
                Entry en = byId.get(e.objectId());
                if (en == null || !en.id.equals(e.objectId())) {
                    // An update of an object this journal never created is a damaged journal.
                    throw new StoreException("journal event " + e.id() + " updates " + e.objectId()
                            + ", which the store does not hold; restore the data directory from a backup");
                }
                for (String merged : e.mergedIds()) {
                    Entry gone = byId.get(merged);
                    if (gone != null && gone != en) {
                        remove(gone);
                    }
                }
                update(en, e.object(), pointer, prepared);
                break;
            case DELETE:
                Entry del = byId.get(e.objectId());
                if (del != null) {
                    remove(del);
                }
                break;
            default:
                throw new IllegalStateException(e.kind().toString());
        }
    }

    private void create(String storedId, StixObject o, long pointer, Prepared prepared) {
        int key = nextKey++;
        if (key >= entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        Entry en = new Entry(key, storedId, shared(o.type()));
        entries[key] = en;
        live++;
        fill(en, o, pointer, prepared);
        counts(en).computeIfAbsent(en.type, t -> new int[1])[0]++;
        index(en);
        en.vertex = graph.addVertex(key, en.type);
        link(en, o);
        resolvePending(en);
    }

    /**
     * Recreates an entry from a snapshot: its catalog fields as written, its references as edges, without
     * parsing its JSON. Entries come in their original order, so keys stay dense.
     */
    Entry restore(Entry fields) {
        int key = nextKey++;
        if (key >= entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        Entry en = new Entry(key, fields.id, shared(fields.type));
        en.pointer = fields.pointer;
        en.name = fields.name;
        en.entityType = shared(fields.entityType);
        en.revoked = fields.revoked;
        en.deprecated = fields.deprecated;
        en.inferred = fields.inferred;
        en.inferredRefs = fields.inferredRefs;
        en.standardId = fields.standardId;
        en.aliasIds = fields.aliasIds;
        en.hashes = fields.hashes;
        en.externalId = fields.externalId;
        en.otherIds = fields.otherIds;
        en.createdBy = shared(fields.createdBy);
        en.confidence = fields.confidence;
        en.markings = fields.markings == null ? null : sharedMarkings(List.of(fields.markings));
        en.relationshipType = shared(fields.relationshipType);
        en.from = fields.from == null ? null : canonicalId(fields.from);
        en.to = fields.to == null ? null : canonicalIds(Arrays.asList(fields.to));
        entries[key] = en;
        live++;
        counts(en).computeIfAbsent(en.type, t -> new int[1])[0]++;
        index(en);
        en.vertex = graph.addVertex(key, en.type);
        return en;
    }

    /**
     * Links a restored entry's references, once every entry of the snapshot is restored. Labels come back from
     * the snapshot as new strings, one per reference; each edge keeps its label, so they are shared first, as
     * the parser's interned keys are on import.
     */
    void linkRestored(Entry en, List<ObjectFacts.Ref> refs) {
        List<ObjectFacts.Ref> shared = new ArrayList<>(refs.size());
        for (ObjectFacts.Ref ref : refs) {
            shared.add(new ObjectFacts.Ref(shared(ref.label()), ref.target()));
        }
        link(en, shared);
    }

    /**
     * The references of every live entry as the store holds them (edges, and references still waiting for
     * their target), by entry key: what a snapshot writes instead of parsing every object again. A target is
     * an entry key (positive), a kill-chain-phase or external-reference name, or an id not held.
     */
    Map<Integer, List<Object[]>> references() {
        Map<Integer, List<Object[]>> out = new HashMap<>();
        for (Entry en : entries()) {
            List<Object[]> refs = new ArrayList<>();
            for (GraphProjection.OutRef r : graph.outRefs(en.vertex)) {
                refs.add(new Object[] {r.label(), r.targetKey() < 0 ? metaName(r.targetKey()) : r.targetKey()});
            }
            out.put(en.key, refs);
        }
        pending.forEach((target, waiting) -> {
            for (Pending p : waiting) {
                Entry source = entries[p.sourceKey()];
                if (source != null && source.version == p.version()) {
                    out.get(source.key).add(new Object[] {p.label(), target});
                }
            }
        });
        return out;
    }

    /** Points the entry at a new copy of its record (after a snapshot replaced the journal it was in). */
    void repoint(Entry en, long pointer) {
        en.pointer = pointer;
    }

    private void update(Entry en, StixObject o, long pointer, Prepared prepared) {
        en.version++; // references it left waiting are stale now
        unindex(en);
        counts(en).get(en.type)[0]--;
        fill(en, o, pointer, prepared);
        counts(en).computeIfAbsent(en.type, t -> new int[1])[0]++;
        index(en);
        relink(en, o);
        resolvePending(en);
    }

    /**
     * Brings the entry's edges in line with the object's references, touching only those that changed: a new
     * version rarely changes its author, markings or ends, and removing an edge from a hub (an author with
     * thousands of objects) costs TinkerGraph a scan of the hub's edges.
     */
    private void relink(Entry en, StixObject o) {
        Map<String, Integer> have = new HashMap<>();
        for (GraphProjection.OutRef r : graph.outRefs(en.vertex)) {
            have.merge(r.label() + '\u0000' + r.targetKey(), 1, Integer::sum);
        }
        List<ObjectFacts.Ref> add = new ArrayList<>();
        for (ObjectFacts.Ref ref : ObjectFacts.refs(o)) {
            Integer target = targetKey(ref.target());
            String k = target == null ? null : ref.label() + '\u0000' + target;
            Integer count = k == null ? null : have.get(k);
            if (count == null) {
                add.add(ref);
            } else if (count == 1) {
                have.remove(k);
            } else {
                have.put(k, count - 1);
            }
        }
        for (Map.Entry<String, Integer> gone : have.entrySet()) {
            int cut = gone.getKey().indexOf('\u0000');
            String label = gone.getKey().substring(0, cut);
            int target = Integer.parseInt(gone.getKey().substring(cut + 1));
            Object to = target < 0 ? metaVertices.get(metaName(target)) : entries[target].vertex;
            for (int i = 0; i < gone.getValue(); i++) {
                graph.removeEdge(en.vertex, label, to);
            }
        }
        link(en, add);
    }

    /** The key of the vertex a reference points at, or null when it has none yet. */
    private Integer targetKey(String target) {
        if (ObjectFacts.isMeta(target)) {
            return metaKeys.get(target);
        }
        Entry t = byId.get(target);
        return t == null ? null : t.key;
    }

    private void remove(Entry en) {
        unindex(en);
        // Whatever referenced the removed object now points at an id the store lacks: it waits again.
        for (GraphProjection.InRef ref : graph.inRefs(en.vertex)) {
            Entry source = entry(ref.sourceKey());
            if (source != null && source != en) {
                pending.computeIfAbsent(en.id, k -> new ArrayList<>(1))
                        .add(new Pending(source.key, ref.label(), source.version));
            }
        }
        graph.removeVertex(en.vertex);
        entries[en.key] = null;
        live--;
        counts(en).get(en.type)[0]--;
    }

    private void fill(Entry en, StixObject o, long pointer, Prepared prepared) {
        en.pointer = pointer;
        en.name = ObjectFacts.displayName(o);
        en.entityType = facts.entityType(o);
        en.revoked = o.revoked();
        en.deprecated = Boolean.TRUE.equals(o.getBoolean("x_mitre_deprecated"));
        en.inferred = o.has(INFERENCE);
        en.inferredRefs = o.has(INFERRED_REFS);
        boolean relationship = "relationship".equals(en.type) || "sighting".equals(en.type);
        // Relationships are matched by their ends (triple), never by standard id: skip the hashing.
        if (prepared != null) {
            en.standardId = prepared.standardId();
            en.aliasIds = prepared.aliasIds();
            en.hashes = prepared.hashes();
        } else {
            en.standardId = relationship ? null : facts.standardId(o);
            en.aliasIds = relationship ? null : facts.aliasIds(o, en.standardId);
            en.hashes = facts.hashes(o);
        }
        en.externalId = relationship ? null : ObjectFacts.namingExternalId(o);
        List<String> other = o.getStrings("x_opencti_stix_ids");
        en.otherIds = other == null || other.isEmpty() ? null : other.toArray(new String[0]);
        en.createdBy = shared(o.createdByRef()); // few distinct authors
        Long confidence = o.confidence();
        en.confidence = confidence == null ? -1 : (int) Math.max(0, Math.min(100, confidence));
        List<String> markings = o.objectMarkingRefs();
        en.markings = markings == null || markings.isEmpty() ? null : sharedMarkings(markings);
        if ("relationship".equals(en.type)) {
            en.relationshipType = shared(o.getString("relationship_type"));
            en.from = canonicalId(o.getString("source_ref"));
            String target = canonicalId(o.getString("target_ref"));
            en.to = target == null ? null : new String[] {target};
        } else if ("sighting".equals(en.type)) {
            en.relationshipType = "sighting";
            en.from = canonicalId(o.getString("sighting_of_ref"));
            List<String> where = o.getStrings("where_sighted_refs");
            en.to = where == null ? null : canonicalIds(where);
        }
    }

    /**
     * The stored object's own id string when {@code id} names a stored object, so the catalog holds each id
     * once however many objects refer to it (most references point at a few identities and markings).
     */
    private String canonicalId(String id) {
        if (id == null) {
            return null;
        }
        Entry e = byId.get(id);
        return e != null && e.id.equals(id) ? e.id : id;
    }

    private String[] canonicalIds(List<String> ids) {
        String[] out = new String[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = canonicalId(ids.get(i));
        }
        return out;
    }

    /** One array per distinct list of markings: objects carry the same few combinations. */
    private String[] sharedMarkings(List<String> markings) {
        String key = String.join(",", markings);
        return sharedMarkingArrays.computeIfAbsent(key, k -> {
            String[] out = new String[markings.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = shared(markings.get(i));
            }
            return out;
        });
    }

    /** One instance of each of the few distinct types, relationship types, authors and markings. */
    private String shared(String s) {
        return s == null ? null : sharedStrings.computeIfAbsent(s, k -> k);
    }

    private void index(Entry en) {
        byId.put(en.id, en);
        if (en.otherIds != null) {
            String prefix = en.type + "--";
            for (String id : en.otherIds) {
                if (id.startsWith(prefix)) { // an id of another type never names this object
                    byId.putIfAbsent(id, en);
                }
            }
        }
        secondaryKeys(en, true);
    }

    private void unindex(Entry en) {
        byId.remove(en.id, en);
        if (en.otherIds != null) {
            for (String id : en.otherIds) {
                byId.remove(id, en);
            }
        }
        secondaryKeys(en, false);
    }

    /** Adds or removes the entry under its standard, alias, hash, external-id and relationship keys. */
    private void secondaryKeys(Entry en, boolean add) {
        if (!en.revoked && !en.isRelationship()) { // relationships match by their ends instead
            key(byStandard, en.standardId, en, add);
            keys(byStandard, en.aliasIds, en, add);
        }
        keys(byHash, en.hashes, en, add);
        key(byExternalId, en.externalId == null ? null : en.externalId.toUpperCase(java.util.Locale.ROOT), en, add);
        key(byTriple, triple(en), en, add);
    }

    private static void keys(MultiIndex index, String[] keys, Entry en, boolean add) {
        if (keys != null) {
            for (String k : keys) {
                key(index, k, en, add);
            }
        }
    }

    private static void key(MultiIndex index, String key, Entry en, boolean add) {
        if (key == null) {
            return;
        }
        if (add) {
            index.add(key, en);
        } else {
            index.remove(key, en);
        }
    }

    /** Relationship de-duplication key: type, source and first target as given. */
    static String triple(Entry en) {
        if (!en.isRelationship() || en.from == null || en.to == null || en.to.length == 0) {
            return null;
        }
        return en.relationshipType + '|' + en.from + '|' + en.to[0];
    }

    private void link(Entry en, StixObject o) {
        link(en, ObjectFacts.refs(o));
    }

    private void link(Entry en, List<ObjectFacts.Ref> refs) {
        for (ObjectFacts.Ref ref : refs) {
            Object target;
            if (ObjectFacts.isMeta(ref.target())) {
                target = metaVertex(ref.target(), ref.label());
            } else {
                Entry t = byId.get(ref.target());
                if (t == null) {
                    pending.computeIfAbsent(ref.target(), k -> new ArrayList<>(1))
                            .add(new Pending(en.key, ref.label(), en.version));
                    unresolved.add(ref);
                    continue;
                }
                target = t.vertex;
            }
            graph.addEdge(en.vertex, ref.label(), target);
        }
    }

    private Object metaVertex(String name, String label) {
        Object v = metaVertices.get(name);
        if (v == null) {
            metaNames.add(name);
            int key = -metaNames.size();
            metaKeys.put(name, key);
            v = graph.addVertex(
                    key, label.equals(ObjectFacts.KILL_CHAIN_PHASES) ? "kill-chain-phase" : "external-reference");
            metaVertices.put(name, v);
        }
        return v;
    }

    private void resolvePending(Entry en) {
        if (pending.isEmpty()) {
            return;
        }
        resolvePending(en, en.id);
        if (en.otherIds != null) {
            for (String id : en.otherIds) {
                resolvePending(en, id);
            }
        }
    }

    private void resolvePending(Entry en, String id) {
        List<Pending> waiting = pending.remove(id);
        if (waiting == null) {
            return;
        }
        for (Pending p : waiting) {
            Entry source = entries[p.sourceKey()];
            // A source changed since it recorded this reference rebuilt its edges then: skip the stale one.
            if (source != null && source.version == p.version() && source != en) {
                graph.addEdge(source.vertex, p.label(), en.vertex);
            }
        }
    }

    // ---------------------------------------------------------------- reading

    /** The entry for a stored id or any id the object was known by; null when unknown. */
    Entry byId(String id) {
        return byId.get(id);
    }

    /**
     * Resolves any id form: a STIX id or previous id, else a standard id or alias id, else an ATT&amp;CK,
     * CAPEC or CVE id (an active object before a revoked or deprecated one), else an observable hash value.
     * Among several matches, the first stored wins.
     */
    Entry resolve(String id) {
        Entry e = byId.get(id);
        if (e != null) {
            return e;
        }
        List<Entry> found = new ArrayList<>(2);
        byStandard.collect(id, found);
        if (found.isEmpty()) {
            byExternalId.collect(id.trim().toUpperCase(java.util.Locale.ROOT), found);
            found.sort((a, b) -> Boolean.compare(a.revoked || a.deprecated, b.revoked || b.deprecated));
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        if (found.isEmpty()) {
            byHash.collect(id.trim().toLowerCase(java.util.Locale.ROOT), found);
        }
        return found.stream().min((a, b) -> Integer.compare(a.key, b.key)).orElse(null);
    }

    /** Non-revoked entries sharing the standard id or an alias id. */
    List<Entry> byStandard(String standardId, String[] aliasIds) {
        List<Entry> out = new ArrayList<>(2);
        if (standardId != null) {
            byStandard.collect(standardId, out);
        }
        if (aliasIds != null) {
            for (String id : aliasIds) {
                byStandard.collect(id, out);
            }
        }
        return out;
    }

    List<Entry> byHashes(String[] hashes) {
        List<Entry> out = new ArrayList<>(2);
        if (hashes != null) {
            for (String h : hashes) {
                byHash.collect(h, out);
            }
        }
        return out;
    }

    List<Entry> byTriple(String triple) {
        List<Entry> out = new ArrayList<>(2);
        byTriple.collect(triple, out);
        return out;
    }

    /** Entries that share a standard or alias id: the pairs the identity rules kept apart. */
    List<Entry[]> keptApart() {
        return byStandard.groups();
    }

    Entry entry(int key) {
        return key > 0 && key < entries.length ? entries[key] : null;
    }

    /** Name of the meta vertex with a negative key. */
    String metaName(int key) {
        return metaNames.get(-key - 1);
    }

    /**
     * The stored object, decoded from the journal, or from a small cache of recently decoded versions: analytics
     * read the same few hundred techniques again and again. A version's journal position never names another
     * version, so the cache needs no invalidation.
     */
    StixObject object(Entry en) {
        long pointer = en.pointer;
        int slot = (int) (Long.hashCode(pointer * 0x9E3779B97F4A7C15L) & (DECODED_SLOTS - 1));
        Decoded d = decoded[slot];
        if (d != null && d.pointer == pointer && d.object.id().equals(en.id)) {
            return d.object;
        }
        StixObject o = EventCodec.decode(journal.read(pointer), en.id).object();
        decoded[slot] = new Decoded(pointer, o);
        return o;
    }

    /** One decoded version; immutable, so a racy slot write publishes it safely. */
    private record Decoded(long pointer, StixObject object) {}

    private static final int DECODED_SLOTS = 4096;
    private final Decoded[] decoded = new Decoded[DECODED_SLOTS];

    /** References the last applied event could not link (their targets are not held); valid until the next. */
    List<ObjectFacts.Ref> unresolved() {
        return unresolved;
    }

    boolean isPending(String id) {
        return pending.containsKey(id);
    }

    int size() {
        return live;
    }

    private Map<String, int[]> counts(Entry en) {
        return en.inferred ? inferredCounts : typeCounts;
    }

    /** Stored (explicit) objects by type. */
    Map<String, Integer> countsByType() {
        return counts(typeCounts);
    }

    /** Objects the rule engine produced, by type. */
    Map<String, Integer> inferredCountsByType() {
        return counts(inferredCounts);
    }

    private static Map<String, Integer> counts(Map<String, int[]> counts) {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((t, n) -> {
            if (n[0] > 0) {
                out.put(t, n[0]);
            }
        });
        return out;
    }

    long snapshotEventId() {
        return snapshotEventId;
    }

    /** Writes a snapshot as of now into {@code dir}. Caller holds the write lock (or the store is closing). */
    void snapshot(Path dir) {
        journal.sync();
        Snapshot.write(dir, this, journal.lastEventId());
        snapshotEventId = journal.lastEventId();
        // The new snapshot file reuses the snapshot's pointer range: forget versions decoded from the old one.
        java.util.Arrays.fill(decoded, null);
    }

    /** Every live entry, in key order. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(live);
        for (int i = 1; i < nextKey; i++) {
            if (entries[i] != null) {
                out.add(entries[i]);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            journal.close();
        } finally {
            graph.close();
        }
    }
}
