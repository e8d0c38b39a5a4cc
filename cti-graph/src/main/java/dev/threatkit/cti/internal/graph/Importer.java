package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.graph.ImportReport;
import dev.threatkit.cti.graph.ImportWarning;
import dev.threatkit.cti.graph.Rejection;
import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.Timestamps;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import dev.threatkit.cti.validation.StixValidator;
import dev.threatkit.cti.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One import: validates each object, resolves its identity against the store, decides create, update or
 * nothing, and writes the resulting events in batches. A batch is applied under the write lock and forced to
 * disk before the next begins; the import is acknowledged (its report returned) only after the last batch
 * is on disk. Not thread-safe: one importer per import call.
 *
 * <p>Identity (opencti.md section 3.3, plus one rule of our own): an object is the stored object with its id
 * or one of its known ids; else, unless revoked, the non-revoked object sharing its standard id or an alias
 * id, an observable sharing a hash, or a relationship of the same type between the same ends within 30 days.
 * A match by standard id or alias is refused when both come from the same author or the same import and
 * their STIX ids differ: their own source keeps them apart, so both are kept (a merge suggestion).
 *
 * <p>Relationship types are checked against OpenCTI's from/to matrix ({@link RelationshipMatrix}) once both
 * ends are known, from this import or the store. Lenient (the default): stored with a warning. Strict: rejected
 * at {@code <path>.relationship_type}; a relationship whose ends are not stored yet waits for the end of the
 * import, so ends that come after it in the same import count. An end still missing then skips the check (the
 * unresolved reference is a warning of its own). Sightings are not checked.
 */
public final class Importer {
    static final int BATCH = 2_000;
    private static final long DEDUP_WINDOW_SECONDS = 30L * 24 * 3600;

    private final GraphStore store;
    private final StixValidator validator;
    private final Caller caller;
    private final long session;
    private final Consumer<List<ChangeEvent>> publish;
    private final boolean strictRelationships;
    private final RelationshipMatrix matrix = RelationshipMatrix.get();
    private final long started = System.nanoTime();

    private final List<Item> batch = new ArrayList<>(BATCH);
    private final List<Rejection> rejected = new ArrayList<>();
    private final List<ImportWarning> warnings = new ArrayList<>();
    private final List<String[]> waiting = new ArrayList<>();
    /** Strict: relationships whose ends were not stored when their batch was written, decided at the end. */
    private final List<Item> deferred = new ArrayList<>();
    /** Lenient: relationships stored before their ends, checked at the end (source, id, path, type, from, to). */
    private final List<String[]> unchecked = new ArrayList<>();
    /** True while {@link #finish} writes the deferred relationships: ends still missing skip the check. */
    private boolean finalPass;

    private long warningCount;
    private long objects;
    private long created;
    private long updated;
    private long unchanged;
    private long lastEventId;
    private int files;

    private record Item(StixObject object, String source, String path, Prepared prepared) {}

    Importer(
            GraphStore store,
            StixValidator validator,
            Caller caller,
            long session,
            Consumer<List<ChangeEvent>> publish,
            boolean strictRelationships) {
        this.store = store;
        this.validator = validator;
        this.caller = caller;
        this.session = session;
        this.publish = publish;
        this.strictRelationships = strictRelationships;
    }

    /** Counts one more file or stream. */
    public void startSource() {
        files++;
    }

    /** Validates and queues one object; {@code path} is its JSON path in {@code source}. */
    public void accept(StixObject o, String source, String path) {
        Rejection rejection = check(o, source, path);
        acceptChecked(o, source, path, rejection, rejection == null ? prepare(o) : null);
    }

    /**
     * Derives identity keys and the journal JSON of an object ahead of the write lock. Thread-safe: the
     * reading thread of an import calls it.
     */
    public Object prepare(StixObject o) {
        return Prepared.of(o, store.facts());
    }

    /**
     * Validates one object: the rejection to record, or null when it may be stored. Thread-safe, so a
     * reading thread can validate while another writes.
     */
    public Rejection check(StixObject o, String source, String path) {
        List<Violation> errors = new ArrayList<>(0);
        validator.validate(o, path, v -> {
            if (v.isError()) {
                errors.add(v);
            }
        });
        if (errors.isEmpty()) {
            return null;
        }
        Violation first = errors.get(0);
        String reason = first.message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : "");
        return new Rejection(source, o.id(), first.path(), reason);
    }

    /**
     * Queues one object already {@linkplain #check checked} (rejected when {@code rejection} is not null) and
     * {@linkplain #prepare prepared} (or null).
     */
    public void acceptChecked(StixObject o, String source, String path, Rejection rejection, Object prepared) {
        objects++;
        if (rejection != null) {
            rejected.add(rejection);
            return;
        }
        if (o.has(GraphStore.INFERENCE) || o.has(GraphStore.INFERRED_REFS)) {
            // The rule engine's own bookkeeping (an export of another store): this store derives its own.
            o = o.toBuilder()
                    .remove(GraphStore.INFERENCE)
                    .remove(GraphStore.INFERRED_REFS)
                    .build();
        }
        batch.add(new Item(o, source, path, (Prepared) prepared));
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    /** Writes what is queued and forces it to disk. */
    public void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<ChangeEvent> events = new ArrayList<>(batch.size());
        store.writeLock().lock();
        try {
            for (Item item : batch) {
                ChangeEvent e = decide(item);
                if (e != null) {
                    store.append(e, item.prepared);
                    events.add(e);
                    lastEventId = e.id();
                    store.byId(e.objectId()).importSession = session;
                    noteUnresolved(item, e.object());
                }
            }
            store.infer(events);
            store.sync();
        } finally {
            store.writeLock().unlock();
        }
        batch.clear();
        publish.accept(events);
    }

    /** Remembers references the store cannot resolve yet; those still unresolved at the end are warnings. */
    private void noteUnresolved(Item item, StixObject stored) {
        for (ObjectFacts.Ref ref : store.unresolved()) { // what the store just left waiting, not derived again
            waiting.add(new String[] {stored.id(), ref.target(), item.source, item.path + "." + ref.label()});
        }
    }

    private ChangeEvent decide(Item item) {
        StixObject o = item.object;
        if ("relationship".equals(o.type()) && !checkMatrix(item)) {
            return null; // rejected (strict), or deferred to the end of the import
        }
        Entry match = sameObject(o);
        boolean same = match != null;
        if (match == null && !o.revoked()) {
            match = sameThing(o, item.prepared);
        }
        long id = store.lastEventId() + 1;
        Instant now = Instant.now();
        if (match == null) {
            created++;
            return new ChangeEvent(
                    id,
                    ChangeKind.CREATE,
                    now,
                    item.source,
                    o.id(),
                    Upsert.forCreate(o, caller.maxConfidence()),
                    null,
                    null,
                    null,
                    false);
        }
        StixObject current = store.object(match);
        Upsert.Result r = Upsert.merge(current, o, same, caller.maxConfidence());
        if (r.warning() != null) {
            warn(item, r.warning());
        }
        if (!r.changed()) {
            unchanged++;
            return null;
        }
        updated++;
        return JsonPatch.update(id, now, item.source, match.id, current, r.next());
    }

    /**
     * Checks a relationship against OpenCTI's matrix: false when it must not be written now (strict mode:
     * rejected, or deferred because an end is not stored yet). Lenient mode warns and writes.
     */
    private boolean checkMatrix(Item item) {
        StixObject o = item.object;
        String type = o.getString("relationship_type");
        String sourceRef = o.getString("source_ref");
        String targetRef = o.getString("target_ref");
        if (type == null || sourceRef == null || targetRef == null || RelationshipMatrix.anyEnds(type)) {
            return true; // related-to and revoked-by: any ends
        }
        Entry from = store.byId(sourceRef);
        Entry to = store.byId(targetRef);
        if (from == null || to == null) {
            if (finalPass) {
                return true; // still missing: nothing to check against
            }
            if (strictRelationships) {
                deferred.add(item);
                return false;
            }
            unchecked.add(new String[] {item.source, o.id(), item.path, type, sourceRef, targetRef});
            return true;
        }
        String problem = matrixProblem(type, from, to);
        if (problem == null) {
            return true;
        }
        if (strictRelationships) {
            rejected.add(new Rejection(
                    item.source,
                    o.id(),
                    item.path + ".relationship_type",
                    problem + "; use related-to, or import without strict relationship checks to keep it with a"
                            + " warning"));
            return false;
        }
        warn(item.source, o.id(), item.path + ".relationship_type", problem);
        return true;
    }

    /** Null when OpenCTI's matrix (or ATT&amp;CK's own rules) allows the relationship, else why not. */
    private String matrixProblem(String type, Entry from, Entry to) {
        if (RelationshipMatrix.attackAllows(from.type, type, to.type)) {
            return null;
        }
        String fromName = matrixName(from);
        String toName = matrixName(to);
        if (matrix.allowed(fromName, false, type, toName, false)
                || matrix.allowed(fromName, isObservable(from), type, toName, isObservable(to))) {
            return null; // the exact key, else (observables) the Stix-Cyber-Observable keys
        }
        return "relationship type " + type + " is not allowed between " + fromName + " and " + toName
                + " in OpenCTI's matrix";
    }

    /** An end's name in the matrix: a relationship's type, else its OpenCTI entity type, else its STIX type. */
    private static String matrixName(Entry e) {
        if (e.isRelationship()) {
            return e.relationshipType;
        }
        return e.entityType != null ? e.entityType : e.type;
    }

    private boolean isObservable(Entry e) {
        TypeDef def = store.facts().registry().type(e.type);
        return def != null && def.category() == Category.SCO;
    }

    /**
     * The stored object of the same type with this object's id, or one of the ids it says it was known by. A
     * known id (x_opencti_stix_ids) can name an object of another type; that object is never this one.
     */
    private Entry sameObject(StixObject o) {
        Entry e = o.id() == null ? null : store.byId(o.id());
        if (e != null && e.type.equals(o.type())) {
            return e;
        }
        List<String> known = o.getStrings(Upsert.STIX_IDS);
        if (known != null) {
            for (String id : known) {
                e = store.byId(id);
                if (e != null && e.type.equals(o.type())) {
                    return e;
                }
            }
        }
        return null;
    }

    /** A different stored object that describes the same thing, unless their source keeps them apart. */
    private Entry sameThing(StixObject o, Prepared prepared) {
        ObjectFacts facts = store.facts();
        String type = o.type();
        if ("relationship".equals(type) || "sighting".equals(type)) {
            return sameRelationship(o);
        }
        Prepared p = prepared != null ? prepared : Prepared.of(o, facts);
        List<Entry> candidates = store.byStandard(p.standardId(), p.aliasIds());
        for (Entry c : candidates) {
            if (!keptApart(o, c)) {
                return c;
            }
        }
        for (Entry c : store.byHashes(p.hashes())) {
            if (c.type.equals(type)) {
                return c;
            }
        }
        return null;
    }

    private Entry sameRelationship(StixObject o) {
        Entry probe = new Entry(0, o.id(), o.type());
        if ("relationship".equals(o.type())) {
            probe.relationshipType = o.getString("relationship_type");
            probe.from = o.getString("source_ref");
            String target = o.getString("target_ref");
            probe.to = target == null ? null : new String[] {target};
        } else {
            probe.relationshipType = "sighting";
            probe.from = o.getString("sighting_of_ref");
            List<String> where = o.getStrings("where_sighted_refs");
            probe.to = where == null ? null : where.toArray(new String[0]);
        }
        String triple = GraphStore.triple(probe);
        if (triple == null) {
            return null;
        }
        String startKey = "relationship".equals(o.type()) ? "start_time" : "first_seen";
        String stopKey = "relationship".equals(o.type()) ? "stop_time" : "last_seen";
        for (Entry c : store.byTriple(triple)) {
            // A relationship typed "sighting" shares its key with a sighting between the same ends.
            if (c.revoked || c.inferred || !c.type.equals(o.type()) || keptApart(o, c)) {
                continue;
            }
            StixObject stored = store.object(c);
            if (near(stored.getString(startKey), o.getString(startKey))
                    && near(stored.getString(stopKey), o.getString(stopKey))) {
                return c;
            }
        }
        return null;
    }

    private static boolean near(String a, String b) {
        if (a == null || b == null || !Timestamps.isValid(a) || !Timestamps.isValid(b)) {
            return true;
        }
        long d = Math.abs(
                Timestamps.parse(a).getEpochSecond() - Timestamps.parse(b).getEpochSecond());
        return d <= DEDUP_WINDOW_SECONDS;
    }

    /** Same author or same import, different STIX ids: the source itself says these are two things. */
    private boolean keptApart(StixObject o, Entry c) {
        if (Objects.equals(o.id(), c.id)) {
            return false;
        }
        if (c.importSession == session) {
            return true;
        }
        String author = o.createdByRef();
        return author != null && c.createdBy != null && storedId(author).equals(storedId(c.createdBy));
    }

    private String storedId(String id) {
        Entry e = store.byId(id);
        return e == null ? id : e.id;
    }

    private void warn(Item item, String message) {
        warn(item.source, item.object.id(), item.path, message);
    }

    private void warn(String source, String id, String path, String message) {
        warningCount++;
        if (warnings.size() < ImportReport.MAX_WARNINGS) {
            warnings.add(new ImportWarning(source, id, path, message));
        }
    }

    /** Flushes, then reports; references still unresolved at the end become warnings. */
    public ImportReport finish() {
        flush();
        // Strict: write the relationships that waited for their ends (validation keeps relationships from
        // pointing at relationships, so none waits for another); ends still missing skip the check.
        finalPass = true;
        for (int i = 0; i < deferred.size(); i += BATCH) {
            batch.addAll(deferred.subList(i, Math.min(deferred.size(), i + BATCH)));
            flush();
        }
        deferred.clear();
        store.readLock().lock();
        try {
            for (String[] u : unchecked) {
                Entry from = store.byId(u[4]);
                Entry to = store.byId(u[5]);
                String problem = from == null || to == null ? null : matrixProblem(u[3], from, to);
                if (problem != null) {
                    warn(u[0], u[1], u[2] + ".relationship_type", problem);
                }
            }
            for (String[] w : waiting) {
                if (store.isPending(w[1])) {
                    warn(
                            w[2],
                            w[0],
                            w[3],
                            w[1] + " is not in the store; the reference is kept as given"
                                    + " and linked when that object arrives");
                }
            }
        } finally {
            store.readLock().unlock();
        }
        return new ImportReport(
                files,
                objects,
                created,
                updated,
                unchanged,
                rejected,
                warnings,
                warningCount,
                (System.nanoTime() - started) / 1e9,
                lastEventId,
                List.of());
    }
}
