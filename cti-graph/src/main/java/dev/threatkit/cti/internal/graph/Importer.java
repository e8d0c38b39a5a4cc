package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.graph.ImportReport;
import dev.threatkit.cti.graph.ImportWarning;
import dev.threatkit.cti.graph.Rejection;
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
 */
public final class Importer {
    static final int BATCH = 2_000;
    private static final long DEDUP_WINDOW_SECONDS = 30L * 24 * 3600;

    private final GraphStore store;
    private final StixValidator validator;
    private final Caller caller;
    private final long session;
    private final Consumer<List<ChangeEvent>> publish;
    private final long started = System.nanoTime();

    private final List<Item> batch = new ArrayList<>(BATCH);
    private final List<Rejection> rejected = new ArrayList<>();
    private final List<ImportWarning> warnings = new ArrayList<>();
    private final List<String[]> waiting = new ArrayList<>();
    private long warningCount;
    private long objects;
    private long created;
    private long updated;
    private long unchanged;
    private long lastEventId;
    private int files;

    private record Item(StixObject object, String source, String path) {}

    Importer(
            GraphStore store,
            StixValidator validator,
            Caller caller,
            long session,
            Consumer<List<ChangeEvent>> publish) {
        this.store = store;
        this.validator = validator;
        this.caller = caller;
        this.session = session;
        this.publish = publish;
    }

    /** Counts one more file or stream. */
    public void startSource() {
        files++;
    }

    /** Validates and queues one object; {@code path} is its JSON path in {@code source}. */
    public void accept(StixObject o, String source, String path) {
        acceptChecked(o, source, path, check(o, source, path));
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

    /** Queues one object already {@linkplain #check checked}: rejected when {@code rejection} is not null. */
    public void acceptChecked(StixObject o, String source, String path, Rejection rejection) {
        objects++;
        if (rejection != null) {
            rejected.add(rejection);
            return;
        }
        batch.add(new Item(o, source, path));
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    /** Records a rejection that did not come from validation (an unreadable file). */
    public void reject(String source, String id, String path, String reason) {
        rejected.add(new Rejection(source, id, path, reason));
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
                    store.append(e);
                    events.add(e);
                    lastEventId = e.id();
                    store.byId(e.objectId()).importSession = session;
                    noteUnresolved(item, e.object());
                }
            }
            store.sync();
        } finally {
            store.writeLock().unlock();
        }
        batch.clear();
        publish.accept(events);
    }

    /** Remembers references the store cannot resolve yet; those still unresolved at the end are warnings. */
    private void noteUnresolved(Item item, StixObject stored) {
        for (ObjectFacts.Ref ref : ObjectFacts.refs(stored)) {
            if (!ObjectFacts.isMeta(ref.target()) && store.byId(ref.target()) == null) {
                waiting.add(new String[] {stored.id(), ref.target(), item.source, item.path + "." + ref.label()});
            }
        }
    }

    private ChangeEvent decide(Item item) {
        StixObject o = item.object;
        Entry match = sameObject(o);
        boolean same = match != null;
        if (match == null && !o.revoked()) {
            match = sameThing(o);
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
        return new ChangeEvent(
                id,
                ChangeKind.UPDATE,
                now,
                item.source,
                match.id,
                r.next(),
                JsonPatch.diff(current, r.next()),
                JsonPatch.diff(r.next(), current),
                null,
                false);
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
    private Entry sameThing(StixObject o) {
        ObjectFacts facts = store.facts();
        String type = o.type();
        if ("relationship".equals(type) || "sighting".equals(type)) {
            return sameRelationship(o);
        }
        String standardId = facts.standardId(o);
        List<Entry> candidates = store.byStandard(standardId, facts.aliasIds(o, standardId));
        for (Entry c : candidates) {
            if (!keptApart(o, c)) {
                return c;
            }
        }
        for (Entry c : store.byHashes(facts.hashes(o))) {
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
            if (c.revoked || !c.type.equals(o.type()) || keptApart(o, c)) {
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
        store.readLock().lock();
        try {
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
