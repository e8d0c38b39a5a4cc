package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.Fixtures.load;
import static dev.threatkit.cti.graph.Fixtures.malware;
import static dev.threatkit.cti.graph.Fixtures.relationship;
import static dev.threatkit.cti.graph.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions, confidence and de-duplication on re-import. */
interface UpsertContract extends StoreContract {
    String ID = "malware--" + uuid(1);
    String V1 = "2021-01-01T00:00:00.000Z";
    String V2 = "2022-01-01T00:00:00.000Z";

    @Test
    default void newerVersionReplacesOlderNeverOverwritesAndCreatedKeepsTheOldest(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(cti, malware(ID, "Zeus", null, V2, "'description':'v2','x_mitre_platforms':['Windows']"));
            ImportReport older = load(cti, malware(ID, "Zeus", null, V1, "'description':'v1'"));
            assertThat(older.unchanged()).isEqualTo(1);
            assertThat(cti.get(ID, Caller.ADMIN).orElseThrow().description()).isEqualTo("v2");

            String v3 = malware(ID, "Zeus", null, "2023-01-01T00:00:00.000Z", "'description':'v3'")
                    .replace("2020-01-01T00:00:00.000Z", "2020-06-01T00:00:00.000Z");
            ImportReport newer = load(cti, v3);
            assertThat(newer.updated()).isEqualTo(1);
            StixObject now = cti.get(ID, Caller.ADMIN).orElseThrow();
            assertThat(now.description()).isEqualTo("v3");
            assertThat(now.created()).isEqualTo("2020-01-01T00:00:00.000Z");
            // A new version of the same object supersedes: a list it dropped is gone.
            assertThat(now.has("x_mitre_platforms")).isFalse();
        }
    }

    @Test
    default void sameModifiedDifferentContentUpdatesWithAWarningAndSameContentChangesNothing(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(cti, malware(ID, "Zeus", null, V1, "'description':'a'"));
            ImportReport same = load(cti, malware(ID, "Zeus", null, V1, "'description':'a'"));
            assertThat(same.unchanged()).isEqualTo(1);
            assertThat(same.lastEventId()).isZero();
            ImportReport changed = load(cti, malware(ID, "Zeus", null, V1, "'description':'b'"));
            assertThat(changed.updated()).isEqualTo(1);
            assertThat(changed.warnings())
                    .singleElement()
                    .satisfies(w -> assertThat(w.message()).contains("without a newer modified"));
        }
    }

    @Test
    default void lowerConfidenceCannotOverwriteAndCallerMaximumCapsTheStoredConfidence(@TempDir Path dir) {
        Caller analyst = Caller.of(null, 40);
        try (Cti cti = open(dir)) {
            load(cti, malware(ID, "Zeus", null, V1, "'description':'trusted','confidence':80"));
            ImportReport r = load(cti, analyst, malware(ID, "Zeus", null, V2, "'description':'guess','confidence':90"));
            assertThat(r.updated()).isZero();
            assertThat(r.warnings())
                    .singleElement()
                    .satisfies(w -> assertThat(w.message()).contains("confidence"));
            assertThat(cti.get(ID, Caller.ADMIN).orElseThrow().description()).isEqualTo("trusted");

            load(cti, analyst, malware("malware--" + uuid(2), "Other", null, V1, "'confidence':90"));
            assertThat(cti.get("malware--" + uuid(2), Caller.ADMIN)
                            .orElseThrow()
                            .confidence())
                    .isEqualTo(40L);
        }
    }

    @Test
    default void relationshipsAreDeduplicatedWithinThirtyDaysAndKeptApartBeyond(@TempDir Path dir) {
        String a = "malware--" + uuid(1);
        String b = "malware--" + uuid(2);
        try (Cti cti = open(dir)) {
            load(cti, malware(a, "A", null, V1, null), malware(b, "B", null, V1, null));
            load(
                    cti,
                    relationship(
                            "relationship--" + uuid(10), "variant-of", a, b, "'start_time':'2021-01-01T00:00:00Z'"));
            ImportReport near = load(
                    cti,
                    relationship(
                            "relationship--" + uuid(11), "variant-of", a, b, "'start_time':'2021-01-20T00:00:00Z'"));
            assertThat(near.updated()).isEqualTo(1);
            ImportReport far = load(
                    cti,
                    relationship(
                            "relationship--" + uuid(12), "variant-of", a, b, "'start_time':'2021-06-01T00:00:00Z'"));
            assertThat(far.created()).isEqualTo(1);
            assertThat(cti.stats().get("relationship")).isEqualTo(2);
            assertThat(cti.get("relationship--" + uuid(11), Caller.ADMIN)
                            .orElseThrow()
                            .id())
                    .isEqualTo("relationship--" + uuid(10));
        }
    }

    @Test
    default void importingTheSameObjectsTwiceChangesNothing(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            String[] objects = {
                malware("malware--" + uuid(1), "A", null, V1, "'aliases':['x']"),
                malware("malware--" + uuid(2), "B", null, V1, null),
                relationship(
                        "relationship--" + uuid(3), "variant-of", "malware--" + uuid(1), "malware--" + uuid(2), null)
            };
            load(cti, objects);
            long last = cti.lastEventId();
            ImportReport again = load(cti, objects);
            assertThat(again.unchanged()).isEqualTo(3);
            assertThat(cti.lastEventId()).isEqualTo(last);
        }
    }

    @Test
    default void invalidObjectsAreRejectedWithTheirPathAndNothingOfThemIsStored(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            ImportReport r = load(
                    cti,
                    malware("malware--" + uuid(1), "Good", null, V1, null),
                    "{'type':'malware','spec_version':'2.1','id':'malware--" + uuid(2)
                            + "','created':'2021-13-01T00:00:00Z',"
                            + "'modified':'2021-01-01T00:00:00Z','name':'Bad','is_family':true}");
            assertThat(r.created()).isEqualTo(1);
            assertThat(r.rejected()).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("malware--" + uuid(2));
                assertThat(x.path()).isEqualTo("[1].created");
            });
            assertThat(cti.get("malware--" + uuid(2), Caller.ADMIN)).isEmpty();
        }
    }

    @Test
    default void markingsHideObjectsFromCallersWithoutThem(@TempDir Path dir) {
        Caller noRed = Caller.of(Set.of(), 100);
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    malware(ID, "Secret", null, V1, "'object_marking_refs':['" + Fixtures.TLP_RED + "']"),
                    malware("malware--" + uuid(2), "Public", null, V1, null));
            assertThat(cti.get(ID, noRed)).isEmpty();
            assertThat(cti.get(ID, Caller.ADMIN)).isPresent();
            assertThat(cti.list("malware", null, 10, noRed).items())
                    .extracting(StixObject::name)
                    .containsExactly("Public");
            assertThat(cti.get(ID, Caller.of(Set.of(Fixtures.TLP_RED), 100))).isPresent();
        }
    }

    @Test
    default void listPagesWithACursor(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            for (int i = 1; i <= 25; i++) {
                load(cti, malware("malware--" + uuid(i), "M" + i, null, V1, null));
            }
            Page<StixObject> first = cti.list("malware", null, 10, Caller.ADMIN);
            Page<StixObject> second = cti.list("malware", first.nextCursor(), 10, Caller.ADMIN);
            Page<StixObject> third = cti.list("malware", second.nextCursor(), 10, Caller.ADMIN);
            assertThat(first.items()).hasSize(10);
            assertThat(third.items()).hasSize(5);
            assertThat(third.hasNext()).isFalse();
            assertThat(List.of(
                            first.items().get(0).name(),
                            second.items().get(0).name(),
                            third.items().get(0).name()))
                    .containsExactly("M1", "M11", "M21");
        }
    }
}
