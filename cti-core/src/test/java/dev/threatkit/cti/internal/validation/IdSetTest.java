package dev.threatkit.cti.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdSetTest {
    /**
     * Ids added with kinds, some again with other kinds, through several rounds of growth: each answers the lowest
     * kind it was added with, and ids never added (including ones that share a hash tail) answer -1.
     */
    @Test
    void answersTheLowestKindOfEachId_andNothingElse() {
        Random random = new Random(5);
        IdSet set = new IdSet();
        Map<String, Integer> model = new HashMap<>();
        for (int i = 0; i < 300_000; i++) {
            String id = i % 7 == 0 && !model.isEmpty() && i > 10
                    ? "attack-pattern--" + UUID.nameUUIDFromBytes(new byte[] {(byte) (i % 251)})
                    : (i % 2 == 0 ? "relationship--" : "x-mitre-data-component--") + new UUID(random.nextLong(), i);
            int kind = random.nextInt(128);
            set.add(new String(id), kind); // a fresh string, as parsed
            model.merge(id, kind, Math::min);
        }
        assertThat(set.size()).isEqualTo(model.size());
        model.forEach((id, kind) -> assertThat(set.kind(new String(id))).as(id).isEqualTo(kind));
        for (int i = 0; i < 10_000; i++) {
            // same length and the same last twelve characters as an id in the set, so the same hash
            String absent = "relationship--" + new UUID(random.nextLong(), i);
            String present = "relationship--" + new UUID(random.nextLong(), i);
            assertThat(set.kind(absent)).isEqualTo(model.getOrDefault(absent, -1));
            assertThat(set.kind(present) >= 0).isEqualTo(model.containsKey(present));
        }
        assertThat(set.kind("")).isEqualTo(-1);
        set.add("", 3);
        assertThat(set.kind("")).isEqualTo(3);
    }
}
