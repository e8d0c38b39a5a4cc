package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.Fixtures.load;
import static dev.threatkit.cti.graph.Fixtures.malware;
import static dev.threatkit.cti.graph.Fixtures.relationship;
import static dev.threatkit.cti.graph.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots and compaction: a store reopened from a snapshot plus the journal after it is the same store. */
interface SnapshotContract extends StoreContract {
    String SNAP_TIME = "2021-01-01T00:00:00.000Z";

    private static String mw(int i) {
        return "malware--" + uuid(i);
    }

    /** What a test compares before and after reopening. */
    private static List<Object> view(Cti cti) {
        List<Object> out = new ArrayList<>();
        out.add(cti.stats());
        out.add(cti.suggestions());
        for (int i = 1; i <= 6; i++) {
            out.add(cti.get(mw(i), Caller.ADMIN).map(StixObject::toString).orElse("-"));
            out.add(cti.neighbors(mw(i), null, Direction.BOTH, true, Caller.ADMIN)
                    .orElse(List.of()));
        }
        return out;
    }

    @Test
    default void aStoreReopenedFromASnapshotAndTheJournalAfterItIsTheSame(@TempDir Path dir) {
        List<Object> before;
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    malware(mw(1), "One", null, SNAP_TIME, "'aliases':['Uno']"),
                    malware(mw(2), "Two", null, SNAP_TIME, null),
                    relationship("relationship--" + uuid(12), "variant-of", mw(1), mw(2), null),
                    relationship("relationship--" + uuid(13), "variant-of", mw(1), mw(3), null)); // mw(3) arrives later
            load(cti, malware(mw(4), "Four", null, SNAP_TIME, null), malware(mw(5), "Five", null, SNAP_TIME, null));
            load(
                    cti,
                    malware(mw(6), "Uno", null, SNAP_TIME, null),
                    malware(mw(6), "Uno", null, SNAP_TIME, null)); // matched by alias
            cti.delete(List.of(mw(5)), Caller.ADMIN);
            long at = cti.snapshot();
            assertThat(at).isEqualTo(cti.lastEventId());
            load(cti, malware(mw(3), "Three", null, SNAP_TIME, null)); // resolves the pending reference
            load(cti, malware(mw(2), "Two", null, "2022-01-01T00:00:00.000Z", "'description':'v2'"));
            before = view(cti);
        }
        try (Cti reopened = open(dir)) {
            assertThat(view(reopened)).isEqualTo(before);
            assertThat(reopened.neighbors(mw(3), null, Direction.IN, false, Caller.ADMIN)
                            .orElseThrow())
                    .hasSize(1);
            assertThat(reopened.get(mw(6), Caller.ADMIN).orElseThrow().id()).isEqualTo(mw(1));
            load(reopened, malware(mw(7), "Seven", null, SNAP_TIME, null));
        }
        try (Cti again = Cti.builder().dataDirectory(dir).readOnly(true).build()) {
            assertThat(again.stats().get("malware")).isEqualTo(5);
        }
    }

    @Test
    default void compactionDeletesCoveredSegmentsAndTheFeedSaysWhatIsGone(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        Map<String, Integer> stats;
        try (Cti cti = open(data)) {
            load(cti, malware(mw(1), "One", null, SNAP_TIME, null), malware(mw(2), "Two", null, SNAP_TIME, null));
            assertThat(cti.compact()).isEqualTo(1);
            load(cti, malware(mw(3), "Three", null, SNAP_TIME, null));
            assertThatThrownBy(() -> cti.subscribe(0, e -> {}))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("compacted");
            List<ChangeEvent> seen = new ArrayList<>();
            cti.subscribe(2, seen::add).close();
            assertThat(seen).extracting(ChangeEvent::id).containsExactly(3L);
            stats = cti.stats();
            cti.backup(dir.resolve("backup"));
        }
        try (Stream<Path> segments = Files.list(data.resolve("journal"))) {
            assertThat(segments.map(p -> p.getFileName().toString()))
                    .containsExactly("segment-00000000000000000003.log");
        }
        try (Cti reopened = open(data)) {
            assertThat(reopened.stats()).isEqualTo(stats);
            assertThat(reopened.get(mw(1), Caller.ADMIN)).isPresent();
            load(reopened, malware(mw(4), "Four", null, SNAP_TIME, null));
            assertThat(reopened.lastEventId()).isEqualTo(4);
        }
        try (Cti restored = open(dir.resolve("backup"))) {
            assertThat(restored.stats()).isEqualTo(stats);
        }
    }
}
