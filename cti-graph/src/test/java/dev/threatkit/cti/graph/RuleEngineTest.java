package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.Fixtures.load;
import static dev.threatkit.cti.graph.RuleFixtures.id;
import static dev.threatkit.cti.graph.RuleFixtures.inferred;
import static dev.threatkit.cti.graph.RuleFixtures.inferredRelationship;
import static dev.threatkit.cti.graph.RuleFixtures.rel;
import static dev.threatkit.cti.graph.RuleFixtures.sdo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's mechanics: off by default, derive, retract, supersede, cycles, persistence, disable. */
class RuleEngineTest {
    @TempDir
    Path data;

    private static final String G = id("intrusion-set", 1);
    private static final String C = id("campaign", 2);
    private static final String T = id("attack-pattern", 3);
    private static final String SUB = id("attack-pattern", 4);
    private static final String SUB2 = id("attack-pattern", 5);

    private void attackFixture(Cti cti) {
        load(
                cti,
                sdo("intrusion-set", G, "Group", null),
                sdo("campaign", C, "Campaign", null),
                sdo("attack-pattern", T, "Parent", null),
                sdo("attack-pattern", SUB, "Sub one", "'x_mitre_is_subtechnique':true"),
                sdo("attack-pattern", SUB2, "Sub two", "'x_mitre_is_subtechnique':true"),
                rel(id("relationship", 10), "subtechnique-of", SUB, T),
                rel(id("relationship", 11), "subtechnique-of", SUB2, T),
                rel(id("relationship", 12), "uses", C, SUB, "'confidence':80"),
                rel(id("relationship", 13), "attributed-to", C, G, "'confidence':60"));
    }

    @Test
    void rulesAreOffByDefaultAndListedInCatalogOrder() {
        try (Cti cti = Fixtures.open(data)) {
            assertThat(cti.rules()).hasSize(24);
            assertThat(cti.rules()).noneMatch(RuleInfo::enabled);
            assertThat(cti.rules().get(0).id()).isEqualTo("attribution_attribution");
            assertThat(cti.rules().stream().map(RuleInfo::id))
                    .contains("parent_technique_use", "sighting_incident", "report_ref_observable_belongs_to")
                    .doesNotContain("related_related", "participate-to_parts");
            assertThatThrownBy(() -> cti.enableRule("no_such_rule"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no_such_rule");
        }
    }

    @Test
    void enablingDerivesChainsAndDisablingRemovesEverything() {
        try (Cti cti = Fixtures.open(data)) {
            attackFixture(cti);
            Map<String, Integer> before = cti.stats();
            RuleChange parent = cti.enableRule("parent_technique_use");
            assertThat(parent.inferred()).isEqualTo(1); // campaign uses parent
            assertThat(inferred(cti, C, "uses")).containsExactly(T);
            RuleChange attribution = cti.enableRule("attribution_use");
            assertThat(attribution.inferred()).isEqualTo(2); // group uses sub (rule) and parent (chained)
            assertThat(inferred(cti, G, "uses")).containsExactly(T, SUB);
            assertThat(cti.inferredStats()).isEqualTo(Map.of("relationship", 3));
            assertThat(cti.stats()).isEqualTo(before);

            StixObject groupUsesParent = inferredRelationship(cti, G, "uses", T).orElseThrow();
            assertThat(groupUsesParent.getObject("x_threatkit_inference").keys())
                    .containsExactlyInAnyOrder("attribution_use", "parent_technique_use");
            assertThat(groupUsesParent.confidence()).isEqualTo(70L); // round(avg(80, 60))

            assertThat(cti.disableRule("attribution_use").inferred()).isEqualTo(2);
            assertThat(inferred(cti, G, "uses")).isEmpty();
            assertThat(cti.disableRule("parent_technique_use").inferred()).isEqualTo(1);
            assertThat(cti.inferredStats()).isEmpty();
            assertThat(cti.stats()).isEqualTo(before);
        }
    }

    @Test
    void retractsOnlyWhenTheLastExplanationGoes() {
        try (Cti cti = Fixtures.open(data)) {
            attackFixture(cti);
            load(cti, rel(id("relationship", 14), "uses", C, SUB2));
            cti.enableRule("parent_technique_use");
            StixObject inferredUse = inferredRelationship(cti, C, "uses", T).orElseThrow();
            assertThat(inferredUse.getObject("x_threatkit_inference").getList("parent_technique_use"))
                    .hasSize(2);
            cti.delete(List.of(id("relationship", 12)), Caller.ADMIN);
            assertThat(inferred(cti, C, "uses")).containsExactly(T);
            assertThat(inferredRelationship(cti, C, "uses", T)
                            .orElseThrow()
                            .getObject("x_threatkit_inference")
                            .getList("parent_technique_use"))
                    .hasSize(1);
            cti.delete(List.of(id("relationship", 14)), Caller.ADMIN);
            assertThat(inferred(cti, C, "uses")).isEmpty();
            assertThat(cti.inferredStats()).isEmpty();
        }
    }

    @Test
    void explicitFactsSupersedeInferredOnesAndInferredOnesReturnWhenTheyGo() {
        try (Cti cti = Fixtures.open(data)) {
            attackFixture(cti);
            cti.enableRule("parent_technique_use");
            assertThat(inferred(cti, C, "uses")).containsExactly(T);
            load(cti, rel(id("relationship", 20), "uses", C, T));
            assertThat(inferred(cti, C, "uses")).isEmpty();
            assertThat(RuleFixtures.all(cti, C, "uses")).containsExactly(T, SUB);
            cti.delete(List.of(id("relationship", 20)), Caller.ADMIN);
            assertThat(inferred(cti, C, "uses")).containsExactly(T);
        }
    }

    @Test
    void cyclesOfAttributionNeitherLoopNorSurviveTheirBase() {
        String a = id("intrusion-set", 31);
        String b = id("intrusion-set", 32);
        String c = id("intrusion-set", 33);
        try (Cti cti = Fixtures.open(data)) {
            load(
                    cti,
                    sdo("intrusion-set", a, "A", null),
                    sdo("intrusion-set", b, "B", null),
                    sdo("intrusion-set", c, "C", null),
                    rel(id("relationship", 40), "attributed-to", a, b),
                    rel(id("relationship", 41), "attributed-to", b, a),
                    rel(id("relationship", 42), "attributed-to", b, c),
                    rel(id("relationship", 43), "attributed-to", c, c));
            cti.enableRule("attribution_attribution");
            assertThat(inferred(cti, a, "attributed-to")).containsExactly(c);
            assertThat(inferred(cti, b, "attributed-to")).isEmpty(); // b -> b would be a self loop
            // a -> c holds through b -> c only; b -> c explicit goes, and with it a -> c, whatever the cycle says.
            cti.delete(List.of(id("relationship", 42)), Caller.ADMIN);
            assertThat(inferred(cti, a, "attributed-to")).isEmpty();
            assertThat(cti.inferredStats()).isEmpty();
        }
    }

    @Test
    void enabledRulesSurviveReopenAndWritesThenDeriveAtOnce() {
        List<ChangeEvent> seen = new ArrayList<>();
        try (Cti cti = Fixtures.open(data)) {
            attackFixture(cti);
            cti.enableRule("parent_technique_use");
        }
        try (Cti cti = Fixtures.open(data)) {
            assertThat(cti.rules().stream().filter(RuleInfo::enabled).map(RuleInfo::id))
                    .containsExactly("parent_technique_use");
            assertThat(inferred(cti, C, "uses")).containsExactly(T);
            cti.subscribe(cti.lastEventId(), seen::add);
            String g2 = id("intrusion-set", 50);
            load(cti, sdo("intrusion-set", g2, "Other", null), rel(id("relationship", 51), "uses", g2, SUB2));
            assertThat(inferred(cti, g2, "uses")).containsExactly(T);
            assertThat(seen).anyMatch(ChangeEvent::inferred);
            assertThat(cti.history(
                            inferredRelationship(cti, g2, "uses", T)
                                    .orElseThrow()
                                    .id(),
                            Caller.ADMIN))
                    .hasSize(1)
                    .allMatch(e -> e.source().equals("rule:parent_technique_use"));
        }
    }

    @Test
    void inferredFactsCarryTheUnionOfMarkingsAndStayHiddenFromWhoLacksThem() {
        String tlpRed = Fixtures.TLP_RED;
        try (Cti cti = Fixtures.open(data)) {
            load(
                    cti,
                    sdo("intrusion-set", G, "Group", null),
                    sdo("campaign", C, "Campaign", null),
                    sdo("attack-pattern", T, "Technique", null),
                    rel(id("relationship", 60), "uses", C, T, "'object_marking_refs':['" + tlpRed + "']"),
                    rel(id("relationship", 61), "attributed-to", C, G));
            cti.enableRule("attribution_use");
            StixObject groupUses = inferredRelationship(cti, G, "uses", T).orElseThrow();
            assertThat(groupUses.objectMarkingRefs()).containsExactly(tlpRed);
            Caller green = Caller.of(java.util.Set.of(), 100);
            assertThat(cti.get(groupUses.id(), green)).isEmpty();
            assertThat(cti.neighbors(G, "uses", Direction.OUT, true, green).orElseThrow())
                    .isEmpty();
        }
    }

    @Test
    void scopesKeepFactsOutsideThemFromRules() {
        try (Cti cti = Fixtures.open(data)) {
            attackFixture(cti);
            // The campaign's use has confidence 80, its attribution 60.
            assertThat(cti.enableRule(
                                    "attribution_use",
                                    new RuleScope(java.util.Set.of(), 70, java.util.Set.of(), java.util.Set.of()))
                            .inferred())
                    .isZero();
            assertThat(cti.enableRule(
                                    "attribution_use",
                                    new RuleScope(java.util.Set.of(), 60, java.util.Set.of(), java.util.Set.of()))
                            .inferred())
                    .isEqualTo(1);
            assertThat(cti.rules().stream()
                            .filter(r -> r.id().equals("attribution_use"))
                            .findFirst()
                            .orElseThrow()
                            .scope()
                            .minConfidence())
                    .isEqualTo(60);
            cti.enableRule(
                    "attribution_use",
                    new RuleScope(java.util.Set.of("Malware"), 0, java.util.Set.of(), java.util.Set.of()));
            assertThat(cti.inferredStats()).isEmpty();
        }
    }

    @Test
    void updatesRevocationsAndMergesFlowThrough() {
        try (Cti cti = Fixtures.open(data)) {
            attackFixture(cti);
            cti.enableRule("attribution_use");
            assertThat(inferredRelationship(cti, G, "uses", SUB).orElseThrow().confidence())
                    .isEqualTo(70L);
            // A newer version of the campaign's use, with a higher confidence: the inference follows.
            load(
                    cti,
                    rel(
                                    id("relationship", 12),
                                    "uses",
                                    C,
                                    SUB,
                                    "'confidence':100,'modified':'2021-01-01T00:00:00.000Z'")
                            .replace("'modified':'2020-01-01T00:00:00.000Z',", ""));
            StixObject updated = inferredRelationship(cti, G, "uses", SUB).orElseThrow();
            assertThat(updated.confidence()).isEqualTo(80L); // round(avg(100, 60))
            assertThat(cti.history(updated.id(), Caller.ADMIN)).hasSize(2);

            // Merging the group into another moves the inference to the survivor.
            String other = id("intrusion-set", 70);
            load(cti, sdo("intrusion-set", other, "Survivor", null));
            cti.merge(other, List.of(G), Caller.ADMIN);
            assertThat(inferred(cti, other, "uses")).containsExactly(SUB);
            assertThat(cti.inferredStats()).isEqualTo(Map.of("relationship", 1));

            // Revoking the campaign's use retracts what it explained.
            load(
                    cti,
                    rel(id("relationship", 12), "uses", C, SUB, "'revoked':true,'modified':'2022-01-01T00:00:00.000Z'")
                            .replace("'modified':'2020-01-01T00:00:00.000Z',", ""));
            assertThat(cti.inferredStats()).isEmpty();
        }
    }

    @Test
    void openingRepairsInferencesThatDisagreeWithTheSettings() throws java.io.IOException {
        java.nio.file.Path settings = data.resolve("rules.json");
        try (Cti cti = Fixtures.open(data)) {
            attackFixture(cti);
            cti.enableRule("parent_technique_use");
        }
        String enabled = java.nio.file.Files.readString(settings);
        // As if a crash came between the settings file and the journal: the file says off, the journal on.
        java.nio.file.Files.writeString(settings, enabled.replaceAll("\"parent_technique_use\":\\{[^}]*}", ""));
        try (Cti cti = Fixtures.open(data)) {
            assertThat(cti.rules()).noneMatch(RuleInfo::enabled);
            assertThat(cti.inferredStats()).isEmpty();
        }
        // And the other way: on in the file, nothing in the journal.
        java.nio.file.Files.writeString(settings, enabled);
        try (Cti cti = Fixtures.open(data)) {
            assertThat(inferred(cti, C, "uses")).containsExactly(T);
        }
        java.nio.file.Files.writeString(settings, "{not json");
        assertThatThrownBy(() -> Fixtures.open(data)).hasMessageContaining("rules.json");
    }

    @Test
    void inferredObjectsCannotBeDeletedOrMergedByHand() {
        try (Cti cti = Fixtures.open(data)) {
            attackFixture(cti);
            cti.enableRule("parent_technique_use");
            String inferredId =
                    inferredRelationship(cti, C, "uses", T).orElseThrow().id();
            assertThatThrownBy(() -> cti.delete(List.of(inferredId), Caller.ADMIN))
                    .hasMessageContaining("inferred");
            // Deleting an end removes it with the rest.
            cti.delete(List.of(T), Caller.ADMIN);
            assertThat(cti.inferredStats()).isEmpty();
        }
    }
}
