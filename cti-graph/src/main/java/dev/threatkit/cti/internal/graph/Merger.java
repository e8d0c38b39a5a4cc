package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import dev.threatkit.cti.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Merges stored objects into one (opencti.md section 4.3). Everything that referred to a source refers to the
 * target afterwards: relationships and sightings are re-pointed (dropped when they would duplicate one the
 * target already has, or point at itself), and any other reference ({@code object_refs} of a report ...) is
 * rewritten, each as a new version (a newer modified). The target absorbs the sources' properties ({@link Upsert#absorb}) and remembers their ids, so
 * later imports under a source's id find the target. One journal batch: updates of the referrers, deletes of
 * dropped duplicates, then one merge event that removes the sources.
 */
final class Merger {
    private final GraphStore store;
    private final Caller caller;
    private final String source;

    Merger(GraphStore store, Caller caller, String source) {
        this.store = store;
        this.caller = caller;
        this.source = source;
    }

    /** The events of the merge, appended as they are made. Caller holds the write lock. */
    List<ChangeEvent> merge(Entry target, List<Entry> sources) {
        check(target, sources);
        Set<String> sourceIds = new LinkedHashSet<>();
        for (Entry s : sources) {
            sourceIds.add(s.id);
            if (s.otherIds != null) {
                sourceIds.addAll(List.of(s.otherIds));
            }
        }
        List<ChangeEvent> events = new ArrayList<>();
        Instant now = Instant.now();
        Set<Entry> referrers = new LinkedHashSet<>();
        for (Entry s : sources) {
            for (GraphProjection.InRef ref : store.graph().inRefs(s.vertex)) {
                Entry r = store.entry(ref.sourceKey());
                if (r != null && r != target && !sources.contains(r)) {
                    referrers.add(r);
                }
            }
        }
        for (Entry r : referrers) {
            StixObject before = store.object(r);
            StixObject after = repoint(before, sourceIds, target.id);
            if (after.equals(before)) {
                continue;
            }
            if (before.modified() != null) { // a new version: re-importing the old one cannot undo the merge
                after = after.toBuilder()
                        .put("modified", StoreEngine.newer(before.modified(), now))
                        .build();
            }
            boolean drop = r.isRelationship() && (selfLoop(after) || duplicates(after, r, target));
            ChangeEvent e = drop
                    ? new ChangeEvent(next(), ChangeKind.DELETE, now, source, r.id, before, null, null, null, false)
                    : JsonPatch.update(next(), now, source, r.id, before, after);
            store.append(e);
            events.add(e);
        }
        StixObject merged = store.object(target);
        StixObject before = merged;
        TypeDef def = store.facts().registry().type(target.type);
        String aliases = def == null ? null : def.aliasesProperty();
        for (Entry s : sources) {
            merged = Upsert.absorb(merged, store.object(s), aliases, s.standardId);
        }
        List<String> mergedIds = new ArrayList<>();
        for (Entry s : sources) {
            mergedIds.add(s.id);
        }
        ChangeEvent m = new ChangeEvent(
                next(),
                ChangeKind.MERGE,
                now,
                source,
                target.id,
                merged,
                JsonPatch.diff(before, merged),
                JsonPatch.diff(merged, before),
                mergedIds,
                false);
        store.append(m);
        events.add(m);
        return events;
    }

    private long next() {
        return store.lastEventId() + 1;
    }

    private void check(Entry target, List<Entry> sources) {
        if (sources.isEmpty()) {
            throw new StoreException("name at least one object to merge into " + target.id);
        }
        TypeDef def = store.facts().registry().type(target.type);
        if (def == null || (def.category() != Category.SDO && def.category() != Category.SCO)) {
            throw new StoreException(
                    "only domain objects and observables merge; " + target.id + " is a " + target.type);
        }
        for (Entry s : sources) {
            if (s == target) {
                throw new StoreException(target.id + " cannot be merged into itself");
            }
            if (!s.type.equals(target.type)) {
                throw new StoreException("cannot merge " + s.id + " (" + s.type + ") into " + target.id + " ("
                        + target.type + "): objects of one type only");
            }
        }
        for (Entry e : concat(target, sources)) {
            int confidence = e.confidence < 0 ? 100 : e.confidence;
            if (confidence > caller.maxConfidence()) {
                throw new StoreException("cannot merge " + e.id + ": its confidence " + confidence
                        + " is above the caller's maximum " + caller.maxConfidence());
            }
        }
    }

    private static List<Entry> concat(Entry first, List<Entry> rest) {
        List<Entry> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** {@code o} with every reference to one of {@code ids} replaced by {@code target} (lists de-duplicated). */
    static StixObject repoint(StixObject o, Set<String> ids, String target) {
        StixProperties p = o.properties();
        StixObject.Builder b = null;
        for (int i = 0; i < p.size(); i++) {
            String key = p.keyAt(i);
            Object value = p.valueAt(i);
            Object replaced = value;
            if (key.endsWith("_ref") && value instanceof String && ids.contains(value)) {
                replaced = target;
            } else if (key.endsWith("_refs") && value instanceof List) {
                List<Object> out = new ArrayList<>();
                boolean changed = false;
                for (Object v : (List<?>) value) {
                    Object w = v instanceof String && ids.contains(v) ? target : v;
                    changed |= w != v;
                    if (!out.contains(w)) {
                        out.add(w);
                    } else {
                        changed = true;
                    }
                }
                if (changed) {
                    replaced = out;
                }
            }
            if (replaced != value) {
                if (b == null) {
                    b = o.toBuilder();
                }
                b.put(key, replaced);
            }
        }
        return b == null ? o : b.build();
    }

    private static boolean selfLoop(StixObject r) {
        String from = r.getString("source_ref");
        return from != null && from.equals(r.getString("target_ref"));
    }

    /** True when the target already has a relationship of this type to the same other end. */
    private boolean duplicates(StixObject after, Entry self, Entry target) {
        String type = after.getString("relationship_type");
        String from = after.getString("source_ref");
        String to = after.getString("target_ref");
        if (type == null || from == null || to == null) {
            return false;
        }
        Entry probe = new Entry(0, self.id, self.type);
        probe.relationshipType = type;
        probe.from = from;
        probe.to = new String[] {to};
        for (Entry other : store.byTriple(GraphStore.triple(probe))) {
            if (other != self && !other.revoked) {
                return true;
            }
        }
        return Objects.equals(from, to);
    }
}
