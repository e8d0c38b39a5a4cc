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
}
