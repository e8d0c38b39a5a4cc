package dev.threatkit.cti.graph;

/** The store contract on the embedded default: TinkerGraph through its structure API. */
class TinkerGraphStoreTest implements AllStoreContracts {
    @Override
    public GraphBackend backend() {
        return GraphBackend.tinkerGraph();
    }
}
