package dev.threatkit.cti.internal.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.structure.T;

/**
 * {@link GraphProjection} in portable Gremlin: no lambdas, single-valued properties only, so the same code
 * runs on TinkerGraph, a remote Gremlin Server and JanusGraph.
 */
final class GremlinProjection implements GraphProjection {
    static final String KEY = "k";

    private final GraphTraversalSource g;
    private final AutoCloseable resources;
    private final boolean userIds;
    private final boolean transactional;
    private final String name;

    /**
     * @param g the traversal source
     * @param resources what to close with the projection (the graph, a driver cluster), or null
     * @param userIds true when the backend accepts caller-chosen numeric vertex ids (TinkerGraph)
     * @param transactional true when changes must be committed ({@code g.tx().commit()})
     * @param name backend name for messages
     */
    GremlinProjection(
            GraphTraversalSource g, AutoCloseable resources, boolean userIds, boolean transactional, String name) {
        this.g = g;
        this.resources = resources;
        this.userIds = userIds;
        this.transactional = transactional;
        this.name = name;
    }

    /** A projection into an embedded graph, which it closes when closed. */
    static GremlinProjection embedded(Graph graph, boolean userIds, String name) {
        return new GremlinProjection(
                graph.traversal(), graph, userIds, graph.features().graph().supportsTransactions(), name);
    }

    @Override
    public void clear() {
        g.V().drop().iterate();
        commit();
    }

    @Override
    public Object addVertex(int key, String label) {
        if (userIds) {
            return g.addV(label)
                    .property(T.id, (long) key)
                    .property(KEY, key)
                    .id()
                    .next();
        }
        return g.addV(label).property(KEY, key).id().next();
    }

    @Override
    public void removeVertex(Object vertex) {
        g.V(vertex).drop().iterate();
    }

    @Override
    public void addEdge(Object from, String label, Object to) {
        g.V(from).addE(label).to(__.V(to)).iterate();
    }

    @Override
    public List<Integer> inKeys(Object vertex, String... labels) {
        return keys(g.V(vertex).in(labels).values(KEY).toList());
    }

    @Override
    public void removeEdge(Object from, String label, Object to) {
        g.V(from).outE(label).where(__.inV().hasId(to)).limit(1).drop().iterate();
    }

    @Override
    public List<InRef> inRefs(Object vertex) {
        List<Map<String, Object>> rows = g.V(vertex)
                .inE()
                .project("k", "l")
                .by(__.outV().values(KEY))
                .by(T.label)
                .toList();
        List<InRef> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            out.add(new InRef(((Number) row.get("k")).intValue(), (String) row.get("l")));
        }
        return out;
    }

    @Override
    public List<OutRef> outRefs(Object vertex) {
        List<Map<String, Object>> rows = g.V(vertex)
                .outE()
                .project("k", "l")
                .by(__.inV().values(KEY))
                .by(T.label)
                .toList();
        List<OutRef> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            out.add(new OutRef(((Number) row.get("k")).intValue(), (String) row.get("l")));
        }
        return out;
    }

    @Override
    public List<Integer> outKeys(Object vertex, String... labels) {
        return keys(g.V(vertex).out(labels).values(KEY).toList());
    }

    private static List<Integer> keys(List<Object> values) {
        List<Integer> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(((Number) v).intValue());
        }
        return out;
    }

    @Override
    public void commit() {
        if (transactional) {
            g.tx().commit();
        }
    }

    @Override
    public String backend() {
        return name;
    }

    @Override
    public void close() {
        try {
            g.close();
            if (resources != null) {
                resources.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the " + name + " graph: " + e.getMessage(), e);
        }
    }
}
