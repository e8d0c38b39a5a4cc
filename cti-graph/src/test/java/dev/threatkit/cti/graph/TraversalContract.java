package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.Fixtures.load;
import static dev.threatkit.cti.graph.Fixtures.malware;
import static dev.threatkit.cti.graph.Fixtures.relationship;
import static dev.threatkit.cti.graph.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paged neighbours, bounded n-hop neighbourhoods and per-object history. */
interface TraversalContract extends StoreContract {
    String WHEN = "2021-01-01T00:00:00.000Z";

    private static String m(int i) {
        return "malware--" + uuid(i);
    }

    /** A chain 1 -> 2 -> 3 -> 4 of variant-of, and 1 drops 5. */
    private static String[] chain() {
        List<String> objects = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            objects.add(malware(m(i), "M" + i, null, WHEN, null));
        }
        objects.add(relationship("relationship--" + uuid(12), "variant-of", m(1), m(2), null));
        objects.add(relationship("relationship--" + uuid(23), "variant-of", m(2), m(3), null));
        objects.add(relationship("relationship--" + uuid(34), "variant-of", m(3), m(4), null));
        objects.add(relationship("relationship--" + uuid(15), "drops", m(1), m(5), null));
        return objects.toArray(new String[0]);
    }

    @Test
    default void neighborhoodsAreBoundedByDepthTypesAndSize(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(cti, chain());
            Neighborhood two = cti.neighborhood(m(1), 2, Set.of(), Set.of(), 100, false, Caller.ADMIN)
                    .orElseThrow();
            assertThat(two.nodes())
                    .extracting(Neighborhood.Node::id, Neighborhood.Node::depth)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(m(1), 0),
                            org.assertj.core.groups.Tuple.tuple(m(2), 1),
                            org.assertj.core.groups.Tuple.tuple(m(5), 1),
                            org.assertj.core.groups.Tuple.tuple(m(3), 2));
            assertThat(two.edges()).hasSize(3);
            assertThat(two.truncated()).isFalse();

            Neighborhood variants = cti.neighborhood(m(1), 5, Set.of("variant-of"), Set.of(), 100, false, Caller.ADMIN)
                    .orElseThrow();
            assertThat(variants.nodes()).extracting(Neighborhood.Node::id).containsExactly(m(1), m(2), m(3), m(4));
            assertThat(variants.edges())
                    .allSatisfy(e -> assertThat(e.relationshipType()).isEqualTo("variant-of"));

            Neighborhood small = cti.neighborhood(m(1), 5, Set.of(), Set.of(), 2, false, Caller.ADMIN)
                    .orElseThrow();
            assertThat(small.nodes()).hasSize(2);
            assertThat(small.truncated()).isTrue();
            assertThat(cti.neighborhood(m(99), 1, Set.of(), Set.of(), 10, false, Caller.ADMIN))
                    .isEmpty();
        }
    }

    @Test
    default void neighborsPageWithACursor(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            List<String> objects = new ArrayList<>();
            objects.add(malware(m(1), "Hub", null, WHEN, null));
            for (int i = 2; i <= 26; i++) {
                objects.add(malware(m(i), String.format("N%02d", i), null, WHEN, null));
                objects.add(relationship("relationship--" + uuid(100 + i), "drops", m(1), m(i), null));
            }
            load(cti, objects.toArray(new String[0]));
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Page<Neighbor> page = cti.neighbors(m(1), null, Direction.BOTH, false, cursor, 10, Caller.ADMIN)
                        .orElseThrow();
                page.items().forEach(n -> seen.add(n.name()));
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(25).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    default void historyListsEveryChangeOfAnObjectEvenAfterItIsDeleted(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(cti, malware(m(1), "A", null, WHEN, "'description':'one'"), malware(m(2), "B", null, WHEN, null));
            load(cti, malware(m(1), "A", null, "2022-01-01T00:00:00.000Z", "'description':'two'"));
            cti.delete(List.of(m(1)), Caller.ADMIN);
            List<ChangeEvent> history = cti.history(m(1), Caller.ADMIN);
            assertThat(history)
                    .extracting(ChangeEvent::kind)
                    .containsExactly(ChangeKind.CREATE, ChangeKind.UPDATE, ChangeKind.DELETE);
            assertThat(history.get(0).source()).isEqualTo("test");
            assertThat(history.get(1).patch()).contains("/description").contains("two");
            assertThat(cti.history(m(2), Caller.ADMIN)).hasSize(1);
        }
    }
}
