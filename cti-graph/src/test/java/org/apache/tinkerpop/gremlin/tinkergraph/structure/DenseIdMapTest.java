package org.apache.tinkerpop.gremlin.tinkergraph.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The id map against HashMap: dense ids both ways, ids past the dense range, and ids that are not integers. */
class DenseIdMapTest {
    @Test
    void behavesAsHashMap() {
        Random r = new Random(5);
        for (int round = 0; round < 100; round++) {
            DenseIdMap<String> map = new DenseIdMap<>();
            Map<Object, String> model = new HashMap<>();
            for (int step = 0; step < 500; step++) {
                Object id = switch (r.nextInt(6)) {
                    case 0 -> -1 - r.nextInt(300); // meta vertices count down
                    case 1 -> "id-" + r.nextInt(20);
                    case 2 -> (long) r.nextInt(20); // a Long is not an Integer: another key
                    case 3 -> r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                    default -> r.nextInt(round % 2 == 0 ? 100 : 5_000);
                };
                switch (r.nextInt(4)) {
                    case 0, 1 -> assertThat(map.put(id, "v" + step)).isEqualTo(model.put(id, "v" + step));
                    case 2 -> assertThat(map.remove(id)).isEqualTo(model.remove(id));
                    default -> {
                        Iterator<Map.Entry<Object, String>> it = map.entrySet().iterator();
                        while (it.hasNext()) {
                            if (it.next().getKey().hashCode() % 7 == 0) {
                                it.remove();
                            }
                        }
                        model.keySet().removeIf(k -> k.hashCode() % 7 == 0);
                    }
                }
                assertThat(map.get(id)).isEqualTo(model.get(id));
                assertThat(map.containsKey(id)).isEqualTo(model.containsKey(id));
                assertThat(map).hasSize(model.size()).isEqualTo(model);
            }
            map.clear();
            assertThat(map).isEmpty();
            assertThat(map.entrySet().iterator().hasNext()).isFalse();
        }
        assertThatThrownBy(() -> new DenseIdMap<String>().put(1, null)).isInstanceOf(NullPointerException.class);
    }
}
