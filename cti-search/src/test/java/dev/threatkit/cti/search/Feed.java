package dev.threatkit.cti.search;

import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import dev.threatkit.cti.store.SearchIndex;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Feeds an index the events a store would send, without a store: every object of a file created under its own
 * id. (The store's identity rules are tested in cti-graph; end-to-end tests in cti-server run both together.)
 */
final class Feed {
    private final SearchIndex index;
    private long next;

    Feed(SearchIndex index, long after) {
        this.index = index;
        this.next = after;
    }

    Feed(SearchIndex index) {
        this(index, index.appliedThrough());
    }

    long file(Path file) {
        try (StixReader reader = StixReader.open(file)) {
            while (reader.hasNext()) {
                create(reader.next());
            }
        }
        return next;
    }

    long create(StixObject o) {
        return send(ChangeKind.CREATE, o, List.of());
    }

    long create(String json) {
        return create(StixJson.parseObject(json));
    }

    long update(StixObject o) {
        return send(ChangeKind.UPDATE, o, List.of());
    }

    long delete(StixObject o) {
        return send(ChangeKind.DELETE, o, List.of());
    }

    long merge(StixObject into, List<String> merged) {
        return send(ChangeKind.MERGE, into, merged);
    }

    long last() {
        return next;
    }

    /** Waits until everything sent is searchable. */
    void sync() {
        index.awaitSearchable(next);
    }

    private long send(ChangeKind kind, StixObject o, List<String> merged) {
        next++;
        index.onEvent(new ChangeEvent(next, kind, Instant.now(), "test", o.id(), o, null, null, merged, false));
        return next;
    }
}
