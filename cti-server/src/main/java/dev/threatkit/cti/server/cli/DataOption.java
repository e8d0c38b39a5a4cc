package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.GraphBackend;
import dev.threatkit.cti.search.LuceneSearchIndex;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data DIR} for every store-using subcommand (the store's directory, ./cti-data by default), and
 * {@code --graph} for those that write: where the graph projection lives.
 */
final class DataOption {
    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "cti-data",
            description = "the store's data directory (default: ${DEFAULT-VALUE}, relative to the working directory)")
    Path dir;

    @Option(
            names = "--graph",
            paramLabel = "BACKEND",
            defaultValue = "tinkergraph",
            description = "where writers keep the graph: tinkergraph (embedded, default) or remote:HOST:PORT[:SOURCE]"
                    + " for a Gremlin Server or JanusGraph Server (traversal source g unless given); the journal stays"
                    + " in --data either way")
    String graph;

    /**
     * Opens the store for writing (one writer per store; another is refused with a clear error) with its search
     * index, which catches up with the store first; every write returns once it is searchable.
     */
    Workspace openForWriting(boolean strictRelationships) {
        LuceneSearchIndex index = LuceneSearchIndex.open(searchDirectory());
        try {
            Cti cti = Cti.builder()
                    .dataDirectory(dir)
                    .graph(backend())
                    .strictRelationships(strictRelationships)
                    .searchIndex(index)
                    .readYourWrites(true)
                    .build();
            return new Workspace(cti, index);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    Workspace openForWriting() {
        return openForWriting(false);
    }

    /** Where the search index lives: {@code <data>/search}. */
    Path searchDirectory() {
        return dir.resolve("search");
    }

    /** Opens the store without the writer lock, as it is now; works while another process writes. */
    Cti openForReading() {
        return Cti.builder().dataDirectory(dir).readOnly(true).build();
    }

    private GraphBackend backend() {
        if (graph.equals("tinkergraph")) {
            return GraphBackend.tinkerGraph();
        }
        String[] parts = graph.split(":");
        if (parts.length >= 3 && parts.length <= 4 && parts[0].equals("remote")) {
            try {
                int port = Integer.parseInt(parts[2]);
                return GraphBackend.remote(parts[1], port, parts.length == 4 ? parts[3] : "g");
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("--graph " + graph
                + " is not a backend; use tinkergraph or remote:HOST:PORT[:SOURCE], e.g. remote:localhost:8182");
    }
}
