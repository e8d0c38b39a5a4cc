package dev.threatkit.cti.graph;

import dev.threatkit.cti.internal.graph.GraphProjection;
import dev.threatkit.cti.internal.graph.Projections;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.tinkerpop.gremlin.structure.Graph;

/**
 * Where a store keeps its graph projection. The journal always stays local to the writer process; the graph is
 * rebuilt from it on every open, so any backend can be swapped for another by reopening.
 *
 * <ul>
 *   <li>{@link #tinkerGraph()}: the embedded default, in memory, written through TinkerGraph's structure API;
 *       TinkerGraph with compact edge sets, about 1.4 KB of heap per ATT&amp;CK object with the catalog.
 *   <li>{@link #embedded(String, Supplier)}: any TinkerPop graph in this process, such as JanusGraph
 *       ({@code JanusGraphFactory.build().set("storage.backend", "inmemory").open()}, or berkeleyje), written
 *       through portable Gremlin.
 *   <li>{@link #remote(String, int, String)}: a Gremlin Server or JanusGraph Server, through gremlin-driver.
 * </ul>
 *
 * A read-only open always projects into a private in-memory graph: readers never write to a shared one.
 */
public final class GraphBackend {
    private final String name;
    private final Supplier<GraphProjection> factory;

    private GraphBackend(String name, Supplier<GraphProjection> factory) {
        this.name = name;
        this.factory = factory;
    }

    /** The embedded default: TinkerGraph in memory. */
    public static GraphBackend tinkerGraph() {
        return new GraphBackend("tinkergraph", Projections::tinkerGraph);
    }

    /** TinkerGraph in memory written through portable Gremlin traversals, as the other backends are. */
    public static GraphBackend tinkerGraphPortable() {
        return new GraphBackend("tinkergraph-gremlin", Projections::tinkerGraphViaGremlin);
    }

    /**
     * An embedded TinkerPop graph, opened by {@code graphs} each time the store opens and closed with it. Its
     * contents are replaced by the store's projection on open: give the store a graph of its own.
     */
    public static GraphBackend embedded(String name, Supplier<? extends Graph> graphs) {
        Objects.requireNonNull(graphs, "graphs");
        return new GraphBackend(name, () -> Projections.embedded(graphs.get(), name));
    }

    /**
     * A remote Gremlin Server at {@code host:port}, traversal source {@code traversalSource} (usually "g"),
     * GraphBinary serialisation. The graph behind that source is replaced by the store's projection on open:
     * give the store a graph of its own.
     */
    public static GraphBackend remote(String host, int port, String traversalSource) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(traversalSource, "traversalSource");
        return new GraphBackend("remote " + host + ":" + port, () -> Projections.remote(host, port, traversalSource));
    }

    public String name() {
        return name;
    }

    GraphProjection open() {
        return factory.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
