package dev.threatkit.cti.graph;

import org.janusgraph.core.JanusGraphFactory;

/** The store contract on JanusGraph 1.1 embedded, in-memory storage backend. */
class JanusGraphStoreTest implements AllStoreContracts {
    @Override
    public GraphBackend backend() {
        return GraphBackend.embedded(
                "janusgraph-inmemory",
                () -> JanusGraphFactory.build()
                        .set("storage.backend", "inmemory")
                        .open());
    }
}
