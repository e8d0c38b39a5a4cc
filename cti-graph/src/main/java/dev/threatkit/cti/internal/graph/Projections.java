package dev.threatkit.cti.internal.graph;

import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.CompactTinkerGraph;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;

/** The graph backends a store can project into. */
public final class Projections {
    private Projections() {}

    /**
     * The embedded default: an in-memory TinkerGraph with compact edge bookkeeping ({@link CompactTinkerGraph}),
     * written through its structure API.
     */
    public static GraphProjection tinkerGraph() {
        return new TinkerProjection(CompactTinkerGraph.open(compactIds()));
    }

    /** Integer ids (16 bytes each) instead of Long (24): the graph holds one per vertex and edge. */
    private static org.apache.commons.configuration2.Configuration compactIds() {
        org.apache.commons.configuration2.BaseConfiguration c =
                new org.apache.commons.configuration2.BaseConfiguration();
        c.setProperty(TinkerGraph.GREMLIN_TINKERGRAPH_VERTEX_ID_MANAGER, TinkerGraph.DefaultIdManager.INTEGER.name());
        c.setProperty(TinkerGraph.GREMLIN_TINKERGRAPH_EDGE_ID_MANAGER, TinkerGraph.DefaultIdManager.INTEGER.name());
        return c;
    }

    /** An in-memory TinkerGraph written through portable Gremlin traversals, as remote backends are. */
    public static GraphProjection tinkerGraphViaGremlin() {
        return GremlinProjection.embedded(TinkerGraph.open(), true, "tinkergraph-gremlin");
    }

    /** Any embedded TinkerPop graph (JanusGraph ...), through portable Gremlin; the projection closes it. */
    public static GraphProjection embedded(Graph graph, String name) {
        return GremlinProjection.embedded(graph, false, name);
    }

    /** A remote Gremlin Server (or JanusGraph Server) through gremlin-driver with GraphBinary. */
    public static GraphProjection remote(String host, int port, String traversalSource) {
        Cluster cluster = Cluster.build(host)
                .port(port)
                .serializer(new GraphBinaryMessageSerializerV1())
                .create();
        try {
            GraphTraversalSource g = AnonymousTraversalSource.traversal()
                    .withRemote(DriverRemoteConnection.using(cluster, traversalSource));
            return new GremlinProjection(g, cluster::close, false, false, "remote " + host + ":" + port);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }
}
