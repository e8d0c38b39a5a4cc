package dev.threatkit.cti.internal.graph;

import java.util.List;

/**
 * The graph side of the store: one vertex per stored object (and per kill-chain phase and external
 * reference), one edge per reference, labelled with the referencing property. Vertices carry the catalog
 * key as property {@code k}, so traversals answer with keys and the catalog supplies the rest. Every backend
 * implements this with the portable Gremlin subset.
 */
public interface GraphProjection extends AutoCloseable {
    /** Adds a vertex for catalog key {@code key} and returns the backend's vertex id. */
    Object addVertex(int key, String label);

    void removeVertex(Object vertex);

    void addEdge(Object from, String label, Object to);

    /** Removes one edge labelled {@code label} from {@code from} to {@code to}, if there is one. */
    void removeEdge(Object from, String label, Object to);

    /** An edge into a vertex: the key of the vertex it leaves and its label. */
    record InRef(int sourceKey, String label) {}

    /** An edge out of a vertex: the key of the vertex it enters and its label. */
    record OutRef(int targetKey, String label) {}

    /** Every edge out of {@code vertex}. */
    List<OutRef> outRefs(Object vertex);

    /** Every edge into {@code vertex}. */
    List<InRef> inRefs(Object vertex);

    /** Keys of the vertices with an edge labelled one of {@code labels} into {@code vertex}. */
    List<Integer> inKeys(Object vertex, String... labels);

    /** Keys of the vertices that {@code vertex} has an edge labelled one of {@code labels} to. */
    List<Integer> outKeys(Object vertex, String... labels);

    /**
     * Removes every vertex: a store rebuilds its projection from the journal on open, and a persistent graph
     * (JanusGraph, a remote server) still holds the previous one.
     */
    void clear();

    /** Makes pending changes visible and durable where the backend has transactions. */
    void commit();

    /** A short name of the backend, for messages and stats. */
    String backend();

    @Override
    void close();
}
