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
import dev.threatkit.cti.store.ChangeKind;
import dev.threatkit.cti.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging entities: references move, duplicates go, ids are remembered, and nothing changes on a refusal. */
interface MergeContract extends StoreContract {
    String TIME = "2021-01-01T00:00:00.000Z";
    String TARGET = "malware--" + uuid(1);
    String SOURCE = "malware--" + uuid(2);
    String OTHER = "malware--" + uuid(3);
    String TOOL = "tool--" + uuid(4);

    private static String[] graph() {
        return new String[] {
            malware(TARGET, "Emotet", null, TIME, "'aliases':['Geodo'],'description':'kept'"),
            malware(SOURCE, "Heodo", null, TIME, "'aliases':['Mealybug'],'description':'dropped','labels':['banker']"),
            malware(OTHER, "TrickBot", null, TIME, null),
            relationship("relationship--" + uuid(10), "drops", TARGET, OTHER, null),
            relationship("relationship--" + uuid(11), "drops", SOURCE, OTHER, null), // duplicate after the merge
            relationship("relationship--" + uuid(12), "variant-of", OTHER, SOURCE, null), // re-pointed
            relationship("relationship--" + uuid(13), "variant-of", SOURCE, TARGET, null), // becomes a self-loop
            "{'type':'report','spec_version':'2.1','id':'report--" + uuid(20) + "','created':'" + TIME
                    + "','modified':'" + TIME + "','name':'R','published':'" + TIME + "','object_refs':['" + SOURCE
                    + "','" + TARGET + "']}"
        };
    }

    @Test
    default void mergeMovesReferencesDropsDuplicatesAndRemembersIds(@TempDir Path dir) {
        List<ChangeEvent> events = new ArrayList<>();
        try (Cti cti = open(dir)) {
            load(cti, graph());
            cti.subscribe(cti.lastEventId(), events::add);
            StixObject merged = cti.merge(TARGET, List.of(SOURCE), Caller.ADMIN);
            assertThat(merged.id()).isEqualTo(TARGET);
            assertThat(merged.description()).isEqualTo("kept");
            assertThat(merged.getStrings("aliases")).containsExactly("Geodo", "Mealybug", "Heodo");
            assertThat(merged.getStrings("labels")).containsExactly("banker");
            assertThat(merged.getStrings("x_opencti_stix_ids")).contains(SOURCE);
            assertThat(cti.get(SOURCE, Caller.ADMIN).orElseThrow().id()).isEqualTo(TARGET);
            assertThat(cti.stats()).containsEntry("malware", 2).containsEntry("relationship", 2);
            assertThat(cti.neighbors(OTHER, null, Direction.BOTH, true, Caller.ADMIN)
                            .orElseThrow())
                    .extracting(Neighbor::relationshipType, Neighbor::id)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("drops", TARGET),
                            org.assertj.core.groups.Tuple.tuple("variant-of", TARGET));
            assertThat(cti.get("report--" + uuid(20), Caller.ADMIN)
                            .orElseThrow()
                            .getStrings("object_refs"))
                    .containsExactly(TARGET);
            assertThat(events.get(events.size() - 1).kind()).isEqualTo(ChangeKind.MERGE);
            assertThat(events.get(events.size() - 1).mergedIds()).containsExactly(SOURCE);

            // A later import under the source's id updates the target instead of creating it again.
            ImportReport again = load(cti, malware(SOURCE, "Heodo", null, "2022-01-01T00:00:00.000Z", null));
            assertThat(again.created()).isZero();
        }
        try (Cti reopened = open(dir)) {
            assertThat(reopened.stats()).containsEntry("malware", 2).containsEntry("relationship", 2);
            assertThat(reopened.get(SOURCE, Caller.ADMIN).orElseThrow().id()).isEqualTo(TARGET);
        }
    }

    @Test
    default void refusedMergesChangeNothing(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(cti, graph());
            load(
                    cti,
                    "{'type':'tool','spec_version':'2.1','id':'" + TOOL + "','created':'" + TIME + "','modified':'"
                            + TIME + "','name':'Mimikatz'}");
            long last = cti.lastEventId();
            assertThatThrownBy(() -> cti.merge(TARGET, List.of(TOOL), Caller.ADMIN))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("one type");
            assertThatThrownBy(() -> cti.merge(TARGET, List.of(TARGET), Caller.ADMIN))
                    .hasMessageContaining("into itself");
            assertThatThrownBy(() -> cti.merge(TARGET, List.of("malware--" + uuid(99)), Caller.ADMIN))
                    .hasMessageContaining("not in the store");
            assertThatThrownBy(() -> cti.merge(TARGET, List.of(SOURCE), Caller.of(null, 50)))
                    .hasMessageContaining("confidence");
            assertThatThrownBy(() ->
                            cti.merge("relationship--" + uuid(10), List.of("relationship--" + uuid(11)), Caller.ADMIN))
                    .hasMessageContaining("only domain objects and observables");
            assertThat(cti.lastEventId()).isEqualTo(last);
        }
    }
}
