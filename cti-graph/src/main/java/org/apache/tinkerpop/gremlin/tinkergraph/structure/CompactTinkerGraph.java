package org.apache.tinkerpop.gremlin.tinkergraph.structure;

import java.util.Map;
import java.util.Set;
import org.apache.commons.configuration2.Configuration;
import org.apache.tinkerpop.gremlin.structure.Edge;

/**
 * TinkerGraph with compact edge bookkeeping: the store's embedded default. TinkerGraph keeps, at each end of
 * every edge, a {@code HashMap} of labels to a {@code HashSet} of edges, about 200 bytes for each label a vertex
 * has, while a STIX object has a few references of each kind (ATT&amp;CK: 6.2 edges per object under as many
 * labels). Through the two hooks TinkerGraph keeps for this ({@code addOutEdge} and {@code addInEdge}) the edges
 * go to an {@link EdgeMap} of {@link EdgeSet}s instead, which TinkerGraph reads through the same {@code Map} and
 * {@code Set} interfaces. Vertices and edges by id go to a {@link DenseIdMap} instead of a
 * {@code ConcurrentHashMap}. Everything else is TinkerGraph's own.
 *
 * <p>It lives in TinkerGraph's package because the constructor and the edge maps of {@code TinkerVertex} are
 * package-private or protected there; the store's contract suite runs every behaviour through it, and a test
 * fails if TinkerGraph stops calling the hooks.
 */
public final class CompactTinkerGraph extends TinkerGraph {
    private CompactTinkerGraph(Configuration configuration) {
        super(configuration);
        vertices = new DenseIdMap<>();
        edges = new DenseIdMap<>();
    }

    /** An empty graph configured as {@link TinkerGraph#open(Configuration)} configures one. */
    public static CompactTinkerGraph open(Configuration configuration) {
        return new CompactTinkerGraph(configuration);
    }

    @Override
    protected void addOutEdge(TinkerVertex vertex, String label, Edge edge) {
        if (vertex.outEdges == null) {
            vertex.outEdges = new EdgeMap();
        }
        if (!addTo(vertex.outEdges, label, edge)) {
            super.addOutEdge(vertex, label, edge);
        }
    }

    @Override
    protected void addInEdge(TinkerVertex vertex, String label, Edge edge) {
        if (vertex.inEdges == null) {
            vertex.inEdges = new EdgeMap();
        }
        if (!addTo(vertex.inEdges, label, edge)) {
            super.addInEdge(vertex, label, edge);
        }
    }

    /** Adds to a compact map; false for a map made elsewhere, which TinkerGraph's own code fills. */
    private static boolean addTo(Map<String, Set<Edge>> edges, String label, Edge edge) {
        if (edges instanceof EdgeMap) {
            ((EdgeMap) edges).add(label, edge);
            return true;
        }
        return false;
    }

    /** Whether {@code vertex} keeps its edges in the compact maps (for tests). */
    public static boolean isCompact(TinkerVertex vertex) {
        return (vertex.outEdges == null || vertex.outEdges instanceof EdgeMap)
                && (vertex.inEdges == null || vertex.inEdges instanceof EdgeMap);
    }
}
