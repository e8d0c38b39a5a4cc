package dev.threatkit.cti.internal.graph;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;

/**
 * The embedded fast path: the same projection as {@link GremlinProjection}, through TinkerGraph's structure
 * API instead of traversals, which cost tens of microseconds each to build and optimise. Vertex handles are
 * the vertices themselves. The contract suite runs both and requires the same answers.
 */
final class TinkerProjection implements GraphProjection {
    private final TinkerGraph graph;

    TinkerProjection(TinkerGraph graph) {
        this.graph = graph;
    }

    /**
     * The vertex id is the catalog key itself, so the key property the portable projection writes is left
     * out here: it would cost a property map per vertex.
     */
    @Override
    public Object addVertex(int key, String label) {
        return graph.addVertex(T.id, key, T.label, label);
    }

    @Override
    public void removeVertex(Object vertex) {
        List<Edge> edges = new ArrayList<>();
        ((Vertex) vertex).edges(Direction.BOTH).forEachRemaining(edges::add);
        for (Edge e : edges) {
            TinkerEdgeRemoval.remove(graph, e);
        }
        ((Vertex) vertex).remove(); // no edges left to scan for
    }

    @Override
    public void addEdge(Object from, String label, Object to) {
        ((Vertex) from).addEdge(label, (Vertex) to);
    }

    @Override
    public List<InRef> inRefs(Object vertex) {
        List<InRef> out = new ArrayList<>();
        Iterator<Edge> it = ((Vertex) vertex).edges(Direction.IN);
        while (it.hasNext()) {
            Edge e = it.next();
            out.add(new InRef(key(e.outVertex()), e.label()));
        }
        return out;
    }

    @Override
    public void removeEdge(Object from, String label, Object to) {
        Iterator<Edge> it = ((Vertex) from).edges(Direction.OUT, label);
        while (it.hasNext()) {
            Edge e = it.next();
            if (e.inVertex().equals(to)) {
                TinkerEdgeRemoval.remove(graph, e);
                return;
            }
        }
    }

    @Override
    public List<OutRef> outRefs(Object vertex) {
        List<OutRef> out = new ArrayList<>();
        Iterator<Edge> it = ((Vertex) vertex).edges(Direction.OUT);
        while (it.hasNext()) {
            Edge e = it.next();
            out.add(new OutRef(key(e.inVertex()), e.label()));
        }
        return out;
    }

    @Override
    public List<Integer> inKeys(Object vertex, String... labels) {
        return keys(((Vertex) vertex).vertices(Direction.IN, labels));
    }

    @Override
    public List<Integer> outKeys(Object vertex, String... labels) {
        return keys(((Vertex) vertex).vertices(Direction.OUT, labels));
    }

    private static List<Integer> keys(Iterator<Vertex> it) {
        List<Integer> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(key(it.next()));
        }
        return out;
    }

    private static int key(Vertex v) {
        return ((Number) v.id()).intValue();
    }

    @Override
    public void clear() {
        graph.clear();
    }

    @Override
    public void commit() {
        // TinkerGraph applies changes at once.
    }

    @Override
    public String backend() {
        return "tinkergraph";
    }

    @Override
    public void close() {
        graph.close();
    }
}
