package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.Fixtures.load;
import static dev.threatkit.cti.graph.RuleFixtures.id;
import static dev.threatkit.cti.graph.RuleFixtures.inferred;
import static dev.threatkit.cti.graph.RuleFixtures.inferredRelationship;
import static dev.threatkit.cti.graph.RuleFixtures.rel;
import static dev.threatkit.cti.graph.RuleFixtures.sdo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cycles, self loops and hubs: the engine terminates, stays exact, and keeps explanations bounded. */
class HostileRulesTest {
    @TempDir
    Path data;

    @Test
    void aCycleOfPartOfClosesAndOpensExactly() {
        String a = id("identity", 1);
        String b = id("identity", 2);
        String c = id("identity", 3);
        try (Cti cti = Fixtures.open(data)) {
            load(
                    cti,
                    sdo("identity", a, "A", null),
                    sdo("identity", b, "B", null),
                    sdo("identity", c, "C", null),
                    rel(id("relationship", 10), "part-of", a, b),
                    rel(id("relationship", 11), "part-of", b, c),
                    rel(id("relationship", 12), "part-of", c, a));
            cti.enableRule("part_part");
            assertThat(inferred(cti, a, "part-of")).containsExactly(c);
            assertThat(inferred(cti, b, "part-of")).containsExactly(a);
            assertThat(inferred(cti, c, "part-of")).containsExactly(b);
            // Without a -> b, only b -> c -> a remains: b part of a, and nothing the cycle alone kept up.
            cti.delete(List.of(id("relationship", 10)), Caller.ADMIN);
            assertThat(inferred(cti, a, "part-of")).isEmpty();
            assertThat(inferred(cti, b, "part-of")).containsExactly(a);
            assertThat(inferred(cti, c, "part-of")).isEmpty();
            assertThat(cti.inferredStats()).isEqualTo(Map.of("relationship", 1));
        }
    }

    @Test
    void aCycleOfLocationsWithASelfLoopInfersNoSelfLoop() {
        String x = id("location", 1);
        String y = id("location", 2);
        try (Cti cti = Fixtures.open(data)) {
            load(
                    cti,
                    sdo("location", x, "X", "'region':'europe'"),
                    sdo("location", y, "Y", "'region':'africa'"),
                    rel(id("relationship", 10), "located-at", x, y),
                    rel(id("relationship", 11), "located-at", y, x),
                    rel(id("relationship", 12), "located-at", x, x));
            cti.enableRule("location_location");
            cti.enableRule("location_targets");
            assertThat(cti.inferredStats()).isEmpty(); // every conclusion is explicit or a self loop
            cti.delete(List.of(id("relationship", 11)), Caller.ADMIN);
            assertThat(cti.inferredStats()).isEmpty();
        }
    }

    @Test
    void attributionCyclesThroughUsesTerminate() {
        String a = id("intrusion-set", 1);
        String b = id("intrusion-set", 2);
        String tool = id("tool", 3);
        try (Cti cti = Fixtures.open(data)) {
            load(
                    cti,
                    sdo("intrusion-set", a, "A", null),
                    sdo("intrusion-set", b, "B", null),
                    sdo("tool", tool, "T", null),
                    rel(id("relationship", 10), "attributed-to", a, b),
                    rel(id("relationship", 11), "attributed-to", b, a),
                    rel(id("relationship", 12), "uses", a, tool));
            for (RuleInfo r : cti.rules()) {
                cti.enableRule(r.id());
            }
            assertThat(inferred(cti, b, "uses")).containsExactly(tool);
            cti.delete(List.of(id("relationship", 12)), Caller.ADMIN);
            assertThat(cti.inferredStats()).isEmpty();
        }
    }

    @Test
    void aHubWithTenThousandRelationshipsKeepsAHundredExplanationsAndStaysExact() {
        String group = id("intrusion-set", 1);
        String parent = id("attack-pattern", 2);
        int n = 10_000;
        List<String> objects = new ArrayList<>();
        objects.add(sdo("intrusion-set", group, "Hub", null));
        objects.add(sdo("attack-pattern", parent, "Parent", null));
        List<String> uses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String sub = id("attack-pattern", 100_000 + i);
            objects.add(sdo("attack-pattern", sub, "Sub " + i, "'x_mitre_is_subtechnique':true"));
            objects.add(rel(id("relationship", 200_000 + i), "subtechnique-of", sub, parent));
            String use = id("relationship", 300_000 + i);
            uses.add(use);
            objects.add(rel(use, "uses", group, sub));
        }
        try (Cti cti = Fixtures.open(data)) {
            load(cti, objects.toArray(new String[0]));
            long started = System.nanoTime();
            assertThat(cti.enableRule("parent_technique_use").inferred()).isEqualTo(1);
            StixObject hub = inferredRelationship(cti, group, "uses", parent).orElseThrow();
            assertThat(hub.getObject("x_threatkit_inference").getList("parent_technique_use"))
                    .hasSize(100);
            // A new use on the hub changes nothing stored: the quota of explanations is full.
            long before = cti.lastEventId();
            String extra = id("attack-pattern", 400_000);
            load(
                    cti,
                    sdo("attack-pattern", extra, "Extra", null),
                    rel(id("relationship", 400_001), "subtechnique-of", extra, parent),
                    rel(id("relationship", 400_002), "uses", group, extra));
            assertThat(cti.lastEventId() - before).isEqualTo(3);
            // Delete all but one use, in one step: the parent use stays, explained by what remains.
            cti.delete(uses.subList(0, n - 1), Caller.ADMIN);
            hub = inferredRelationship(cti, group, "uses", parent).orElseThrow();
            assertThat(hub.getObject("x_threatkit_inference").getList("parent_technique_use"))
                    .hasSize(2);
            cti.delete(List.of(uses.get(n - 1), id("relationship", 400_002)), Caller.ADMIN);
            assertThat(inferred(cti, group, "uses")).isEmpty();
            System.out.printf(
                    "hub of %d: enable, update and deletes in %d ms%n", n, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
