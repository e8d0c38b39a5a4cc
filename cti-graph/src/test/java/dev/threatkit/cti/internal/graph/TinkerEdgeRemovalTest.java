package dev.threatkit.cti.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;
import org.junit.jupiter.api.Test;

/** The constant-time edge removal reaches TinkerGraph's fields and leaves the graph as Edge.remove() does. */
class TinkerEdgeRemovalTest {
    @Test
    void fastPathIsAvailableOnThisTinkerPopVersion() {
        assertThat(TinkerEdgeRemoval.AVAILABLE)
                .as("TinkerGraph's fields moved: deletes fall back to its quadratic Edge.remove()")
                .isTrue();
    }

    @Test
    void removalLeavesTheGraphAsEdgeRemoveDoes() {
        TinkerGraph graph = TinkerGraph.open();
        Vertex hub = graph.addVertex(T.id, 0L);
        Edge kept = null;
        Edge gone = null;
        for (long i = 1; i <= 1_000; i++) {
            Vertex v = graph.addVertex(T.id, i);
            Edge e = v.addEdge("created_by_ref", hub);
            if (i == 500) {
                gone = e;
            } else if (i == 501) {
                kept = e;
            }
        }
        Vertex source = gone.outVertex();
        TinkerEdgeRemoval.remove(graph, gone);
        assertThat(graph.edges()).toIterable().hasSize(999).doesNotContain(gone).contains(kept);
        assertThat(hub.edges(Direction.IN, "created_by_ref"))
                .toIterable()
                .hasSize(999)
                .doesNotContain(gone);
        assertThat(source.edges(Direction.OUT)).toIterable().isEmpty();
        assertThat(graph.edges(gone.id())).toIterable().isEmpty();
        source.remove();
        assertThat(graph.vertices()).toIterable().hasSize(1_000);
    }
}
