package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.search.LuceneSearchIndex;

/**
 * A store opened for writing together with its search index ({@code <data>/search}), closed in the right order:
 * the store stops feeding the index, then the index applies what is queued and commits.
 */
final class Workspace implements AutoCloseable {
    final Cti cti;
    final LuceneSearchIndex index;

    Workspace(Cti cti, LuceneSearchIndex index) {
        this.cti = cti;
        this.index = index;
    }

    @Override
    public void close() {
        try {
            cti.close();
        } finally {
            index.close();
        }
    }
}
