package dev.threatkit.cti.graph;

import java.nio.file.Path;

/**
 * The store's behaviour, written once and run against every graph backend: each contract interface holds
 * tests as default methods, and one test class per backend implements them all.
 */
interface StoreContract {
    /** The backend under test; called once per store opened. */
    GraphBackend backend();

    default Cti open(Path dir) {
        return Cti.builder().dataDirectory(dir).graph(backend()).build();
    }
}
