package dev.threatkit.cti.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PendingReferencesTest {
    /** Random adds and removes, checked against a LinkedHashMap doing the same bookkeeping. */
    @Test
    void agreesWithAMapModel() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(600); i++) {
                ids.add("indicator--" + new UUID(random.nextLong(), random.nextLong()));
            }
            ids.add(""); // no last character
            PendingReferences pending = new PendingReferences();
            Map<String, int[]> model = new LinkedHashMap<>();
            Map<String, String> firstPath = new LinkedHashMap<>();
            for (int step = 0; step < 3000; step++) {
                String id = ids.get(random.nextInt(ids.size()));
                if (random.nextInt(3) == 0) {
                    // the answer, which a filter on the last character must never get wrong
                    assertThat(pending.remove(id)).as(id).isEqualTo(model.containsKey(id));
                    model.remove(id);
                    firstPath.remove(id);
                } else {
                    String path = "objects[" + step + "]";
                    pending.add(id, "x--" + step, () -> path);
                    model.computeIfAbsent(id, k -> new int[1])[0]++;
                    firstPath.putIfAbsent(id, path);
                }
            }
            List<PendingReferences.Target> targets = pending.targets();
            assertThat(targets).extracting(PendingReferences.Target::id).containsExactlyElementsOf(model.keySet());
            for (PendingReferences.Target t : targets) {
                assertThat(t.count()).isEqualTo(model.get(t.id())[0]);
                assertThat(t.firstPath()).isEqualTo(firstPath.get(t.id()));
            }
            assertThat(pending.isEmpty()).isEqualTo(model.isEmpty());
        }
    }

    @Test
    void formatsThePathOnlyForTheFirstReference() {
        PendingReferences pending = new PendingReferences();
        int[] formatted = {0};
        for (int i = 0; i < 10; i++) {
            pending.add("identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5", "x", () -> {
                formatted[0]++;
                return "p";
            });
        }
        assertThat(formatted[0]).isEqualTo(1);
        assertThat(pending.targets())
                .singleElement()
                .extracting(PendingReferences.Target::count)
                .isEqualTo(10);
    }

    /** Targets made to collide under the sampled hash: the table turns to the seeded one and keeps every count. */
    @Test
    void targetsMadeToCollide_turnTheTableToTheSeededHash() {
        PendingReferences pending = new PendingReferences();
        Map<String, Integer> model = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) {
            String id = IdSetTest.colliding("malware", i);
            pending.add(id, "x--" + i, () -> "p");
            pending.add(id, "x--" + i, () -> "p");
            model.put(id, 2);
        }
        assertThat(pending.reseeded()).isTrue();
        for (int i = 0; i < 5_000; i += 2) {
            String id = IdSetTest.colliding("malware", i);
            assertThat(pending.remove(new String(id))).isTrue();
            model.remove(id);
        }
        assertThat(pending.remove(IdSetTest.colliding("malware", 9_999))).isFalse();
        pending.count(IdSetTest.colliding("malware", 1), 5);
        model.put(IdSetTest.colliding("malware", 1), 7);
        assertThat(pending.targets())
                .extracting(PendingReferences.Target::id, PendingReferences.Target::count)
                .containsExactlyElementsOf(model.entrySet().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue()))
                        .toList());
    }
}
