package dev.threatkit.cti.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FileReferencesTest {
    /**
     * Random objects and references, checked against sets and a map doing the plain bookkeeping: the remembered
     * recent targets must never change a count, lose a target or keep one that turned up. Few distinct targets,
     * so the same ones recur, alternate and get evicted, as an author and a marking do in real files.
     */
    @Test
    void agreesWithAPlainModel() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(round % 2 == 0 ? 4 : 200); i++) {
                ids.add("identity--" + new UUID(random.nextLong(), random.nextLong()));
            }
            FileReferences references = new FileReferences();
            Set<String> seen = new HashSet<>();
            Map<String, int[]> missing = new LinkedHashMap<>();
            Map<String, String> firstPath = new LinkedHashMap<>();
            for (int step = 0; step < 2000; step++) {
                String id = ids.get(random.nextInt(ids.size()));
                if (random.nextInt(round % 3 == 0 ? 400 : 8) == 0) {
                    references.seen(id);
                    seen.add(id);
                    missing.remove(id);
                    firstPath.remove(id);
                } else {
                    String path = "objects[" + step + "]";
                    references.reference("x--" + step, new String(id), () -> path); // a fresh string, as parsed
                    if (!seen.contains(id)) {
                        missing.computeIfAbsent(id, k -> new int[1])[0]++;
                        firstPath.putIfAbsent(id, path);
                    }
                }
            }
            List<PendingReferences.Target> targets = references.missing();
            assertThat(targets).extracting(PendingReferences.Target::id).containsExactlyElementsOf(missing.keySet());
            for (PendingReferences.Target t : targets) {
                assertThat(t.count()).as(t.id()).isEqualTo(missing.get(t.id())[0]);
                assertThat(t.firstPath()).isEqualTo(firstPath.get(t.id()));
            }
        }
    }

    /**
     * An author and a marking referred to from every object stay known as recent targets through a run of
     * forward references, each to a target of its own, as ATT&amp;CK's analytics make to its data components
     * after techniques and software have referred to the two.
     */
    @Test
    void targetsReferredToAgain_outlastARunOfNewcomers() {
        FileReferences references = new FileReferences();
        String author = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";
        String marking = "marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168";
        for (int object = 0; object < 50; object++) {
            references.reference("x--" + object, new String(author), () -> "created_by_ref");
            references.reference("x--" + object, new String(marking), () -> "object_marking_refs[0]");
            for (int k = 0; object >= 2 && k < 3; k++) { // objects 0 and 1 refer to the two only
                String component = "x-mitre-data-component--" + new UUID(object, k);
                references.reference("x--" + object, component, () -> "x_mitre_data_component_ref");
            }
            assertThat(FileReferences.kind(references.find(new String(author)))).isEqualTo(FileReferences.TYPE_UNKNOWN);
            assertThat(FileReferences.kind(references.find(new String(marking))))
                    .isEqualTo(FileReferences.TYPE_UNKNOWN);
        }
        assertThat(references.find("x-mitre-data-component--" + new UUID(0, 0))).isEqualTo(FileReferences.ABSENT);
        List<PendingReferences.Target> missing = references.missing();
        assertThat(missing).hasSize(146);
        assertThat(missing.get(0).id()).isEqualTo(author);
        assertThat(missing.get(0).count()).isEqualTo(50);
        assertThat(missing.get(1).count()).isEqualTo(50);
    }
}
