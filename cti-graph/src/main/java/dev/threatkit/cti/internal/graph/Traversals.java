package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.graph.Direction;
import dev.threatkit.cti.graph.Neighbor;
import dev.threatkit.cti.graph.Neighborhood;
import dev.threatkit.cti.graph.Page;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.StoreException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The store's reads: objects by id and by type, neighbours and neighbourhoods, containers, history. Each
 * takes the read lock; objects a caller may not see are left out as if absent.
 */
final class Traversals {
    private static final String[] AS_SOURCE = {"source_ref", "sighting_of_ref"};
    private static final String[] AS_TARGET = {"target_ref", "where_sighted_refs"};

    private final GraphStore store;

    Traversals(GraphStore store) {
        this.store = store;
    }

    Optional<StixObject> get(String id, Caller caller) {
        store.readLock().lock();
        try {
            Entry e = store.resolve(id);
            return e == null || !e.visibleTo(caller) ? Optional.empty() : Optional.of(store.object(e));
        } finally {
            store.readLock().unlock();
        }
    }

    /** Objects of {@code type} (all types when null) in storage order, {@code limit} per page. */
    Page<StixObject> list(String type, Caller caller, String cursor, int limit) {
        int after = decodeCursor(cursor, 'k');
        List<StixObject> items = new ArrayList<>();
        String next = null;
        store.readLock().lock();
        try {
            for (Entry e : store.entries()) {
                if (e.key <= after || (type != null && !type.equals(e.type)) || !e.visibleTo(caller)) {
                    continue;
                }
                if (items.size() == limit) {
                    next = encodeCursor('k', after);
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

    /** One page of {@link #neighbors}: {@code limit} neighbours after {@code cursor}; null when the id is unknown. */
    Page<Neighbor> neighbors(
            String id,
            String relationshipType,
            Direction direction,
            boolean all,
            Caller caller,
            String cursor,
            int limit) {
        List<Neighbor> list = neighbors(id, relationshipType, direction, all, caller);
        if (list == null) {
            return null;
        }
        int from = Math.min(decodeCursor(cursor, 'n'), list.size());
        int end = Math.min(list.size(), from + limit);
        return new Page<>(list.subList(from, end), end < list.size() ? encodeCursor('n', end) : null);
    }

    /** An opaque cursor: a kind letter (k: storage key, n: position in a sorted list) and a number. */
    private static String encodeCursor(char kind, int at) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + Integer.toString(at)).getBytes());
    }

    private static int decodeCursor(String cursor, char kind) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor));
            if (s.length() > 1 && s.charAt(0) == kind) {
                return Integer.parseInt(s.substring(1));
            }
        } catch (IllegalArgumentException bad) {
            // reported below
        }
        throw new StoreException("cursor \"" + cursor + "\" was not made by this store for this listing; pass the"
                + " nextCursor of a page");
    }

    void forEachObject(Caller caller, Consumer<StixObject> action) {
        store.readLock().lock();
        try {
            for (Entry e : store.entries()) {
                if (e.visibleTo(caller)) {
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
    List<Neighbor> neighbors(String id, String relationshipType, Direction direction, boolean all, Caller caller) {
        store.readLock().lock();
        try {
            Entry self = store.resolve(id);
            if (self == null || !self.visibleTo(caller)) {
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

    /**
     * The relationships and sightings of {@code self} both ways, unsorted, left out as in {@link #neighbors}.
     * The caller holds the read lock.
     */
    List<Neighbor> around(Entry self, String relationshipType, boolean all, Caller caller) {
        List<Neighbor> out = new ArrayList<>();
        collect(self, AS_SOURCE, Direction.OUT, relationshipType, all, caller, out);
        collect(self, AS_TARGET, Direction.IN, relationshipType, all, caller, out);
        return out;
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
            if (r == null || !r.isRelationship() || !seen.add(key) || !r.visibleTo(caller)) {
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
                    if (!other.visibleTo(caller) || (!all && (other.revoked || other.deprecated))) {
                        continue;
                    }
                    out.add(new Neighbor(
                            r.id, r.relationshipType, direction, r.inferred, other.id, other.type, other.name));
                } else {
                    int cut = otherId.indexOf("--");
                    out.add(new Neighbor(
                            r.id,
                            r.relationshipType,
                            direction,
                            r.inferred,
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
    Neighborhood neighborhood(
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
            if (start == null || !start.visibleTo(caller)) {
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
    List<ChangeEvent> history(String id, Caller caller, long acknowledged) {
        String storedId;
        store.readLock().lock();
        try {
            Entry e = store.resolve(id);
            if (e != null && !e.visibleTo(caller)) {
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
    List<StixObject> containersOf(String id, Caller caller) {
        return along(id, caller, true);
    }

    /** The objects a container's object_refs hold and the store has; null when unknown. */
    List<StixObject> contentsOf(String id, Caller caller) {
        return along(id, caller, false);
    }

    private List<StixObject> along(String id, Caller caller, boolean incoming) {
        store.readLock().lock();
        try {
            Entry self = store.resolve(id);
            if (self == null || !self.visibleTo(caller)) {
                return null;
            }
            List<Integer> keys = incoming
                    ? store.graph().inKeys(self.vertex, "object_refs")
                    : store.graph().outKeys(self.vertex, "object_refs");
            List<StixObject> out = new ArrayList<>();
            for (int key : new LinkedHashSet<>(keys)) {
                Entry e = store.entry(key);
                if (e != null && e.visibleTo(caller)) {
                    out.add(store.object(e));
                }
            }
            return out;
        } finally {
            store.readLock().unlock();
        }
    }
}
