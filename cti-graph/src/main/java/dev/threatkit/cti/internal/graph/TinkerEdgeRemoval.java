package dev.threatkit.cti.internal.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerEdge;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerVertex;

/**
 * Removes a TinkerGraph edge in constant time. TinkerGraph 3.7 removes an edge from each end's edge set with
 * {@code removeIf} over ids, a scan of every edge of that label at that vertex: deleting the objects that
 * point at a hub (an author, a marking, a malware thousands of indicators indicate) is quadratic in the hub's
 * degree, and was three quarters of a delete. This does what {@code TinkerEdge.remove()} does for a plain
 * (non-transactional, unindexed) TinkerGraph, with {@code Set.remove}, which finds the edge by its id hash.
 *
 * <p>It reaches TinkerGraph's protected fields; if they are not there (another TinkerPop version), it says so
 * through {@link #AVAILABLE} and callers use {@code Edge.remove()}. The contract suite runs the same
 * behaviours through this path and through portable Gremlin.
 */
final class TinkerEdgeRemoval {
    private static final VarHandle OUT_EDGES;
    private static final VarHandle IN_EDGES;
    private static final VarHandle GRAPH_EDGES;
    private static final VarHandle REMOVED;
    static final boolean AVAILABLE;

    static {
        VarHandle out = null;
        VarHandle in = null;
        VarHandle edges = null;
        VarHandle removed = null;
        boolean ok;
        try {
            out = handle(TinkerVertex.class, "outEdges");
            in = handle(TinkerVertex.class, "inEdges");
            edges = handle(TinkerGraph.class, "edges");
            removed = handle(TinkerEdge.class, "removed");
            ok = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            ok = false;
        }
        OUT_EDGES = out;
        IN_EDGES = in;
        GRAPH_EDGES = edges;
        REMOVED = removed;
        AVAILABLE = ok;
    }

    private TinkerEdgeRemoval() {}

    private static VarHandle handle(Class<?> start, String name) throws ReflectiveOperationException {
        for (Class<?> c = start; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).unreflectVarHandle(f);
            } catch (NoSuchFieldException next) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(start.getName() + "." + name);
    }

    /** Removes {@code edge} from {@code graph}. */
    @SuppressWarnings("unchecked")
    static void remove(TinkerGraph graph, Edge edge) {
        if (!AVAILABLE) {
            edge.remove();
            return;
        }
        String label = edge.label();
        Map<String, Set<Edge>> out = (Map<String, Set<Edge>>) OUT_EDGES.get(edge.outVertex());
        if (out != null) {
            Set<Edge> set = out.get(label);
            if (set != null) {
                set.remove(edge);
            }
        }
        Map<String, Set<Edge>> in = (Map<String, Set<Edge>>) IN_EDGES.get(edge.inVertex());
        if (in != null) {
            Set<Edge> set = in.get(label);
            if (set != null) {
                set.remove(edge);
            }
        }
        ((Map<Object, Edge>) GRAPH_EDGES.get(graph)).remove(edge.id());
        REMOVED.set(edge, true);
    }
}
