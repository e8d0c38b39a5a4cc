package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.graph.DeleteResult;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import dev.threatkit.cti.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A delete with cascade: the named objects, every relationship and sighting that has one of them as an end
 * (and those pointing at removed relationships), and their removal from the containers that hold them. The
 * containers are rewritten first (a new version each, with a newer modified), so nothing is left waiting for
 * a deleted id; then relationships, then objects. Refused, with nothing changed, when an object is above the
 * caller's confidence.
 */
final class Deleter {
    private static final String[] RELATIONSHIP_ENDS = {
        "source_ref", "target_ref", "sighting_of_ref", "where_sighted_refs"
    };

    private final GraphStore store;

    Deleter(GraphStore store) {
        this.store = store;
    }

    /** Appends the delete's events to {@code events} (not yet forced). Caller holds the write lock. */
    DeleteResult delete(List<String> ids, Caller caller, List<ChangeEvent> events) {
        List<String> notFound = new ArrayList<>();
        Set<Entry> named = new LinkedHashSet<>();
        for (String id : ids) {
            Entry e = store.resolve(id);
            if (e == null || !e.visibleTo(caller)) {
                notFound.add(id);
            } else {
                named.add(e);
            }
        }
        for (Entry e : named) {
            if (e.inferred) {
                throw new StoreException("cannot delete " + e.id + ": the rule engine inferred it; it goes when the"
                        + " facts it was inferred from go, or when its rules are disabled");
            }
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
            StixObject.Builder b = before.toBuilder().put("modified", StoreEngine.newer(before.modified(), now));
            StixObject after = refs.isEmpty()
                    ? b.remove("object_refs").build()
                    : b.put("object_refs", refs).build();
            ChangeEvent ev = JsonPatch.update(store.lastEventId() + 1, now, "delete", c.id, before, after);
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
        return new DeleteResult(named.size(), all.size() - named.size(), notFound, holders.size());
    }

    private boolean gone(String id, Set<Entry> all) {
        Entry e = store.byId(id);
        return e != null && all.contains(e);
    }
}
