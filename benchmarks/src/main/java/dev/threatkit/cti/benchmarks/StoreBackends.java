package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.GraphBackend;
import dev.threatkit.cti.store.SearchIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.janusgraph.core.JanusGraphFactory;

/** The two backends every store benchmark measures side by side, and throwaway data directories. */
final class StoreBackends {
    private StoreBackends() {}

    /** {@code tinkergraph} (the embedded default) or {@code janusgraph} (JanusGraph 1.1, in-memory storage). */
    static GraphBackend of(String name) {
        switch (name) {
            case "tinkergraph":
                return GraphBackend.tinkerGraph();
            case "janusgraph":
                return GraphBackend.embedded(
                        "janusgraph-inmemory",
                        () -> JanusGraphFactory.build()
                                .set("storage.backend", "inmemory")
                                .open());
            default:
                throw new IllegalArgumentException("unknown backend " + name + "; use tinkergraph or janusgraph");
        }
    }

    static Cti open(Path dir, String backend) {
        return Cti.builder().dataDirectory(dir).graph(of(backend)).build();
    }

    /** A store that feeds {@code index} and returns from every write once the index shows it. */
    static Cti open(Path dir, String backend, SearchIndex index) {
        return Cti.builder()
                .dataDirectory(dir)
                .graph(of(backend))
                .searchIndex(index)
                .readYourWrites(true)
                .build();
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
