package dev.threatkit.cti.internal.graph;

import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;

/** The graph backends a store can project into. */
public final class Projections {
    private Projections() {}

    /** The embedded default: an in-memory TinkerGraph, written through its structure API. */
    public static GraphProjection tinkerGraph() {
        return new TinkerProjection(TinkerGraph.open());
    }

    /** An in-memory TinkerGraph written through portable Gremlin traversals, as remote backends are. */
    public static GraphProjection tinkerGraphViaGremlin() {
        TinkerGraph graph = TinkerGraph.open();
        GraphTraversalSource g = graph.traversal();
        return new GremlinProjection(g, graph, true, "tinkergraph");
    }
}
