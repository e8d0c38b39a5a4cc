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

    /**
     * Relationship and sighting ids are logged until the first look-up of one: the answers must not depend on
     * when that happens, for ids added twice with different kinds, before and after it.
     */
    @Test
    void relationshipAndSightingIds_answerTheSameWhenLoggedFirst() {
        IdSet set = new IdSet();
        String a = "relationship--6b1a2d0e-2e4f-4c1a-9e0b-1d2c3b4a5f60";
        String b = "sighting--6b1a2d0e-2e4f-4c1a-9e0b-1d2c3b4a5f60";
        String c = "relationship--7c1a2d0e-2e4f-4c1a-9e0b-1d2c3b4a5f61";
        String sameTail = "malware--6b1a2d0e-2e4f-4c1a-9e0b-1d2c3b4a5f60";
        set.add(a, 9);
        set.add(new String(a), 4); // again, as parsed: the lower kind holds
        set.add(b, 7);
        set.add(sameTail, 2);
        assertThat(set.kind(sameTail)).isEqualTo(2); // not a relation: no indexing yet
        assertThat(set.kind(new String(a))).isEqualTo(4);
        assertThat(set.kind(b)).isEqualTo(7);
        assertThat(set.kind(c)).isEqualTo(-1);
        set.add(c, 5); // after the first look-up: indexed at once
        set.add(new String(a), 1);
        set.add(new String(b), 8); // a higher kind changes nothing
        assertThat(set.kind(c)).isEqualTo(5);
        assertThat(set.kind(a)).isEqualTo(1);
        assertThat(set.kind(b)).isEqualTo(7);
        assertThat(set.kind("relationships--" + a.substring(14))).isEqualTo(-1); // not the prefix
        assertThat(set.size()).isEqualTo(4);
    }

    @Test
    void relationshipIdsNeverLookedUp_stillCount() {
        IdSet set = new IdSet();
        for (int i = 0; i < 5_000; i++) {
            set.add("relationship--" + new UUID(i, 7), i % 100);
            set.add("relationship--" + new UUID(i, 7), 3); // every id twice
        }
        set.add("identity--" + new UUID(1, 1), 0);
        assertThat(set.size()).isEqualTo(5_001);
        assertThat(set.kind("relationship--" + new UUID(4_999, 7))).isEqualTo(3);
        assertThat(set.kind("relationship--" + new UUID(2, 7))).isEqualTo(2);
    }

    /** Version 1 UUIDs of one machine share their last twelve characters; the hash reads their time as well. */
    @Test
    void versionOneIdsOfOneMachine_spreadWithoutReseeding() {
        IdSet set = new IdSet();
        for (int i = 0; i < 50_000; i++) {
            set.add(String.format("indicator--%08x-%04x-11ee-8a7b-0242ac120002", 0x1e1f0000 + i * 17, i >>> 12), 3);
        }
        assertThat(set.size()).isEqualTo(50_000);
        assertThat(set.kind(String.format("indicator--%08x-%04x-11ee-8a7b-0242ac120002", 0x1e1f0000 + 777 * 17, 0)))
                .isEqualTo(3);
        assertThat(set.reseeded()).isFalse();
    }

    /**
     * Ids that differ only where the sampled hash does not look, as a hostile file could make them, collide: the
     * set turns to a seeded hash of every character and still answers every id right.
     */
    @Test
    void idsMadeToCollide_turnTheSetToTheSeededHash() {
        IdSet set = new IdSet();
        Map<String, Integer> model = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String id = colliding("attack-pattern", i);
            set.add(id, i % 100);
            model.put(id, i % 100);
        }
        assertThat(set.reseeded()).isTrue();
        assertThat(set.size()).isEqualTo(model.size());
        model.forEach((id, kind) -> assertThat(set.kind(new String(id))).isEqualTo(kind));
        for (int i = 20_000; i < 21_000; i++) {
            assertThat(set.kind(colliding("attack-pattern", i))).isEqualTo(-1);
        }
    }

    /** A UUID whose characters 4 to 7, 15 to 17 and last eight are fixed, the rest counting up from {@code i}. */
    static String colliding(String type, int i) {
        return String.format("%s--%04x0000-%04x-4000-8000-000000000000", type, i & 0xffff, i >>> 16);
    }
}
