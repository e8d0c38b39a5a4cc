package dev.threatkit.cti.graph;

/**
 * The store contract on TinkerGraph through portable Gremlin traversals: the code path of the remote and
 * JanusGraph backends, proving the embedded fast path gives the same answers.
 */
class PortableGremlinStoreTest implements AllStoreContracts {
    @Override
    public GraphBackend backend() {
        return GraphBackend.tinkerGraphPortable();
    }
}
