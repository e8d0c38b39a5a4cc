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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Neighbours, containers, references that arrive late, and cascading deletes. */
interface DeleteAndNeighborsContract extends StoreContract {
    String T = "2021-01-01T00:00:00.000Z";
    String A = "malware--" + uuid(1);
    String B = "malware--" + uuid(2);
    String C = "malware--" + uuid(3);
    String AB = "relationship--" + uuid(10);
    String CA = "relationship--" + uuid(11);
    String REPORT = "report--" + uuid(20);

    private static String report(String... refs) {
        return "{'type':'report','spec_version':'2.1','id':'" + REPORT + "','created':'" + T + "','modified':'" + T
                + "','name':'R','published':'" + T + "','object_refs':['" + String.join("','", refs) + "']}";
    }

    @Test
    default void referencesResolveWhateverTheOrderAndUnresolvedOnesAreWarnings(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            ImportReport r = load(cti, relationship(AB, "variant-of", A, B, null), malware(A, "Alpha", null, T, null));
            assertThat(r.warningCount()).isEqualTo(1); // B is missing at the end of the import
            assertThat(r.warnings().get(0).message()).contains(B);
            assertThat(cti.neighbors(A, null, Direction.BOTH, false, Caller.ADMIN)
                            .orElseThrow())
                    .singleElement()
                    .satisfies(n -> {
                        assertThat(n.id()).isEqualTo(B);
                        assertThat(n.name()).isNull();
                    });
            load(cti, malware(B, "Beta", null, T, null));
            assertThat(cti.neighbors(B, null, Direction.IN, false, Caller.ADMIN).orElseThrow())
                    .singleElement()
                    .satisfies(n -> {
                        assertThat(n.id()).isEqualTo(A);
                        assertThat(n.relationship()).isEqualTo(AB);
                        assertThat(n.direction()).isEqualTo(Direction.IN);
                    });
        }
    }

    @Test
    default void neighborsAreSortedFilteredAndLeaveOutRevokedUnlessAll(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    malware(A, "Alpha", null, T, null),
                    malware(B, "Beta", null, T, null),
                    malware(C, "Gamma", null, T, "'revoked':true"),
                    relationship(AB, "variant-of", A, B, null),
                    relationship(CA, "drops", C, A, null),
                    relationship("relationship--" + uuid(12), "revoked-by", A, B, null));
            List<Neighbor> all =
                    cti.neighbors(A, null, Direction.BOTH, true, Caller.ADMIN).orElseThrow();
            assertThat(all).extracting(Neighbor::relationshipType).containsExactly("drops", "revoked-by", "variant-of");
            assertThat(cti.neighbors(A, null, Direction.BOTH, false, Caller.ADMIN)
                            .orElseThrow())
                    .extracting(Neighbor::relationshipType)
                    .containsExactly("variant-of");
            assertThat(cti.neighbors(A, "drops", Direction.IN, true, Caller.ADMIN)
                            .orElseThrow())
                    .hasSize(1);
            assertThat(cti.neighbors(A, null, Direction.OUT, true, Caller.ADMIN).orElseThrow())
                    .extracting(Neighbor::relationshipType)
                    .containsExactly("revoked-by", "variant-of");
            assertThat(cti.neighbors("malware--" + uuid(99), null, Direction.BOTH, false, Caller.ADMIN))
                    .isEmpty();
        }
    }

    @Test
    default void deleteCascadesToRelationshipsAndLeavesContainersWithoutTheObject(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    malware(A, "Alpha", null, T, null),
                    malware(B, "Beta", null, T, null),
                    malware(C, "Gamma", null, T, null),
                    relationship(AB, "variant-of", A, B, null),
                    relationship(CA, "drops", C, A, null),
                    report(A, B, AB));
            assertThat(cti.containersOf(A, Caller.ADMIN).orElseThrow())
                    .extracting(StixObject::id)
                    .containsExactly(REPORT);
            DeleteResult d = cti.delete(List.of(A, "malware--" + uuid(99)), Caller.ADMIN);
            assertThat(d.deleted()).isEqualTo(1);
            assertThat(d.cascaded()).isEqualTo(2);
            assertThat(d.notFound()).containsExactly("malware--" + uuid(99));
            assertThat(d.containersUpdated()).isEqualTo(1);
            assertThat(cti.stats()).containsEntry("malware", 2).doesNotContainKey("relationship");
            assertThat(cti.get(REPORT, Caller.ADMIN).orElseThrow().getStrings("object_refs"))
                    .containsExactly(B);
            assertThat(cti.contentsOf(REPORT, Caller.ADMIN).orElseThrow())
                    .extracting(StixObject::id)
                    .containsExactly(B);

            // Imported again, the deleted object is created anew and the report links to it once it refers to it.
            ImportReport again = load(cti, malware(A, "Alpha", null, T, null));
            assertThat(again.created()).isEqualTo(1);
        }
        try (Cti reopened = open(dir)) {
            assertThat(reopened.stats()).containsEntry("malware", 3).doesNotContainKey("relationship");
            assertThat(reopened.get(REPORT, Caller.ADMIN).orElseThrow().getStrings("object_refs"))
                    .containsExactly(B);
        }
    }
}
