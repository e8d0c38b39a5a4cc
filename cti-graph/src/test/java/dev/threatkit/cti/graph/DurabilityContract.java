package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.Fixtures.load;
import static dev.threatkit.cti.graph.Fixtures.malware;
import static dev.threatkit.cti.graph.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeFeed;
import dev.threatkit.cti.store.ChangeKind;
import dev.threatkit.cti.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal: recovery, torn writes, one writer, read-only opens, backups and the change feed. */
interface DurabilityContract extends StoreContract {
    String T1 = "2021-01-01T00:00:00.000Z";
    String T2 = "2022-01-01T00:00:00.000Z";

    private static Path segment(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("journal"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("segment-"))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }
    }

    @Test
    default void aTornFinalRecordIsDroppedOnOpenAndEverythingBeforeItSurvives(@TempDir Path dir) throws IOException {
        try (Cti cti = open(dir)) {
            load(cti, malware("malware--" + uuid(1), "A", null, T1, null));
            load(cti, malware("malware--" + uuid(2), "B", null, T1, null));
        }
        Path seg = segment(dir);
        long size = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 7); // the second record loses its tail, as in a crash mid-write
        }
        try (Cti cti = open(dir)) {
            assertThat(cti.recoveryNote()).contains("interrupted write");
            assertThat(cti.get("malware--" + uuid(1), Caller.ADMIN)).isPresent();
            assertThat(cti.get("malware--" + uuid(2), Caller.ADMIN)).isEmpty();
            load(cti, malware("malware--" + uuid(3), "C", null, T1, null));
        }
        try (Cti cti = open(dir)) {
            assertThat(cti.recoveryNote()).isNull();
            assertThat(cti.stats().get("malware")).isEqualTo(2);
        }
    }

    @Test
    default void garbageAfterTheLastRecordIsCutOff(@TempDir Path dir) throws IOException {
        try (Cti cti = open(dir)) {
            load(cti, malware("malware--" + uuid(1), "A", null, T1, null));
        }
        Files.write(segment(dir), new byte[] {0, 0, 1, 0, 9, 9, 9, 9, 1, 2, 3}, StandardOpenOption.APPEND);
        try (Cti cti = open(dir)) {
            assertThat(cti.recoveryNote()).isNotNull();
            assertThat(cti.stats().get("malware")).isEqualTo(1);
        }
    }

    @Test
    default void aSecondWriterIsRefusedAndReadersOpenWhileItWrites(@TempDir Path dir) {
        try (Cti writer = open(dir)) {
            load(writer, malware("malware--" + uuid(1), "A", null, T1, null));
            assertThatThrownBy(() -> open(dir))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("already open for writing")
                    .hasMessageContaining("read-only");
            try (Cti reader = Cti.builder().dataDirectory(dir).readOnly(true).build()) {
                assertThat(reader.get("malware--" + uuid(1), Caller.ADMIN)).isPresent();
                assertThatThrownBy(() -> load(reader, malware("malware--" + uuid(2), "B", null, T1, null)))
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("read-only");
            }
        }
        try (Cti again = open(dir)) { // the lock goes with the writer
            assertThat(again.stats().get("malware")).isEqualTo(1);
        }
    }

    @Test
    default void aBackupIsConsistentAndOpensAsAStore(@TempDir Path dir) {
        Path backup = dir.resolve("backup");
        Path data = dir.resolve("data");
        try (Cti cti = open(data)) {
            load(cti, malware("malware--" + uuid(1), "A", null, T1, null));
            BackupResult b = cti.backup(backup);
            assertThat(b.objects()).isEqualTo(1);
            assertThat(b.lastEventId()).isEqualTo(1);
            load(cti, malware("malware--" + uuid(2), "B", null, T1, null));
            assertThatThrownBy(() -> cti.backup(backup)).hasMessageContaining("not empty");
        }
        try (Cti restored = open(backup)) {
            assertThat(restored.stats().get("malware")).isEqualTo(1);
            load(restored, malware("malware--" + uuid(3), "C", null, T1, null));
            assertThat(restored.lastEventId()).isEqualTo(2);
        }
    }

    @Test
    default void theChangeFeedReplaysFromAnyEventAndCarriesPatches(@TempDir Path dir) {
        List<ChangeEvent> seen = new ArrayList<>();
        try (Cti cti = open(dir)) {
            load(cti, malware("malware--" + uuid(1), "A", null, T1, "'description':'old'"));
            try (ChangeFeed.Subscription s = cti.subscribe(0, seen::add)) {
                load(cti, malware("malware--" + uuid(1), "A", null, T2, "'description':'new'"));
                cti.delete(List.of("malware--" + uuid(1)), Caller.ADMIN);
            }
            load(cti, malware("malware--" + uuid(2), "B", null, T1, null)); // after unsubscribing
        }
        assertThat(seen).extracting(ChangeEvent::id).containsExactly(1L, 2L, 3L);
        assertThat(seen)
                .extracting(ChangeEvent::kind)
                .containsExactly(ChangeKind.CREATE, ChangeKind.UPDATE, ChangeKind.DELETE);
        ChangeEvent update = seen.get(1);
        assertThat(update.patch()).contains("{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"new\"}");
        assertThat(update.reversePatch()).contains("{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"old\"}");
        assertThat(update.source()).isEqualTo("test");

        List<ChangeEvent> resumed = new ArrayList<>();
        try (Cti cti = open(dir);
                ChangeFeed.Subscription s = cti.subscribe(2, resumed::add)) {
            assertThat(resumed).extracting(ChangeEvent::id).containsExactly(3L, 4L);
            assertThat(resumed.get(1).objectId()).isEqualTo("malware--" + uuid(2));
        }
    }
}
