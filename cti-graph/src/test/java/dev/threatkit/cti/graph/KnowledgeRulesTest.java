package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.RuleFixtures.id;
import static dev.threatkit.cti.graph.RuleFixtures.inferred;
import static dev.threatkit.cti.graph.RuleFixtures.ip;
import static dev.threatkit.cti.graph.RuleFixtures.rel;
import static dev.threatkit.cti.graph.RuleFixtures.report;
import static dev.threatkit.cti.graph.RuleFixtures.sdo;
import static dev.threatkit.cti.graph.RuleFixtures.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each of the 24 knowledge rules on a small fixture: what it derives when enabled alone, that other rules stay
 * silent, and that disabling it leaves nothing behind.
 */
class KnowledgeRulesTest {
    @TempDir
    Path data;

    private static final String A = id("intrusion-set", 1);
    private static final String B = id("intrusion-set", 2);
    private static final String C = id("intrusion-set", 3);
    private static final String MAL = id("malware", 4);
    private static final String IND = id("indicator", 5);
    private static final String OBS = id("ipv4-addr", 6);
    private static final String OBS2 = id("ipv4-addr", 7);
    private static final String ORG = id("identity", 8);
    private static final String SECTOR = id("identity", 9);
    private static final String CITY = id("location", 10);
    private static final String COUNTRY = id("location", 11);
    private static final String REGION = id("location", 12);
    private static final String TECH = id("attack-pattern", 13);
    private static final String SUB = id("attack-pattern", 14);
    private static final String INFRA = id("infrastructure", 15);
    private static final String REPORT = id("report", 16);
    private static final String OD = id("observed-data", 17);

    private static final String[] ENTITIES = {
        sdo("intrusion-set", A, "A", null),
        sdo("intrusion-set", B, "B", null),
        sdo("intrusion-set", C, "C", null),
        sdo("malware", MAL, "Mal", null),
        sdo("indicator", IND, "Bad IP", null),
        ip(OBS, "10.0.0.1"),
        ip(OBS2, "10.0.0.2"),
        sdo("identity", ORG, "Org", null),
        "{'type':'identity','spec_version':'2.1','id':'" + SECTOR + "','created':'" + RuleFixtures.TS + "','modified':'"
                + RuleFixtures.TS + "','name':'Energy','identity_class':'class'}",
        sdo("location", CITY, "Lyon", "'city':'Lyon'"),
        sdo("location", COUNTRY, "France", null),
        sdo("location", REGION, "Europe", "'region':'europe'"),
        sdo("attack-pattern", TECH, "Tech", null),
        sdo("attack-pattern", SUB, "Sub", "'x_mitre_is_subtechnique':true"),
        sdo("infrastructure", INFRA, "C2", null)
    };

    private static int next = 100;

    private static String r(String type, String from, String to) {
        return rel(id("relationship", next++), type, from, to);
    }

    /** Loads the entities and {@code facts}, enables {@code rule} alone, runs {@code check}, then disables it. */
    private void withRule(String rule, List<String> facts, Consumer<Cti> check) {
        try (Cti cti = Fixtures.open(data)) {
            Fixtures.load(cti, ENTITIES);
            assertThat(Fixtures.load(cti, facts.toArray(new String[0])).rejected())
                    .isEmpty();
            Map<String, Integer> stats = cti.stats();
            RuleChange change = cti.enableRule(rule);
            assertThat(change.inferred()).as("inferred by " + rule).isPositive();
            check.accept(cti);
            for (StixObject o : inferredObjects(cti)) {
                assertThat(o.getObject("x_threatkit_inference").keys()).containsExactly(rule);
            }
            RuleChange off = cti.disableRule(rule);
            assertThat(off.inferred()).isEqualTo(change.inferred());
            assertThat(cti.inferredStats()).isEmpty();
            assertThat(cti.stats()).isEqualTo(stats);
        }
    }

    private static List<StixObject> inferredObjects(Cti cti) {
        List<StixObject> out = new java.util.ArrayList<>();
        cti.forEachObject(Caller.ADMIN, o -> {
            if (o.has("x_threatkit_inference")) {
                out.add(o);
            }
        });
        return out;
    }

    private static List<String> refsInferredFor(Cti cti, String container) {
        StixObject o = cti.get(container, Caller.ADMIN).orElseThrow();
        return o.getObject("x_threatkit_inferred_refs") == null
                ? List.of()
                : o.getObject("x_threatkit_inferred_refs").keys().stream()
                        .sorted()
                        .collect(Collectors.toList());
    }

    @Test
    void attributionAttribution() {
        withRule(
                "attribution_attribution",
                List.of(r("attributed-to", A, B), r("attributed-to", B, C)),
                cti -> assertThat(inferred(cti, A, "attributed-to")).containsExactly(C));
    }

    @Test
    void attributionIndicatorIndicates() {
        withRule(
                "attribution_indicator_indicates",
                List.of(r("indicates", IND, MAL), r("attributed-to", MAL, A)),
                cti -> assertThat(inferred(cti, IND, "indicates")).containsExactly(A));
    }

    @Test
    void attributionObservableRelated() {
        withRule(
                "attribution_observable_related",
                List.of(r("related-to", OBS, B), r("attributed-to", B, A)),
                cti -> assertThat(inferred(cti, OBS, "related-to")).containsExactly(A));
    }

    @Test
    void attributionTargets() {
        withRule(
                "attribution_targets",
                List.of(r("targets", B, ORG), r("attributed-to", B, A)),
                cti -> assertThat(inferred(cti, A, "targets")).containsExactly(ORG));
    }

    @Test
    void attributionUse() {
        withRule(
                "attribution_use",
                List.of(r("uses", B, MAL), r("attributed-to", B, A)),
                cti -> assertThat(inferred(cti, A, "uses")).containsExactly(MAL));
    }

    @Test
    void belongsToAttributed() {
        withRule(
                "belongs_to_attributed",
                List.of(r("belongs-to", OBS, B), r("attributed-to", B, A)),
                cti -> assertThat(inferred(cti, OBS, "belongs-to")).containsExactly(A));
    }

    @Test
    void locationLocation() {
        withRule(
                "location_location",
                List.of(r("located-at", CITY, COUNTRY), r("located-at", COUNTRY, REGION)),
                cti -> assertThat(inferred(cti, CITY, "located-at")).containsExactly(REGION));
    }

    @Test
    void locationTargets() {
        withRule(
                "location_targets",
                List.of(r("targets", A, ORG), r("located-at", ORG, COUNTRY)),
                cti -> assertThat(inferred(cti, A, "targets")).containsExactly(COUNTRY));
    }

    @Test
    void localizationOfTargets() {
        String targeting = id("relationship", 900);
        withRule(
                "localization_of_targets",
                List.of(rel(targeting, "targets", A, ORG), r("located-at", targeting, CITY)),
                cti -> assertThat(inferred(cti, A, "targets")).containsExactly(CITY));
    }

    @Test
    void partPart() {
        withRule(
                "part_part",
                List.of(r("part-of", ORG, SECTOR), r("part-of", SECTOR, id("identity", 901))),
                cti -> assertThat(inferred(cti, ORG, "part-of")).containsExactly(id("identity", 901)));
    }

    @Test
    void partOfTargets() {
        withRule(
                "part-of_targets",
                List.of(r("targets", A, ORG), r("part-of", ORG, SECTOR)),
                cti -> assertThat(inferred(cti, A, "targets")).containsExactly(SECTOR));
    }

    @Test
    void parentTechniqueUse() {
        withRule(
                "parent_technique_use",
                List.of(r("uses", A, SUB), r("subtechnique-of", SUB, TECH)),
                cti -> assertThat(inferred(cti, A, "uses")).containsExactly(TECH));
    }

    @Test
    void observableRelated() {
        withRule(
                "observable_related",
                List.of(r("related-to", OBS, MAL), r("related-to", OBS, A), r("related-to", OBS, ORG)),
                cti -> {
                    assertThat(inferred(cti, MAL, "related-to")).containsExactly(A); // not the organisation
                    assertThat(inferred(cti, A, "related-to")).containsExactly(MAL);
                });
    }

    @Test
    void infrastructureObservableRelated() {
        withRule(
                "infrastructure_observable_related",
                List.of(r("uses", A, INFRA), r("consists-of", INFRA, OBS)),
                cti -> assertThat(inferred(cti, OBS, "related-to")).containsExactly(A));
    }

    @Test
    void indicateSighted() {
        withRule(
                "indicate_sighted",
                List.of(
                        r("indicates", IND, MAL),
                        sighting(
                                id("sighting", 902),
                                IND,
                                ORG,
                                "'first_seen':'2021-01-01T00:00:00Z','last_seen':'2021-02-01T00:00:00Z'")),
                cti -> {
                    assertThat(inferred(cti, MAL, "targets")).containsExactly(ORG);
                    StixObject t = RuleFixtures.inferredRelationship(cti, MAL, "targets", ORG)
                            .orElseThrow();
                    assertThat(t.getString("start_time")).isEqualTo("2021-01-01T00:00:00.000Z");
                    assertThat(t.getString("stop_time")).isEqualTo("2021-02-01T00:00:00.000Z");
                });
    }

    @Test
    void sightingIndicator() {
        withRule(
                "sighting_indicator",
                List.of(sighting(id("sighting", 903), IND, ORG, "'count':3"), r("based-on", IND, OBS)),
                cti -> {
                    List<Neighbor> sightings = cti.neighbors(OBS, "sighting", Direction.OUT, true, Caller.ADMIN)
                            .orElseThrow();
                    assertThat(sightings).singleElement().satisfies(n -> {
                        assertThat(n.inferred()).isTrue();
                        assertThat(n.id()).isEqualTo(ORG);
                    });
                    StixObject s = cti.get(sightings.get(0).relationship(), Caller.ADMIN)
                            .orElseThrow();
                    assertThat(s.getLong("count")).isEqualTo(3L);
                });
    }

    @Test
    void sightingObservable() {
        withRule(
                "sighting_observable",
                List.of(sighting(id("sighting", 904), OBS, ORG, null), r("based-on", IND, OBS)),
                cti -> assertThat(cti.neighbors(IND, "sighting", Direction.OUT, true, Caller.ADMIN)
                                .orElseThrow())
                        .singleElement()
                        .satisfies(n -> assertThat(n.id()).isEqualTo(ORG)));
    }

    @Test
    void observeSighting() {
        String od = "{'type':'observed-data','spec_version':'2.1','id':'" + OD + "','created':'" + RuleFixtures.TS
                + "','modified':'" + RuleFixtures.TS + "','created_by_ref':'" + ORG + "','first_observed':"
                + "'2022-03-01T00:00:00Z','last_observed':'2022-03-02T00:00:00Z','number_observed':7,"
                + "'object_refs':['" + OBS + "']}";
        withRule("observe_sighting", List.of(od, r("based-on", IND, OBS)), cti -> {
            List<Neighbor> s = cti.neighbors(IND, "sighting", Direction.OUT, true, Caller.ADMIN)
                    .orElseThrow();
            assertThat(s).singleElement().satisfies(n -> assertThat(n.id()).isEqualTo(ORG));
            StixObject sighting = cti.get(s.get(0).relationship(), Caller.ADMIN).orElseThrow();
            assertThat(sighting.getString("first_seen")).isEqualTo("2022-03-01T00:00:00.000Z");
            assertThat(sighting.getString("last_seen")).isEqualTo("2022-03-02T00:00:00.000Z");
            assertThat(sighting.getLong("count")).isEqualTo(7L);
        });
    }

    @Test
    void sightingIncident() {
        withRule("sighting_incident", List.of(sighting(id("sighting", 905), IND, ORG, null)), cti -> {
            assertThat(cti.inferredStats()).isEqualTo(Map.of("incident", 1, "relationship", 2));
            List<Neighbor> related = cti.neighbors(IND, "related-to", Direction.IN, true, Caller.ADMIN)
                    .orElseThrow();
            assertThat(related)
                    .singleElement()
                    .satisfies(n -> assertThat(n.type()).isEqualTo("incident"));
            String incident = related.get(0).id();
            assertThat(inferred(cti, incident, "targets")).containsExactly(ORG);
            assertThat(cti.get(incident, Caller.ADMIN).orElseThrow().name()).isEqualTo("Sighting of indicator Bad IP");
        });
    }

    @Test
    void sightingIncidentIgnoresRevokedIndicators() {
        try (Cti cti = Fixtures.open(data)) {
            Fixtures.load(cti, ENTITIES);
            Fixtures.load(cti, sighting(id("sighting", 906), IND, ORG, null));
            cti.enableRule("sighting_incident");
            assertThat(cti.inferredStats()).containsEntry("incident", 1);
            Fixtures.load(
                    cti,
                    sdo("indicator", IND, "Bad IP", "'revoked':true")
                            .replace(RuleFixtures.TS + "','name'", "2024-01-01T00:00:00.000Z','name'"));
            assertThat(cti.inferredStats()).isEmpty();
        }
    }

    @Test
    void reportRefIdentityPartOf() {
        String partOf = id("relationship", 910);
        withRule(
                "report_ref_identity_part_of",
                List.of(rel(partOf, "part-of", ORG, SECTOR), report(REPORT, "R", ORG)),
                cti -> assertThat(refsInferredFor(cti, REPORT)).containsExactlyInAnyOrder(SECTOR, partOf));
    }

    @Test
    void reportRefLocationLocatedAt() {
        String at = id("relationship", 911);
        withRule(
                "report_ref_location_located_at",
                List.of(rel(at, "located-at", CITY, COUNTRY), report(REPORT, "R", CITY)),
                cti -> assertThat(refsInferredFor(cti, REPORT)).containsExactlyInAnyOrder(COUNTRY, at));
    }

    @Test
    void reportRefIndicatorBasedOn() {
        String basedOn = id("relationship", 912);
        withRule(
                "report_ref_indicator_based_on",
                List.of(rel(basedOn, "based-on", IND, OBS), report(REPORT, "R", IND)),
                cti -> assertThat(refsInferredFor(cti, REPORT)).containsExactlyInAnyOrder(OBS, basedOn));
    }

    @Test
    void reportRefObservableBasedOn() {
        String basedOn = id("relationship", 913);
        withRule(
                "report_ref_observable_based_on",
                List.of(rel(basedOn, "based-on", IND, OBS), report(REPORT, "R", OBS)),
                cti -> assertThat(refsInferredFor(cti, REPORT)).containsExactlyInAnyOrder(IND, basedOn));
    }

    @Test
    void reportRefObservableBelongsTo() {
        String belongs = id("relationship", 914);
        withRule(
                "report_ref_observable_belongs_to",
                List.of(rel(belongs, "belongs-to", OBS, OBS2), report(REPORT, "R", OBS)),
                cti -> assertThat(refsInferredFor(cti, REPORT)).containsExactlyInAnyOrder(OBS2, belongs));
    }

    @Test
    void everyCatalogRuleHasATestHere() {
        List<String> tested = java.util.Arrays.stream(getClass().getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(java.lang.reflect.Method::getName)
                .collect(Collectors.toList());
        try (Cti cti = Fixtures.open(data)) {
            for (RuleInfo rule : cti.rules()) {
                String camel = java.util.Arrays.stream(rule.id().split("[_-]"))
                        .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                        .collect(Collectors.joining());
                String method = Character.toLowerCase(camel.charAt(0)) + camel.substring(1);
                assertThat(tested).as("a test for " + rule.id()).contains(method);
            }
        }
    }
}
