package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.store.Caller;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every shortest path between two objects over relationships and sightings, each walked in either direction.
 * A breadth-first search runs from both ends, one whole layer at a time from the end whose frontier is
 * smaller, and keeps every parent of every node reached, so that all shortest paths, not one, can be read
 * back. A hub (an identity or technique with thousands of relationships) is expanded only when a frontier
 * reaches it, and its thousands of neighbours only when the other end's frontier is larger still.
 */
final class Paths {
    /** Most paths returned: the first ones in the order of their id sequences. */
    static final int MAX_PATHS = 100;

    /** Reference labels that make an object an end of a relationship or sighting. */
    private static final String[] ENDS = {"source_ref", "target_ref", "sighting_of_ref", "where_sighted_refs"};

    private static final Comparator<Step> BY_IDS =
            Comparator.comparing((Step s) -> s.relationship().id).thenComparing(s -> s.node().id);

    /** One relationship crossed and the object it leads to. */
    private record Step(Entry relationship, Entry node) {}

    private final GraphStore store;
    private final Set<String> relationshipTypes;
    private final boolean all;
    private final Caller caller;
    private Entry start;
    private Entry end;

    /**
     * @param relationshipTypes the relationship types to follow ({@code sighting} for sightings); all when empty
     * @param all true to cross revoked and deprecated objects and relationships, and revoked-by relationships
     */
    Paths(GraphStore store, Set<String> relationshipTypes, boolean all, Caller caller) {
        this.store = store;
        this.relationshipTypes = relationshipTypes;
        this.all = all;
        this.caller = caller;
    }

    /**
     * The shortest paths of at most {@code maxHops} relationships from the object known by {@code from} to the
     * one known by {@code to}, each as alternating object and relationship ids, sorted by those ids; at most
     * {@link #MAX_PATHS}. Empty when there is none; null when either end is unknown or hidden. The ends are
     * taken as named even when revoked; the objects between them are not, unless {@code all}.
     */
    List<List<String>> find(String from, String to, int maxHops) {
        store.readLock().lock();
        try {
            start = store.resolve(from);
            end = store.resolve(to);
            if (start == null || end == null || !start.visibleTo(caller) || !end.visibleTo(caller)) {
                return null;
            }
            if (start == end) {
                return List.of(List.of(start.id));
            }
            Side forward = new Side(start);
            Side backward = new Side(end);
            while (forward.layer + backward.layer < maxHops
                    && !forward.frontier.isEmpty()
                    && !backward.frontier.isEmpty()) {
                boolean fromStart = forward.frontier.size() <= backward.frontier.size();
                Side grow = fromStart ? forward : backward;
                List<Entry> met = grow.expand(fromStart ? backward : forward);
                if (!met.isEmpty()) {
                    return read(forward, backward, met);
                }
            }
            return List.of();
        } finally {
            store.readLock().unlock();
        }
    }

    /** The search from one end: how far each object reached is, and its steps from the layer before. */
    private final class Side {
        final Map<Entry, Integer> depth = new HashMap<>();
        final Map<Entry, List<Step>> parents = new HashMap<>();
        List<Entry> frontier;
        int layer;

        Side(Entry origin) {
            depth.put(origin, 0);
            frontier = List.of(origin);
        }

        /** Reaches the next layer; returns the objects of it that {@code other} has reached too. */
        List<Entry> expand(Side other) {
            int next = layer + 1;
            List<Entry> reached = new ArrayList<>();
            for (Entry e : frontier) {
                for (Step s : steps(e)) {
                    Integer known = depth.get(s.node());
                    if (known == null) {
                        depth.put(s.node(), next);
                        reached.add(s.node());
                    } else if (known != next) {
                        continue;
                    }
                    parents.computeIfAbsent(s.node(), k -> new ArrayList<>(1)).add(new Step(s.relationship(), e));
                }
            }
            frontier = reached;
            layer = next;
            List<Entry> met = new ArrayList<>();
            for (Entry e : reached) {
                if (other.depth.containsKey(e)) {
                    met.add(e);
                }
            }
            return met;
        }
    }

    /**
     * The relationships and sightings of {@code e} that may be followed, each with the object at its other end
     * (several for a sighting seen from what was sighted). Only stored objects the caller sees are entered.
     */
    private List<Step> steps(Entry e) {
        Set<Step> out = new LinkedHashSet<>();
        Set<Integer> seen = new HashSet<>();
        for (int key : store.graph().inKeys(e.vertex, ENDS)) {
            Entry r = store.entry(key);
            if (r == null || !r.isRelationship() || !seen.add(key) || !r.visibleTo(caller)) {
                continue;
            }
            if (!relationshipTypes.isEmpty() && !relationshipTypes.contains(r.relationshipType)) {
                continue;
            }
            if (!all && (r.revoked || r.deprecated || "revoked-by".equals(r.relationshipType))) {
                continue;
            }
            Entry source = r.from == null ? null : store.byId(r.from);
            for (String id : r.to == null ? new String[0] : r.to) {
                Entry target = store.byId(id);
                if (source == e && enterable(target)) {
                    out.add(new Step(r, target));
                }
                if (target == e && enterable(source)) {
                    out.add(new Step(r, source));
                }
            }
        }
        out.removeIf(s -> s.node() == e); // a self loop leads nowhere
        return new ArrayList<>(out);
    }

    private boolean enterable(Entry e) {
        return e != null && e.visibleTo(caller) && (all || e == start || e == end || !(e.revoked || e.deprecated));
    }

    /**
     * Reads the paths back through the objects where the two searches met: each object on a shortest path
     * gets its steps towards the end, and a walk from the start taking them in id order yields the paths
     * sorted.
     */
    private List<List<String>> read(Side forward, Side backward, List<Entry> met) {
        Map<Entry, List<Step>> towardsEnd = new HashMap<>();
        ArrayDeque<Entry> queue = new ArrayDeque<>(met);
        Set<Entry> done = new HashSet<>(met);
        while (!queue.isEmpty()) { // from the meeting objects back to the start
            Entry e = queue.poll();
            for (Step p : forward.parents.getOrDefault(e, List.of())) {
                towardsEnd.computeIfAbsent(p.node(), k -> new ArrayList<>()).add(new Step(p.relationship(), e));
                if (done.add(p.node())) {
                    queue.add(p.node());
                }
            }
        }
        queue.addAll(met);
        done.clear();
        done.addAll(met);
        while (!queue.isEmpty()) { // and on to the end
            Entry e = queue.poll();
            for (Step p : backward.parents.getOrDefault(e, List.of())) {
                towardsEnd.computeIfAbsent(e, k -> new ArrayList<>()).add(p);
                if (done.add(p.node())) {
                    queue.add(p.node());
                }
            }
        }
        towardsEnd.values().forEach(steps -> steps.sort(BY_IDS));
        List<List<String>> paths = new ArrayList<>();
        List<String> path = new ArrayList<>();
        path.add(start.id);
        walk(start, towardsEnd, path, paths);
        return paths;
    }

    private void walk(Entry at, Map<Entry, List<Step>> towardsEnd, List<String> path, List<List<String>> paths) {
        if (at == end) {
            paths.add(List.copyOf(path));
            return;
        }
        for (Step s : towardsEnd.getOrDefault(at, List.of())) {
            if (paths.size() == MAX_PATHS) {
                return;
            }
            path.add(s.relationship().id);
            path.add(s.node().id);
            walk(s.node(), towardsEnd, path, paths);
            path.remove(path.size() - 1);
            path.remove(path.size() - 1);
        }
    }
}
