package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.Fixtures.load;
import static dev.threatkit.cti.graph.Fixtures.malware;
import static dev.threatkit.cti.graph.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.SearchIndex;
import dev.threatkit.cti.store.StoreReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search index given to the builder is caught up from what it has applied, then fed every new event. */
class SearchIndexHookTest {
    private static final String T = "2021-01-01T00:00:00.000Z";

    /** Remembers the events it is given, as an index would apply them. */
    static final class RecordingIndex implements SearchIndex {
        final List<Long> applied = new ArrayList<>();
        private final long through;

        RecordingIndex(long through) {
            this.through = through;
        }

        @Override
        public long appliedThrough() {
            return through;
        }

        @Override
        public void onEvent(ChangeEvent event) {
            applied.add(event.id());
        }

        @Override
        public void rebuild(StoreReader store) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            // the embedder owns the index; the store only stops feeding it
        }
    }

    @Test
    void anIndexCatchesUpFromItsLastAppliedEventAndThenFollows(@TempDir Path dir) {
        RecordingIndex first = new RecordingIndex(0);
        try (Cti cti = Cti.builder().dataDirectory(dir).searchIndex(first).build()) {
            load(
                    cti,
                    malware("malware--" + uuid(1), "A", null, T, null),
                    malware("malware--" + uuid(2), "B", null, T, null));
        }
        assertThat(first.applied).containsExactly(1L, 2L);

        RecordingIndex behind = new RecordingIndex(1); // it had applied event 1 durably before a restart
        try (Cti cti = Cti.builder().dataDirectory(dir).searchIndex(behind).build()) {
            assertThat(behind.applied).containsExactly(2L);
            load(cti, malware("malware--" + uuid(3), "C", null, T, null));
            assertThat(behind.applied).containsExactly(2L, 3L);
        }
    }
}
