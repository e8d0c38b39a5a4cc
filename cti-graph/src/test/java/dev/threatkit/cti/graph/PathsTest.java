package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.Fixtures.malware;
import static dev.threatkit.cti.graph.Fixtures.relationship;
import static dev.threatkit.cti.graph.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths and pivots on hostile shapes (hubs with 10,000 relationships) and on ATT&CK Enterprise 18.1. */
class PathsTest {
    private static final String WHEN = "2021-01-01T00:00:00.000Z";
    private static final int LEAVES = 10_000;

    private static String m(int i) {
        return "malware--" + uuid(i);
    }

    private static String r(int i) {
        return "relationship--" + uuid(i);
    }

    /** Runs {@code query} and checks it answered within {@code millis} (generous: the machine is shared). */
    private static <T> T within(long millis, Supplier<T> query) {
        long start = System.nanoTime();
        T result = query.get();
        long took = (System.nanoTime() - start) / 1_000_000;
        System.out.println("hub query: " + took + " ms");
        assertThat(took).as("milliseconds").isLessThan(millis);
        return result;
    }

    @Test
    void hubsWithTenThousandRelationshipsStayFast(@TempDir Path dir) {
        // Hubs 1 and 2 both drop each leaf 100 ... 10,099; leaf 5,000 is a variant of 3; 4 stands alone.
        List<StixObject> objects = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            objects.add(Fixtures.obj(malware(m(i), "Hub" + i, null, WHEN, null)));
        }
        for (int i = 100; i < 100 + LEAVES; i++) {
            objects.add(Fixtures.obj(malware(m(i), "Leaf" + i, null, WHEN, null)));
            objects.add(Fixtures.obj(relationship(r(1_000_000 + i), "drops", m(1), m(i), null)));
            objects.add(Fixtures.obj(relationship(r(2_000_000 + i), "drops", m(2), m(i), null)));
        }
        objects.add(Fixtures.obj(relationship(r(3), "variant-of", m(5_000), m(3), null)));
        try (Cti cti = Cti.builder().dataDirectory(dir).build()) {
            cti.importObjects(objects.iterator(), "test", Caller.ADMIN);
            for (int warm = 0; warm < 3; warm++) {
                cti.paths(m(100), m(3), 4, Set.of(), false, Caller.ADMIN);
            }
            assertThat(within(
                            1_000,
                            () -> cti.paths(m(100), m(101), 4, Set.of(), false, Caller.ADMIN)
                                    .orElseThrow()))
                    .containsExactly(
                            List.of(m(100), r(1_000_100), m(1), r(1_000_101), m(101)),
                            List.of(m(100), r(2_000_100), m(2), r(2_000_101), m(101)));
            assertThat(within(
                            1_000,
                            () -> cti.paths(m(100), m(3), 4, Set.of(), false, Caller.ADMIN)
                                    .orElseThrow()))
                    .containsExactly(
                            List.of(m(100), r(1_000_100), m(1), r(1_005_000), m(5_000), r(3), m(3)),
                            List.of(m(100), r(2_000_100), m(2), r(2_005_000), m(5_000), r(3), m(3)));
            assertThat(within(
                            1_000,
                            () -> cti.paths(m(1), m(4), 8, Set.of(), false, Caller.ADMIN)
                                    .orElseThrow()))
                    .isEmpty();

            // 10,000 shortest paths between the two hubs: the first 100 in id order.
            List<List<String>> many = within(
                    2_000,
                    () -> cti.paths(m(1), m(2), 8, Set.of(), false, Caller.ADMIN)
                            .orElseThrow());
            assertThat(many).hasSize(100);
            assertThat(many.get(0)).containsExactly(m(1), r(1_000_100), m(100), r(2_000_100), m(2));
            assertThat(many.get(99)).containsExactly(m(1), r(1_000_199), m(199), r(2_000_199), m(2));

            List<PivotMatch> pivot = within(
                    2_000,
                    () -> cti.pivot(m(100), Set.of(), 10, false, Caller.ADMIN).orElseThrow());
            assertThat(pivot).isEmpty(); // malware shares no observables, infrastructure or techniques
        }
    }

    @Test
    void attackGroupsReachTheirTechniquesInOneHopAndPivotOnSharedTechniques(@TempDir Path dir) {
        Path bundle = SharedData.file("mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz");
        try (Cti cti = Cti.builder().dataDirectory(dir).build()) {
            cti.importFiles(List.of(bundle), Caller.ADMIN);
            String apt29 = cti.get("G0016", Caller.ADMIN).orElseThrow().id();
            Neighbor technique =
                    cti.neighbors("G0016", "uses", Direction.OUT, false, Caller.ADMIN).orElseThrow().stream()
                            .filter(n -> n.type().equals("attack-pattern"))
                            .findFirst()
                            .orElseThrow();
            List<List<String>> paths = cti.paths("G0016", technique.id(), 4, Set.of(), false, Caller.ADMIN)
                    .orElseThrow();
            assertThat(paths).isNotEmpty().allSatisfy(p -> assertThat(p).hasSize(3));
            assertThat(paths).contains(List.of(apt29, technique.relationship(), technique.id()));
            assertThat(cti.paths("G0016", technique.id(), 4, Set.of("uses"), false, Caller.ADMIN)
                            .orElseThrow())
                    .isEqualTo(paths);

            List<PivotMatch> pivot = cti.pivot("G0016", Set.of(PivotKind.TECHNIQUES), 20, false, Caller.ADMIN)
                    .orElseThrow();
            assertThat(pivot).hasSize(20);
            assertThat(pivot).extracting(PivotMatch::shared).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(pivot).allSatisfy(p -> assertThat(p.id()).isNotEqualTo(apt29));

            Map<String, Integer> expected = sharedTechniques(bundle, apt29);
            int most = expected.values().stream().max(Integer::compare).orElseThrow();
            String first = expected.entrySet().stream()
                    .filter(e -> e.getValue() == most)
                    .map(Map.Entry::getKey)
                    .sorted()
                    .findFirst()
                    .orElseThrow();
            assertThat(pivot.get(0).id()).isEqualTo(first);
            assertThat(pivot.get(0).shared()).isEqualTo(most);
            assertThat(pivot.get(0).techniques()).hasSize(most);
            for (PivotMatch p : pivot) {
                assertThat(p.shared()).as(p.name()).isEqualTo(expected.get(p.id()));
            }
            PivotMatch topGroup = pivot.stream()
                    .filter(p -> p.type().equals("intrusion-set"))
                    .findFirst()
                    .orElseThrow();
            System.out.println("APT29 pivot: " + pivot.get(0).name() + " shares " + most + "; first group "
                    + topGroup.name() + " shares " + topGroup.shared());
        }
    }

    /**
     * From the bundle itself: for each object that uses attack patterns, how many of APT29's it uses too
     * (revoked and deprecated objects and relationships left out).
     */
    private static Map<String, Integer> sharedTechniques(Path bundle, String apt29) {
        Set<String> inactive = new HashSet<>();
        Map<String, String> types = new HashMap<>();
        List<StixObject> uses = new ArrayList<>();
        try (StixReader reader = StixReader.open(bundle)) {
            while (reader.hasNext()) {
                StixObject o = reader.next();
                types.put(o.id(), o.type());
                if (o.revoked() || Boolean.TRUE.equals(o.getBoolean("x_mitre_deprecated"))) {
                    inactive.add(o.id());
                } else if ("uses".equals(o.getString("relationship_type"))) {
                    uses.add(o);
                }
            }
        }
        Map<String, Set<String>> techniques = new HashMap<>();
        for (StixObject u : uses) {
            String source = u.getString("source_ref");
            String target = u.getString("target_ref");
            if ("attack-pattern".equals(types.get(target))
                    && !inactive.contains(source)
                    && !inactive.contains(target)
                    && types.containsKey(source)) {
                techniques.computeIfAbsent(source, k -> new HashSet<>()).add(target);
            }
        }
        Set<String> mine = techniques.get(apt29);
        Map<String, Integer> out = new HashMap<>();
        techniques.forEach((source, used) -> {
            if (!source.equals(apt29)) {
                long n = used.stream().filter(mine::contains).count();
                if (n > 0) {
                    out.put(source, (int) n);
                }
            }
        });
        return out;
    }
}
