package dev.threatkit.cti.benchmarks;

import static org.apache.tinkerpop.gremlin.process.traversal.TextP.containing;

import dev.threatkit.cti.benchmarks.SearchWorkload.TextQuery;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;
import org.apache.tinkerpop.gremlin.util.iterator.IteratorUtils;

/**
 * The search questions answered the way a Gremlin application on TinkerGraph would without a search index: one
 * vertex per STIX object, label = its type, vertex id = its STIX id, and the properties a text predicate can look
 * at: {@code name}, {@code aliases} (joined with ", "), {@code description}, {@code value} (IPv4 and domain
 * observables), {@code sha256} and {@code md5} (files), {@code marking} (its first marking, absent when unmarked).
 *
 * <p>The questions, exactly:
 *
 * <ul>
 *   <li>text, per term {@code t} (one or two): {@code g.V().hasLabel(type).has("marking", within(allowed))} then,
 *       for each term, {@code .or(has("name", containing(t)), has("aliases", containing(t)), has("description",
 *       containing(t)))}, then {@code .limit(20)}. Every term must be in one of the three (AND of ORs, as the
 *       Lucene query requires every word); case-sensitive substring matching, no ranking, no total count;
 *   <li>IPv4 or domain: {@code g.V().has("value", v)}, hash: {@code g.V().has("sha256", h)}, each then
 *       {@code .or(hasNot("marking"), has("marking", within(allowed))).limit(10)};
 *   <li>id: {@code g.V(id)} (TinkerGraph's own id map) with the same visibility step.
 * </ul>
 *
 * With {@code indexed}, TinkerGraph also keeps its hash index on {@code value} and {@code sha256}
 * ({@code graph.createIndex(key, Vertex.class)}), which {@code has(key, v)} then uses; text predicates cannot use
 * it, so text questions scan every vertex either way.
 */
final class GremlinBaseline implements AutoCloseable {
    static final String NAME = "name";
    static final String ALIASES = "aliases";
    static final String DESCRIPTION = "description";
    static final String VALUE = "value";
    static final String SHA256 = "sha256";
    static final String MD5 = "md5";
    static final String MARKING = "marking";

    private final TinkerGraph graph;
    private final GraphTraversalSource g;
    private final Set<String> allowed;

    GremlinBaseline(boolean indexed, Set<String> allowedMarkings) {
        graph = TinkerGraph.open();
        if (indexed) {
            graph.createIndex(VALUE, Vertex.class);
            graph.createIndex(SHA256, Vertex.class);
        }
        g = graph.traversal();
        allowed = Set.copyOf(allowedMarkings);
    }

    /** Adds {@code o} as a vertex. */
    void add(StixObject o) {
        graph.addVertex(keyValues(o));
    }

    /** The label, id and properties of {@code o}'s vertex, for {@code addVertex}. */
    static Object[] keyValues(StixObject o) {
        List<Object> kv = new ArrayList<>(16);
        kv.add(T.label);
        kv.add(o.type());
        kv.add(T.id);
        kv.add(o.id());
        put(kv, NAME, o.name());
        List<String> aliases = o.aliases();
        if (!aliases.isEmpty()) {
            put(kv, ALIASES, String.join(", ", aliases));
        }
        put(kv, DESCRIPTION, o.description());
        put(kv, VALUE, o.getString("value"));
        StixProperties hashes = o.getObject("hashes");
        if (hashes != null) {
            put(kv, SHA256, hashes.getString("SHA-256"));
            put(kv, MD5, hashes.getString("MD5"));
        }
        List<String> markings = o.objectMarkingRefs();
        if (!markings.isEmpty()) {
            put(kv, MARKING, markings.get(0));
        }
        return kv.toArray();
    }

    private static void put(List<Object> kv, String key, String value) {
        if (value != null) {
            kv.add(key);
            kv.add(value);
        }
    }

    /** The first 20 visible vertices of {@code q.type()} with every term in a name, alias or description. */
    List<Vertex> text(TextQuery q) {
        GraphTraversal<Vertex, Vertex> t = g.V().hasLabel(q.type()).has(MARKING, P.within(allowed));
        for (String term : q.terms()) {
            t = t.or(
                    __.has(NAME, containing(term)),
                    __.has(ALIASES, containing(term)),
                    __.has(DESCRIPTION, containing(term)));
        }
        return t.limit(20).toList();
    }

    /** At most 10 visible vertices whose {@code key} is {@code value}. */
    List<Vertex> lookup(String key, String value) {
        return visible(g.V().has(key, value)).limit(10).toList();
    }

    /** The vertex of STIX id {@code id}, when visible. */
    List<Vertex> byId(String id) {
        return visible(g.V(id)).limit(10).toList();
    }

    private GraphTraversal<Vertex, Vertex> visible(GraphTraversal<Vertex, Vertex> t) {
        return t.or(__.hasNot(MARKING), __.has(MARKING, P.within(allowed)));
    }

    /** True when there is a vertex of STIX id {@code id}, visible or not. */
    boolean contains(String id) {
        return graph.vertices(id).hasNext();
    }

    long vertexCount() {
        return IteratorUtils.count(graph.vertices());
    }

    /** True when {@code vertices} holds the vertex of {@code id}. */
    static boolean holds(List<Vertex> vertices, String id) {
        for (Vertex v : vertices) {
            if (id.equals(v.id())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            graph.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close TinkerGraph", e);
        }
    }
}
