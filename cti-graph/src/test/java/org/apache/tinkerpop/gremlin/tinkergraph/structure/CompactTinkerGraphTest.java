package org.apache.tinkerpop.gremlin.tinkergraph.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.junit.jupiter.api.Test;

/**
 * The compact edge bookkeeping against TinkerGraph's own: the same random additions and removals of edges and
 * vertices, through every removal path TinkerGraph has, must leave both graphs answering every edge and
 * neighbour question the same, and the compact maps must stay in place (TinkerGraph still calls the hooks).
 */
class CompactTinkerGraphTest {
    private static final String[] LABELS = {"created_by_ref", "object_marking_refs", "source_ref", "target_ref", "x"};

    @Test
    void randomEditsAnswerAsTinkerGraphDoes() {
        for (int round = 0; round < 20; round++) {
            Random r = new Random(round);
            TinkerGraph plain = TinkerGraph.open();
            CompactTinkerGraph compact = CompactTinkerGraph.open(new BaseConfiguration());
            int vertices = round % 2 == 0 ? 12 : 200; // few vertices: hubs past EdgeSet.HASHED edges
            for (long i = 0; i < vertices; i++) {
                plain.addVertex(T.id, i);
                compact.addVertex(T.id, i);
            }
            long nextEdge = 0;
            for (int step = 0; step < 3_000; step++) {
                int op = r.nextInt(10);
                if (op < 6) {
                    Object from = (long) r.nextInt(vertices);
                    Object to = (long) r.nextInt(vertices);
                    String label = LABELS[r.nextInt(LABELS.length)];
                    Vertex a = plain.vertex(from);
                    Vertex b = compact.vertex(from);
                    if (a == null || plain.vertex(to) == null) {
                        continue;
                    }
                    a.addEdge(label, plain.vertex(to), T.id, nextEdge);
                    b.addEdge(label, compact.vertex(to), T.id, nextEdge);
                    nextEdge++;
                } else if (op < 9) {
                    List<Object> ids = new ArrayList<>();
                    plain.edges().forEachRemaining(e -> ids.add(e.id()));
                    if (ids.isEmpty()) {
                        continue;
                    }
                    Object id = ids.get(r.nextInt(ids.size()));
                    plain.edge(id).remove();
                    if (op == 8) { // the store's constant-time path goes through Set.remove
                        Edge e = compact.edge(id);
                        ((TinkerVertex) e.outVertex()).outEdges.get(e.label()).remove(e);
                        ((TinkerVertex) e.inVertex()).inEdges.get(e.label()).remove(e);
                        compact.edges.remove(id);
                    } else { // TinkerGraph's own goes through removeIf
                        compact.edge(id).remove();
                    }
                } else {
                    Object id = (long) r.nextInt(vertices);
                    if (plain.vertex(id) != null && r.nextInt(4) == 0) {
                        plain.vertex(id).remove();
                        compact.vertex(id).remove();
                    }
                }
            }
            assertSameAnswers(plain, compact);
        }
    }

    private static void assertSameAnswers(TinkerGraph plain, CompactTinkerGraph compact) {
        assertThat(ids(compact.edges())).isEqualTo(ids(plain.edges()));
        Iterator<Vertex> it = plain.vertices();
        while (it.hasNext()) {
            Vertex a = it.next();
            Vertex b = compact.vertex(a.id());
            assertThat(CompactTinkerGraph.isCompact((TinkerVertex) b)).isTrue();
            for (Direction d : Direction.values()) {
                assertThat(ids(b.edges(d))).as("%s %s", a.id(), d).isEqualTo(ids(a.edges(d)));
                for (String label : LABELS) {
                    assertThat(ids(b.edges(d, label))).isEqualTo(ids(a.edges(d, label)));
                    assertThat(neighbours(b.vertices(d, label, "x"))).isEqualTo(neighbours(a.vertices(d, label, "x")));
                }
            }
        }
    }

    /** {@code n} loops on one vertex of a plain TinkerGraph, edge {@code i} with id {@code id(i)}. */
    private static List<Edge> edges(int n, java.util.function.LongUnaryOperator id) {
        Vertex v = TinkerGraph.open().addVertex(T.id, 0L);
        List<Edge> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(v.addEdge("l", v, T.id, id.applyAsLong(i)));
        }
        return out;
    }

    private static Set<Edge> contents(Set<Edge> set) {
        Set<Edge> out = new HashSet<>();
        if (set != null) {
            for (Edge e : set) {
                assertThat(out.add(e)).as("listed twice: %s", e).isTrue();
            }
        }
        return out;
    }

    private static Map<String, Set<Edge>> nonEmpty(Map<String, Set<Edge>> map) {
        Map<String, Set<Edge>> out = new TreeMap<>();
        map.forEach((label, set) -> {
            if (!set.isEmpty()) {
                out.put(label, contents(set));
            }
        });
        return out;
    }

    private static Map<Object, Integer> ids(Iterator<Edge> edges) {
        Map<Object, Integer> out = new TreeMap<>();
        edges.forEachRemaining(e -> out.merge(e.id(), 1, Integer::sum)); // counts catch an edge listed twice
        return out;
    }

    private static Map<Object, Integer> neighbours(Iterator<Vertex> vertices) {
        Map<Object, Integer> out = new TreeMap<>();
        vertices.forEachRemaining(v -> out.merge(v.id(), 1, Integer::sum));
        return out;
    }

    /**
     * A set past {@link EdgeSet#HASHED} edges, on its own: long runs of ids that share a home slot, removals that
     * leave markers in them, and re-additions, against HashSet.
     */
    @Test
    void hashedEdgeSetBehavesAsHashSet() {
        List<Edge> pool = edges(120, i -> i % 2 == 0 ? i : 5_000 + i * 256); // odd ones share home slots
        Random r = new Random(9);
        for (int round = 0; round < 50; round++) {
            EdgeSet set = new EdgeSet(pool.get(0), pool.get(1));
            Set<Edge> model = new HashSet<>(List.of(pool.get(0), pool.get(1)));
            for (int step = 0; step < 2_000; step++) {
                Edge e = pool.get(r.nextInt(pool.size()));
                switch (r.nextInt(6)) {
                    case 0, 1, 2 -> assertThat(set.add(e)).isEqualTo(model.add(e));
                    case 3 -> assertThat(set.remove(e)).isEqualTo(model.remove(e));
                    case 4 -> {
                        long k = r.nextInt(5);
                        assertThat(set.removeIf(x -> (Long) x.id() % 5 == k))
                                .isEqualTo(model.removeIf(x -> (Long) x.id() % 5 == k));
                    }
                    default -> {
                        for (Iterator<Edge> it = set.iterator(); it.hasNext(); ) {
                            if (it.next().equals(e)) {
                                it.remove();
                            }
                        }
                        model.remove(e);
                    }
                }
                assertThat(set).hasSize(model.size());
                assertThat(contents(set)).isEqualTo(model);
                for (Edge x : pool) {
                    assertThat(set.contains(x)).as("contains %s", x.id()).isEqualTo(model.contains(x));
                }
            }
        }
    }

    /** The edge map and set against HashMap and HashSet, through every method TinkerGraph may call. */
    @Test
    void edgeMapAndEdgeSetBehaveAsHashMapAndHashSet() {
        // half with ids that count up, half 64 apart: they share home slots, so lookups probe past removals
        List<Edge> pool = edges(60, i -> i < 30 ? i : 1_000 + (i - 30) * 64);
        Random r = new Random(3);
        for (int round = 0; round < 200; round++) {
            EdgeMap map = new EdgeMap();
            Map<String, Set<Edge>> model = new HashMap<>();
            for (int step = 0; step < 300; step++) {
                String label = LABELS[r.nextInt(LABELS.length)];
                Edge e = pool.get(r.nextInt(round % 2 == 0 ? 8 : pool.size()));
                switch (r.nextInt(7)) {
                    case 0, 1, 2 -> {
                        map.add(label, e);
                        model.computeIfAbsent(label, k -> new HashSet<>()).add(e);
                    }
                    case 3 -> {
                        Set<Edge> s = map.get(label);
                        boolean removed = s != null && s.remove(e);
                        assertThat(removed)
                                .isEqualTo(model.containsKey(label)
                                        && model.get(label).remove(e));
                    }
                    case 4 -> {
                        Set<Edge> s = map.get(label);
                        if (s != null) { // every third edge, say: several in a row, as an iterator removes them
                            long k = r.nextInt(3);
                            boolean viaIterator = r.nextBoolean();
                            boolean removed = false;
                            if (viaIterator) {
                                for (Iterator<Edge> it = s.iterator(); it.hasNext(); ) {
                                    if ((Long) it.next().id() % 3 == k) {
                                        it.remove();
                                        removed = true;
                                    }
                                }
                            } else {
                                removed = s.removeIf(x -> (Long) x.id() % 3 == k);
                            }
                            assertThat(removed).isEqualTo(model.get(label).removeIf(x -> (Long) x.id() % 3 == k));
                        }
                    }
                    case 5 -> assertThat(contents(map.remove(label))).isEqualTo(contents(model.remove(label)));
                    default -> {
                        Iterator<Map.Entry<String, Set<Edge>>> it =
                                map.entrySet().iterator();
                        while (it.hasNext()) {
                            Map.Entry<String, Set<Edge>> entry = it.next();
                            if (entry.getKey().equals(label)) {
                                it.remove();
                            }
                        }
                        model.remove(label);
                    }
                }
                // a label whose lone edge went is dropped, where HashMap keeps an empty set: compare the edges
                assertThat(nonEmpty(map)).isEqualTo(nonEmpty(model));
                assertThat(map.values()).hasSize(map.keySet().size()).hasSize(map.size());
                for (String l : LABELS) {
                    assertThat(contents(map.get(l))).isEqualTo(contents(model.get(l)));
                    assertThat(map.containsKey(l)).isEqualTo(map.get(l) != null);
                    if (map.get(l) != null) {
                        assertThat(map.get(l)).hasSize(contents(model.get(l)).size());
                        for (Edge x : pool) {
                            assertThat(map.get(l).contains(x))
                                    .isEqualTo(model.get(l).contains(x));
                        }
                    }
                }
            }
        }
    }
}
