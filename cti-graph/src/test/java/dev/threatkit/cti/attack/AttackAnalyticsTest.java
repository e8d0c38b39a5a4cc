package dev.threatkit.cti.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.ImportReport;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ATT&amp;CK analytics on MITRE's Enterprise 18.1 (Mobile and ICS 18.1 for their matrices), each answer checked
 * against what an independent reading of the bundle gives, plus hostile fixtures (attribution cycles).
 */
class AttackAnalyticsTest {
    private static final String ENTERPRISE = "mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz";
    private static final String MOBILE = "mitre-attack-mobile/mobile-attack-18.1.stix21.json";
    private static final String ICS = "mitre-attack-ics/ics-attack-18.1.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Cti cti;
    private static AttackAnalytics attack;
    private static Model enterprise;

    @BeforeAll
    static void importEnterprise() {
        Path bundle = SharedData.file(ENTERPRISE);
        enterprise = Model.read(bundle);
        cti = Cti.builder().dataDirectory(tmp.resolve("enterprise")).build();
        ImportReport report = cti.importFiles(List.of(bundle), Caller.ADMIN);
        assertThat(report.rejected()).isEmpty();
        attack = AttackAnalytics.of(cti);
    }

    @AfterAll
    static void close() {
        if (cti != null) {
            cti.close();
        }
    }

    // ---------------------------------------------------------------- coverage

    @Test
    void coverage_everyIntrusionSet_equalsWhatTheBundleSays() {
        int groups = 0;
        int attributed = 0;
        for (StixObject group : enterprise.ofType("intrusion-set")) {
            Coverage full =
                    attack.coverage(group.id(), false, false, Caller.ADMIN).orElseThrow();
            assertThat(viaByExternalId(full))
                    .as("coverage of %s %s", enterprise.externalId(group.id()), group.name())
                    .isEqualTo(enterprise.expectedCoverage(group.id(), false));
            assertThat(full.techniques())
                    .extracting(CoveredTechnique::externalId)
                    .isSorted()
                    .doesNotHaveDuplicates();
            Coverage direct =
                    attack.coverage(group.id(), true, false, Caller.ADMIN).orElseThrow();
            assertThat(viaByExternalId(direct))
                    .as("direct coverage of %s", group.name())
                    .isEqualTo(enterprise.expectedCoverage(group.id(), true));
            groups++;
            if (full.techniques().stream().anyMatch(t -> t.via().contains(Via.ATTRIBUTION))) {
                attributed++;
            }
        }
        assertThat(groups).isEqualTo(187);
        assertThat(attributed).isGreaterThanOrEqualTo(15);
    }

    @Test
    void coverage_apt29_followsItsCampaignsAndSubTechniques() {
        Coverage apt29 = attack.coverage("G0016", false, false, Caller.ADMIN).orElseThrow();
        assertThat(apt29.id()).isEqualTo("intrusion-set--899ce53f-13a0-479b-a0e4-67d46e241542");
        assertThat(apt29.externalId()).isEqualTo("G0016");
        assertThat(apt29.name()).isEqualTo("APT29");
        Map<String, CoveredTechnique> byId =
                apt29.techniques().stream().collect(Collectors.toMap(CoveredTechnique::externalId, t -> t));
        // every kind of path shows up
        assertThat(apt29.techniques()).anySatisfy(t -> assertThat(t.via()).containsExactly(Via.ATTRIBUTION));
        assertThat(apt29.techniques()).anySatisfy(t -> assertThat(t.via()).containsExactly(Via.SUBTECHNIQUE));
        assertThat(apt29.techniques())
                .anySatisfy(t -> assertThat(t.via()).containsExactly(Via.DIRECT, Via.SUBTECHNIQUE));
        Set<String> users = apt29.techniques().stream()
                .flatMap(t -> t.paths().stream())
                .filter(UsePath::attributed)
                .map(UsePath::userExternalId)
                .collect(Collectors.toSet());
        assertThat(users).containsExactlyInAnyOrder("C0023", "C0024");
        // tactics are the technique's phase names, in its order
        for (CoveredTechnique t : apt29.techniques()) {
            assertThat(t.tactics()).isEqualTo(enterprise.phases(t.id()));
            assertThat(t.name()).isEqualTo(enterprise.objects.get(t.id()).name());
        }
        CoveredTechnique powershell = byId.get("T1059.001");
        assertThat(powershell.via()).contains(Via.DIRECT);
        assertThat(powershell.tactics()).containsExactly("execution");
        CoveredTechnique interpreter = byId.get("T1059");
        assertThat(interpreter.via()).contains(Via.SUBTECHNIQUE);
        assertThat(interpreter.paths())
                .anySatisfy(p -> assertThat(p.subtechniqueExternalId()).isEqualTo("T1059.001"));
    }

    @Test
    void coverage_otherGroupsWithCampaigns_includeTheCampaignsTechniques() {
        Map<String, Set<String>> campaigns = Map.of(
                "G0034", Set.of("C0025", "C0028", "C0034"),
                "G0096", Set.of("C0017", "C0040"),
                "G0049", Set.of("C0042", "C0044"));
        campaigns.forEach((group, expected) -> {
            Coverage c = attack.coverage(group, false, false, Caller.ADMIN).orElseThrow();
            Set<String> users = c.techniques().stream()
                    .flatMap(t -> t.paths().stream())
                    .filter(UsePath::attributed)
                    .map(UsePath::userExternalId)
                    .collect(Collectors.toSet());
            assertThat(users).as(group).isEqualTo(expected);
            assertThat(c.techniques())
                    .as(group)
                    .anySatisfy(t -> assertThat(t.via()).containsExactly(Via.ATTRIBUTION));
            Coverage direct = attack.coverage(group, true, false, Caller.ADMIN).orElseThrow();
            assertThat(direct.techniques()).allSatisfy(t -> {
                assertThat(t.via()).containsExactly(Via.DIRECT);
                assertThat(t.paths()).allSatisfy(p -> assertThat(p.attributed()).isFalse());
            });
            assertThat(direct.techniques()).hasSizeLessThan(c.techniques().size());
        });
    }

    @Test
    void coverage_campaignMalwareAndTool_areSupported() {
        for (String type : List.of("campaign", "malware", "tool")) {
            for (StixObject o : enterprise.ofType(type)) {
                Coverage c = attack.coverage(o.id(), false, false, Caller.ADMIN).orElseThrow();
                assertThat(viaByExternalId(c)).as(o.name()).isEqualTo(enterprise.expectedCoverage(o.id(), false));
            }
        }
    }

    @Test
    void coverage_unknownIdIsEmpty_wrongTypeIsRefused() {
        assertThat(attack.coverage("G9999", false, false, Caller.ADMIN)).isEmpty();
        assertThat(attack.coverage("intrusion-set--00000000-0000-4000-8000-000000000000", false, false, Caller.ADMIN))
                .isEmpty();
        assertThatThrownBy(() -> attack.coverage("T1003", false, false, Caller.ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attack-pattern")
                .hasMessageContaining("intrusion-set");
        assertThatThrownBy(() -> attack.mitigations("G0016", false, Caller.ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intrusion-set");
        assertThat(attack.mitigations("T9999", false, Caller.ADMIN)).isEmpty();
        assertThat(attack.detections("T9999", false, Caller.ADMIN)).isEmpty();
        assertThat(attack.overlap("G0016", "G9999", false, Caller.ADMIN)).isEmpty();
    }

    @Test
    void coverage_isFastAfterWarmUp() {
        for (int i = 0; i < 300; i++) {
            attack.coverage("G0016", false, false, Caller.ADMIN);
        }
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            attack.coverage("G0016", false, false, Caller.ADMIN);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double medianMs = nanos[nanos.length / 2] / 1e6;
        System.out.printf(
                "coverage of G0016: median %.2f ms, p90 %.2f ms%n", medianMs, nanos[nanos.length * 9 / 10] / 1e6);
        assertThat(medianMs).isLessThan(5.0);
    }

    // ---------------------------------------------------------------- overlap

    @Test
    void overlap_withItselfIsOne_andSymmetric() {
        Overlap self = attack.overlap("G0016", "G0016", false, Caller.ADMIN).orElseThrow();
        assertThat(self.jaccard()).isEqualTo(1.0);
        assertThat(self.shared()).hasSize(self.aCount());

        Overlap ab = attack.overlap("G0016", "G0007", false, Caller.ADMIN).orElseThrow();
        Overlap ba = attack.overlap("G0007", "G0016", false, Caller.ADMIN).orElseThrow();
        assertThat(ab.jaccard()).isEqualTo(ba.jaccard()).isGreaterThan(0).isLessThan(1);
        assertThat(ab.shared())
                .extracting(SharedTechnique::externalId)
                .containsExactlyElementsOf(
                        ba.shared().stream().map(SharedTechnique::externalId).toList());
        Set<String> a = enterprise.expectedCoverage(ab.a().id(), false).keySet();
        Set<String> b = enterprise.expectedCoverage(ab.b().id(), false).keySet();
        Set<String> both = new LinkedHashSet<>(a);
        both.retainAll(b);
        Set<String> either = new LinkedHashSet<>(a);
        either.addAll(b);
        assertThat(ab.shared()).extracting(SharedTechnique::externalId).containsExactlyElementsOf(both);
        assertThat(ab.jaccard()).isEqualTo((double) both.size() / either.size());
        assertThat(ab.aCount()).isEqualTo(a.size());
        assertThat(ab.bCount()).isEqualTo(b.size());
        SharedTechnique first = ab.shared().get(0);
        assertThat(first.viaA().stream().map(Via::jsonName).toList())
                .isEqualTo(enterprise.expectedCoverage(ab.a().id(), false).get(first.externalId()));
        assertThat(first.viaB().stream().map(Via::jsonName).toList())
                .isEqualTo(enterprise.expectedCoverage(ab.b().id(), false).get(first.externalId()));
    }

    // ---------------------------------------------------------------- matrix

    @Test
    void matrix_enterprise_followsTheMatrixAndEveryTechniqueItsTactics() {
        AttackMatrix matrix =
                attack.matrix("enterprise-attack", false, Caller.ADMIN).orElseThrow();
        StixObject stored = enterprise.ofType("x-mitre-matrix").get(0);
        assertThat(matrix.matrices()).containsExactly(stored.id());
        assertThat(matrix.tactics())
                .extracting(AttackMatrix.Tactic::id)
                .containsExactlyElementsOf(stored.getStrings("tactic_refs"));
        assertThat(matrix.tactics()).hasSize(14);
        assertThat(matrix.tactics().get(0).externalId()).isEqualTo("TA0043");
        assertThat(matrix.tactics().get(0).shortname()).isEqualTo("reconnaissance");
        enterprise.assertMatrix(matrix, "mitre-attack");
        // every active technique under each of its tactics
        Map<String, AttackMatrix.Tactic> byShortname =
                matrix.tactics().stream().collect(Collectors.toMap(AttackMatrix.Tactic::shortname, t -> t));
        int placed = 0;
        for (StixObject t : enterprise.ofType("attack-pattern")) {
            if (!Model.active(t) || Boolean.TRUE.equals(t.getBoolean("x_mitre_is_subtechnique"))) {
                continue;
            }
            for (String phase : enterprise.phases(t.id())) {
                assertThat(byShortname.get(phase).techniques())
                        .extracting(AttackMatrix.Technique::id)
                        .as(t.name())
                        .contains(t.id());
                placed++;
            }
        }
        assertThat(placed)
                .isEqualTo(matrix.tactics().stream()
                        .mapToInt(t -> t.techniques().size())
                        .sum());
        AttackMatrix.Technique credentialDumping = byShortname.get("credential-access").techniques().stream()
                .filter(t -> "T1003".equals(t.externalId()))
                .findFirst()
                .orElseThrow();
        assertThat(credentialDumping.subtechniques())
                .startsWith("T1003.001", "T1003.002")
                .hasSize(8);
        assertThat(attack.matrix("mobile-attack", false, Caller.ADMIN)).isEmpty();
    }

    @Test
    void matrix_mobileAndIcsLoadFromTheirBundles() {
        Path mobile = SharedData.file(MOBILE);
        Path ics = SharedData.file(ICS);
        try (Cti store = Cti.builder().dataDirectory(tmp.resolve("mobile-ics")).build()) {
            assertThat(store.importFiles(List.of(mobile, ics), Caller.ADMIN).rejected())
                    .isEmpty();
            AttackAnalytics analytics = AttackAnalytics.of(store);

            Model mobileModel = Model.read(mobile);
            AttackMatrix m =
                    analytics.matrix("mobile-attack", false, Caller.ADMIN).orElseThrow();
            assertThat(m.matrices()).hasSize(1);
            assertThat(m.tactics()).hasSize(12);
            mobileModel.assertMatrix(m, "mitre-mobile-attack");
            AttackMatrix withDeprecated =
                    analytics.matrix("mobile-attack", true, Caller.ADMIN).orElseThrow();
            assertThat(withDeprecated.matrices()).hasSize(2);
            assertThat(withDeprecated.tactics()).hasSize(14);
            assertThat(withDeprecated.tactics())
                    .extracting(AttackMatrix.Tactic::id)
                    .doesNotHaveDuplicates();

            Model icsModel = Model.read(ics);
            AttackMatrix i = analytics.matrix("ics-attack", false, Caller.ADMIN).orElseThrow();
            assertThat(i.tactics()).hasSize(12);
            icsModel.assertMatrix(i, "mitre-ics-attack");
            assertThat(i.tactics().stream().mapToInt(t -> t.techniques().size()).sum())
                    .isGreaterThan(80);

            assertThat(analytics.matrix("enterprise-attack", false, Caller.ADMIN))
                    .isEmpty();
            assertThat(analytics.attackVersion("ics-attack", Caller.ADMIN)).contains("18");
            assertThat(analytics.attackVersion("mobile-attack", Caller.ADMIN)).isEmpty();
        }
    }

    // ---------------------------------------------------------------- mitigations and detections

    @Test
    void mitigationsAndDetections_ofT1003() {
        List<Mitigation> mitigations =
                attack.mitigations("T1003", false, Caller.ADMIN).orElseThrow();
        assertThat(mitigations)
                .extracting(Mitigation::externalId)
                .contains("M1027", "M1026", "M1043", "M1017", "M1041")
                .isSorted()
                .containsExactlyInAnyOrderElementsOf(enterprise.sources("T1003", "mitigates"));
        assertThat(mitigations).allSatisfy(m -> {
            assertThat(m.name()).isNotBlank();
            assertThat(m.relationship()).startsWith("relationship--");
        });

        List<Detection> detections =
                attack.detections("T1003", false, Caller.ADMIN).orElseThrow();
        assertThat(detections).extracting(Detection::externalId).containsExactly("DET0234");
        Detection strategy = detections.get(0);
        assertThat(strategy.type()).isEqualTo("x-mitre-detection-strategy");
        assertThat(strategy.analytics())
                .extracting(Detection.Analytic::id)
                .containsExactlyElementsOf(enterprise.objects.get(strategy.id()).getStrings("x_mitre_analytic_refs"));
        assertThat(strategy.analytics()).allSatisfy(a -> {
            assertThat(a.externalId()).startsWith("AN");
            assertThat(a.platforms()).isNotEmpty();
            assertThat(a.logSources()).isNotEmpty().allSatisfy(s -> {
                assertThat(s.dataComponentId()).startsWith("x-mitre-data-component--");
                assertThat(s.dataComponent()).isNotBlank();
                assertThat(s.name()).isNotBlank();
            });
        });
        // every active technique's detections are the strategies the bundle relates to it
        for (StixObject t : enterprise.ofType("attack-pattern")) {
            if (Model.active(t)) {
                String id = enterprise.externalId(t.id());
                assertThat(attack.detections(t.id(), false, Caller.ADMIN).orElseThrow())
                        .extracting(Detection::externalId)
                        .as(id)
                        .containsExactlyInAnyOrderElementsOf(enterprise.sources(id, "detects"));
            }
        }
    }

    // ---------------------------------------------------------------- layer

    @Test
    void layer_hasTheRequiredFieldsOfFormat45() throws IOException {
        Coverage apt29 = attack.coverage("G0016", false, false, Caller.ADMIN).orElseThrow();
        JsonNode layer = JSON.readTree(NavigatorLayer.toJson(apt29, null, "18"));
        assertThat(layer.get("name").asText()).isEqualTo("APT29 (G0016) techniques");
        assertThat(layer.get("versions").get("layer").asText()).isEqualTo("4.5");
        assertThat(layer.get("versions").get("navigator").asText()).isNotBlank();
        assertThat(layer.get("versions").get("attack").asText()).isEqualTo("18");
        assertThat(layer.get("domain").asText()).isEqualTo("enterprise-attack");
        JsonNode techniques = layer.get("techniques");
        assertThat(techniques).hasSize(apt29.techniques().size());
        for (int i = 0; i < techniques.size(); i++) {
            JsonNode t = techniques.get(i);
            CoveredTechnique c = apt29.techniques().get(i);
            assertThat(t.get("techniqueID").asText()).isEqualTo(c.externalId());
            assertThat(t.get("score").asDouble()).isEqualTo(c.direct() ? 1.0 : 0.5);
            assertThat(t.get("comment").asText()).isNotBlank();
            assertThat(t.get("enabled").asBoolean()).isTrue();
            assertThat(t.get("metadata").get(0).get("value").asText()).isEqualTo(c.id());
            if (c.via().contains(Via.ATTRIBUTION)) {
                assertThat(t.get("comment").asText()).contains("(attributed)");
            }
        }
        JsonNode gradient = layer.get("gradient");
        assertThat(gradient.get("colors").size()).isGreaterThanOrEqualTo(2);
        assertThat(gradient.get("maxValue").asDouble())
                .isGreaterThan(gradient.get("minValue").asDouble());
        assertThat(layer.get("legendItems")).isNotEmpty().allSatisfy(item -> {
            assertThat(item.get("label").asText()).isNotBlank();
            assertThat(item.get("color").asText()).matches("#[0-9a-f]{6}");
        });
        JsonNode noVersion = JSON.readTree(NavigatorLayer.toJson(apt29, "enterprise-attack", null));
        assertThat(noVersion.get("versions").has("attack")).isFalse();
        assertThat(noVersion.get("versions").get("layer").asText()).isEqualTo("4.5");
    }

    // ---------------------------------------------------------------- hostile input

    private static final String T = "2024-01-01T00:00:00.000Z";
    private static final String GROUP = "intrusion-set--10000000-0000-4000-8000-000000000001";
    private static final String OTHER_GROUP = "intrusion-set--10000000-0000-4000-8000-000000000002";
    private static final String CAMPAIGN = "campaign--10000000-0000-4000-8000-000000000003";
    private static final String REVOKED_CAMPAIGN = "campaign--10000000-0000-4000-8000-000000000004";
    private static final String PARENT = "attack-pattern--10000000-0000-4000-8000-000000000011";
    private static final String SUB = "attack-pattern--10000000-0000-4000-8000-000000000012";
    private static final String CAMPAIGN_TECHNIQUE = "attack-pattern--10000000-0000-4000-8000-000000000013";
    private static final String DEPRECATED = "attack-pattern--10000000-0000-4000-8000-000000000014";
    private static final String OF_REVOKED = "attack-pattern--10000000-0000-4000-8000-000000000015";
    private static int relationships;

    private static String sdo(String type, String id, String name, String externalId, String extra) {
        return "{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + T
                + "\",\"modified\":\"" + T + "\",\"name\":\"" + name + "\",\"external_references\":[{\"source_name\":"
                + "\"mitre-attack\",\"external_id\":\"" + externalId + "\"}]" + extra + "}";
    }

    private static String technique(String id, String externalId, String extra) {
        return sdo(
                "attack-pattern",
                id,
                "Technique " + externalId,
                externalId,
                ",\"kill_chain_phases\":[{\"kill_chain_name\":\"mitre-attack\",\"phase_name\":\"execution\"}],"
                        + "\"x_mitre_domains\":[\"enterprise-attack\"]" + extra);
    }

    private static String rel(String type, String source, String target) {
        return "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--20000000-0000-4000-8000-"
                + String.format("%012d", ++relationships) + "\",\"created\":\"" + T + "\",\"modified\":\"" + T
                + "\",\"relationship_type\":\"" + type + "\",\"source_ref\":\"" + source + "\",\"target_ref\":\""
                + target + "\"}";
    }

    @Test
    void coverage_attributionCyclesAndSelfLoops_terminateAndCountEachTechniqueOnce() throws IOException {
        List<String> objects = List.of(
                sdo("intrusion-set", GROUP, "Cyclic Group", "G9001", ""),
                sdo("intrusion-set", OTHER_GROUP, "Other Group", "G9002", ""),
                sdo("campaign", CAMPAIGN, "Cyclic Campaign", "C9001", ""),
                sdo("campaign", REVOKED_CAMPAIGN, "Revoked Campaign", "C9002", ",\"revoked\":true"),
                technique(PARENT, "T9001", ""),
                technique(SUB, "T9001.001", ",\"x_mitre_is_subtechnique\":true"),
                technique(CAMPAIGN_TECHNIQUE, "T9002", ""),
                technique(DEPRECATED, "T9003", ",\"x_mitre_deprecated\":true"),
                technique(OF_REVOKED, "T9004", ""),
                rel("subtechnique-of", SUB, PARENT),
                rel("uses", GROUP, SUB),
                rel("uses", GROUP, SUB), // the same fact twice
                rel("uses", CAMPAIGN, CAMPAIGN_TECHNIQUE),
                rel("uses", CAMPAIGN, SUB),
                rel("uses", OTHER_GROUP, DEPRECATED),
                rel("uses", REVOKED_CAMPAIGN, OF_REVOKED),
                rel("attributed-to", CAMPAIGN, GROUP),
                rel("attributed-to", GROUP, CAMPAIGN), // a cycle
                rel("attributed-to", GROUP, GROUP), // a self loop
                rel("attributed-to", OTHER_GROUP, GROUP),
                rel("attributed-to", GROUP, OTHER_GROUP), // another cycle
                rel("attributed-to", REVOKED_CAMPAIGN, OTHER_GROUP),
                rel("attributed-to", PARENT, GROUP)); // not a campaign nor an intrusion set: ignored
        Path bundle = tmp.resolve("cycles.json");
        Files.writeString(
                bundle,
                "{\"type\":\"bundle\",\"id\":\"bundle--30000000-0000-4000-8000-000000000000\",\"objects\":["
                        + String.join(",", objects) + "]}");
        try (Cti store = Cti.builder().dataDirectory(tmp.resolve("cycles")).build()) {
            ImportReport report = store.importFiles(List.of(bundle), Caller.ADMIN);
            assertThat(report.rejected()).isEmpty();
            assertThat(report.created()).isEqualTo(objects.size());
            AttackAnalytics analytics = AttackAnalytics.of(store);

            Coverage group =
                    analytics.coverage("G9001", false, false, Caller.ADMIN).orElseThrow();
            assertThat(viaByExternalId(group))
                    .containsExactly(
                            Map.entry("T9001", List.of("subtechnique", "attribution")),
                            Map.entry("T9001.001", List.of("direct", "attribution")),
                            Map.entry("T9002", List.of("attribution")));
            CoveredTechnique sub = group.techniques().get(1);
            assertThat(sub.paths())
                    .containsExactly(
                            new UsePath(GROUP, "G9001", "Cyclic Group", false, null, null),
                            new UsePath(CAMPAIGN, "C9001", "Cyclic Campaign", true, null, null));
            assertThat(group.techniques().get(0).paths())
                    .extracting(UsePath::describe)
                    .containsExactly(
                            "sub-technique T9001.001 used directly",
                            "sub-technique T9001.001 used by C9001 Cyclic Campaign (attributed)");

            Coverage withAll =
                    analytics.coverage("G9001", false, true, Caller.ADMIN).orElseThrow();
            assertThat(viaByExternalId(withAll))
                    .containsEntry("T9003", List.of("attribution"))
                    .containsEntry("T9004", List.of("attribution"))
                    .hasSize(5);

            Coverage campaign =
                    analytics.coverage("C9001", false, false, Caller.ADMIN).orElseThrow();
            assertThat(viaByExternalId(campaign))
                    .containsExactly(
                            Map.entry("T9001", List.of("subtechnique", "attribution")),
                            Map.entry("T9001.001", List.of("direct", "attribution")),
                            Map.entry("T9002", List.of("direct")));

            Coverage direct =
                    analytics.coverage("G9001", true, true, Caller.ADMIN).orElseThrow();
            assertThat(viaByExternalId(direct)).containsExactly(Map.entry("T9001.001", List.of("direct")));

            assertThat(analytics.coverage("G9003", false, false, Caller.ADMIN)).isEmpty();
            assertThatThrownBy(() -> analytics.coverage("T9001", false, false, Caller.ADMIN))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(analytics
                            .overlap("G9001", "C9001", false, Caller.ADMIN)
                            .orElseThrow()
                            .jaccard())
                    .isEqualTo(1.0);
            assertThat(analytics.matrix("enterprise-attack", false, Caller.ADMIN))
                    .isEmpty();
        }
    }

    @Test
    void detectionsOfBothShapes_mitigationsAndAFreshAnswerAfterEveryChange() throws IOException {
        String technique = "attack-pattern--40000000-0000-4000-8000-000000000001";
        String group = "intrusion-set--40000000-0000-4000-8000-000000000002";
        String component = "x-mitre-data-component--40000000-0000-4000-8000-000000000003";
        String strategy = "x-mitre-detection-strategy--40000000-0000-4000-8000-000000000004";
        String analytic = "x-mitre-analytic--40000000-0000-4000-8000-000000000005";
        String oldAnalytic = "x-mitre-analytic--40000000-0000-4000-8000-000000000006";
        String mitigation = "course-of-action--40000000-0000-4000-8000-000000000007";
        String oldMitigation = "course-of-action--40000000-0000-4000-8000-000000000008";
        List<String> objects = List.of(
                technique("attack-pattern--40000000-0000-4000-8000-000000000001", "T9101", ""),
                sdo("intrusion-set", group, "Changing Group", "G9101", ""),
                sdo("x-mitre-data-component", component, "Process Creation", "DC9101", ""),
                sdo(
                        "x-mitre-detection-strategy",
                        strategy,
                        "Detect It",
                        "DET9101",
                        ",\"x_mitre_analytic_refs\":[\"" + analytic + "\",\"" + oldAnalytic + "\"]"),
                sdo(
                        "x-mitre-analytic",
                        analytic,
                        "Analytic 9101",
                        "AN9101",
                        ",\"x_mitre_platforms\":[\"Linux\"],\"x_mitre_log_source_references\":[{"
                                + "\"x_mitre_data_component_ref\":\"" + component
                                + "\",\"name\":\"auditd:SYSCALL\",\"channel\":\"execve\"}]"),
                sdo("x-mitre-analytic", oldAnalytic, "Analytic 9102", "AN9102", ",\"x_mitre_deprecated\":true"),
                sdo("course-of-action", mitigation, "Do Not", "M9101", ""),
                sdo("course-of-action", oldMitigation, "Did Not", "M9102", ",\"x_mitre_deprecated\":true"),
                rel("detects", component, technique),
                rel("detects", strategy, technique),
                rel("mitigates", mitigation, technique),
                rel("mitigates", oldMitigation, technique));
        Path bundle = tmp.resolve("detections.json");
        Files.writeString(bundle, bundle(objects));
        try (Cti store = Cti.builder().dataDirectory(tmp.resolve("detections")).build()) {
            assertThat(store.importFiles(List.of(bundle), Caller.ADMIN).rejected())
                    .isEmpty();
            AttackAnalytics analytics = AttackAnalytics.of(store);
            List<Detection> detections =
                    analytics.detections("T9101", false, Caller.ADMIN).orElseThrow();
            assertThat(detections)
                    .extracting(Detection::externalId, Detection::type)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("DC9101", "x-mitre-data-component"),
                            org.assertj.core.groups.Tuple.tuple("DET9101", "x-mitre-detection-strategy"));
            assertThat(detections.get(0).analytics()).isEmpty();
            assertThat(detections.get(1).analytics())
                    .containsExactly(new Detection.Analytic(
                            analytic,
                            "AN9101",
                            "Analytic 9101",
                            List.of("Linux"),
                            List.of(new Detection.LogSource(
                                    component, "Process Creation", "auditd:SYSCALL", "execve"))));
            assertThat(analytics
                            .detections("T9101", true, Caller.ADMIN)
                            .orElseThrow()
                            .get(1)
                            .analytics())
                    .hasSize(2);
            assertThat(analytics.mitigations("T9101", false, Caller.ADMIN).orElseThrow())
                    .extracting(Mitigation::externalId)
                    .containsExactly("M9101");
            assertThat(analytics.mitigations("T9101", true, Caller.ADMIN).orElseThrow())
                    .extracting(Mitigation::externalId)
                    .containsExactly("M9101", "M9102");

            // what coverage remembers belongs to one store version
            assertThat(analytics
                            .coverage("G9101", false, false, Caller.ADMIN)
                            .orElseThrow()
                            .techniques())
                    .isEmpty();
            Path more = tmp.resolve("more.json");
            Files.writeString(
                    more,
                    bundle(List.of(
                            rel("uses", group, technique),
                            technique(technique, "T9101", "")
                                    .replace("Technique T9101", "Renamed Technique")
                                    .replace("\"modified\":\"" + T, "\"modified\":\"2025-01-01T00:00:00.000Z"))));
            assertThat(store.importFiles(List.of(more), Caller.ADMIN).rejected())
                    .isEmpty();
            assertThat(analytics
                            .coverage("G9101", false, false, Caller.ADMIN)
                            .orElseThrow()
                            .techniques())
                    .extracting(CoveredTechnique::name)
                    .containsExactly("Renamed Technique");
        }
    }

    @Test
    void layer_keepsTheTechniquesOfItsDomain() throws IOException {
        CoveredTechnique enterpriseTechnique = new CoveredTechnique(
                "attack-pattern--1",
                "T1001",
                "One",
                List.of("c2"),
                List.of("enterprise-attack"),
                List.of(Via.SUBTECHNIQUE),
                List.of());
        CoveredTechnique icsTechnique = new CoveredTechnique(
                "attack-pattern--2",
                "T0801",
                "Two",
                List.of("collection"),
                List.of("ics-attack"),
                List.of(Via.DIRECT),
                List.of());
        Coverage both = new Coverage(
                "intrusion-set--1",
                "G9999",
                "intrusion-set",
                "Both",
                List.of("ics-attack", "enterprise-attack"),
                List.of(icsTechnique, enterpriseTechnique));
        assertThat(NavigatorLayer.defaultDomain(both)).isEqualTo("ics-attack");
        JsonNode ics = JSON.readTree(NavigatorLayer.toJson(both, null, null));
        assertThat(ics.get("domain").asText()).isEqualTo("ics-attack");
        assertThat(ics.get("techniques")).hasSize(1);
        assertThat(ics.get("techniques").get(0).get("techniqueID").asText()).isEqualTo("T0801");
        JsonNode enterpriseLayer = JSON.readTree(NavigatorLayer.toJson(both, "enterprise-attack", null));
        JsonNode only = enterpriseLayer.get("techniques").get(0);
        assertThat(only.get("techniqueID").asText()).isEqualTo("T1001");
        assertThat(only.get("score").asDouble()).isEqualTo(0.5);
        assertThat(only.get("showSubtechniques").asBoolean()).isTrue();
    }

    private static String bundle(List<String> objects) {
        return "{\"type\":\"bundle\",\"id\":\"bundle--50000000-0000-4000-8000-000000000000\",\"objects\":["
                + String.join(",", objects) + "]}";
    }

    // ---------------------------------------------------------------- independent reading of a bundle

    private static Map<String, List<String>> viaByExternalId(Coverage c) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (CoveredTechnique t : c.techniques()) {
            out.put(t.externalId(), t.via().stream().map(Via::jsonName).toList());
        }
        return out;
    }

    /** A bundle read with StixReader, indexed by id and by relationship end, revoked and deprecated included. */
    private static final class Model {
        final Map<String, StixObject> objects = new LinkedHashMap<>();
        final Map<String, List<StixObject>> bySource = new HashMap<>();
        final Map<String, List<StixObject>> byTarget = new HashMap<>();
        final Map<String, String> byExternalId = new HashMap<>();

        static Model read(Path file) {
            Model m = new Model();
            try (StixReader reader = StixReader.open(file)) {
                while (reader.hasNext()) {
                    StixObject o = reader.next();
                    m.objects.put(o.id(), o);
                    if (o.type().equals("relationship")) {
                        m.bySource
                                .computeIfAbsent(o.getString("source_ref"), k -> new ArrayList<>())
                                .add(o);
                        m.byTarget
                                .computeIfAbsent(o.getString("target_ref"), k -> new ArrayList<>())
                                .add(o);
                    }
                }
            }
            for (StixObject o : m.objects.values()) {
                String ext = m.externalId(o.id());
                if (ext != null && active(o)) {
                    m.byExternalId.putIfAbsent(ext, o.id());
                }
            }
            return m;
        }

        static boolean active(StixObject o) {
            return o != null && !o.revoked() && !Boolean.TRUE.equals(o.getBoolean("x_mitre_deprecated"));
        }

        List<StixObject> ofType(String type) {
            return objects.values().stream().filter(o -> o.type().equals(type)).toList();
        }

        String externalId(String id) {
            StixObject o = objects.get(id);
            if (o == null) {
                return null;
            }
            for (StixProperties ref : o.externalReferences()) {
                if (ref.getString("source_name").startsWith("mitre-") && ref.getString("external_id") != null) {
                    return ref.getString("external_id");
                }
            }
            return null;
        }

        List<String> phases(String id) {
            return objects.get(id).killChainPhases().stream()
                    .map(p -> p.getString("phase_name"))
                    .distinct()
                    .toList();
        }

        /** Active ends of active relationships of {@code type} from {@code source}, of {@code targetType}. */
        List<String> targets(String source, String type, Set<String> targetTypes) {
            List<String> out = new ArrayList<>();
            for (StixObject r : bySource.getOrDefault(source, List.of())) {
                StixObject target = objects.get(r.getString("target_ref"));
                if (active(r)
                        && type.equals(r.getString("relationship_type"))
                        && active(target)
                        && targetTypes.contains(target.type())) {
                    out.add(target.id());
                }
            }
            return out;
        }

        List<String> sourcesOf(String target, String type, Set<String> sourceTypes) {
            List<String> out = new ArrayList<>();
            for (StixObject r : byTarget.getOrDefault(target, List.of())) {
                StixObject source = objects.get(r.getString("source_ref"));
                if (active(r)
                        && type.equals(r.getString("relationship_type"))
                        && active(source)
                        && (sourceTypes == null || sourceTypes.contains(source.type()))) {
                    out.add(source.id());
                }
            }
            return out;
        }

        /** ATT&amp;CK ids of what relates to the technique with {@code externalId} by {@code type}. */
        List<String> sources(String externalId, String type) {
            return sourcesOf(byExternalId.get(externalId), type, null).stream()
                    .map(this::externalId)
                    .toList();
        }

        /** ATT&amp;CK id to via names, by ATT&amp;CK id, as the issue defines coverage. */
        Map<String, List<String>> expectedCoverage(String entity, boolean direct) {
            Set<String> users = new LinkedHashSet<>(List.of(entity));
            if (!direct) {
                ArrayDeque<String> queue = new ArrayDeque<>(users);
                while (!queue.isEmpty()) {
                    for (String s : sourcesOf(queue.poll(), "attributed-to", Set.of("campaign", "intrusion-set"))) {
                        if (users.add(s)) {
                            queue.add(s);
                        }
                    }
                }
            }
            Map<String, EnumSet<Via>> via = new HashMap<>();
            Set<String> techniques = Set.of("attack-pattern");
            for (String user : users) {
                boolean attributed = !user.equals(entity);
                for (String t : targets(user, "uses", techniques)) {
                    via.computeIfAbsent(t, k -> EnumSet.noneOf(Via.class))
                            .add(attributed ? Via.ATTRIBUTION : Via.DIRECT);
                    if (direct) {
                        continue;
                    }
                    for (String parent : targets(t, "subtechnique-of", techniques)) {
                        EnumSet<Via> v = via.computeIfAbsent(parent, k -> EnumSet.noneOf(Via.class));
                        v.add(Via.SUBTECHNIQUE);
                        if (attributed) {
                            v.add(Via.ATTRIBUTION);
                        }
                    }
                }
            }
            Map<String, List<String>> out = new TreeMap<>();
            via.forEach((id, v) ->
                    out.put(externalId(id), v.stream().map(Via::jsonName).toList()));
            return new LinkedHashMap<>(out);
        }

        /** The matrix as the bundle gives it, compared with what the store answered. */
        void assertMatrix(AttackMatrix matrix, String killChain) {
            List<String> tacticIds = new ArrayList<>();
            for (StixObject m : ofType("x-mitre-matrix")) {
                if (active(m)) {
                    for (String ref : m.getStrings("tactic_refs")) {
                        if (active(objects.get(ref)) && !tacticIds.contains(ref)) {
                            tacticIds.add(ref);
                        }
                    }
                }
            }
            assertThat(matrix.tactics()).extracting(AttackMatrix.Tactic::id).containsExactlyElementsOf(tacticIds);
            Comparator<StixObject> byName =
                    Comparator.comparing(StixObject::name).thenComparing(o -> externalId(o.id()));
            for (AttackMatrix.Tactic tactic : matrix.tactics()) {
                StixObject stored = objects.get(tactic.id());
                assertThat(tactic.externalId()).startsWith("TA").isEqualTo(externalId(tactic.id()));
                assertThat(tactic.name()).isEqualTo(stored.name());
                String shortname = stored.getString("x_mitre_shortname");
                List<StixObject> expected = ofType("attack-pattern").stream()
                        .filter(Model::active)
                        .filter(t -> !Boolean.TRUE.equals(t.getBoolean("x_mitre_is_subtechnique")))
                        .filter(t -> t.killChainPhases().stream()
                                .anyMatch(p -> killChain.equals(p.getString("kill_chain_name"))
                                        && shortname.equals(p.getString("phase_name"))))
                        .sorted(byName)
                        .toList();
                assertThat(tactic.techniques())
                        .as(tactic.name())
                        .extracting(AttackMatrix.Technique::id)
                        .containsExactlyElementsOf(
                                expected.stream().map(StixObject::id).toList());
                assertThat(tactic.techniques()).isNotEmpty();
                for (AttackMatrix.Technique t : tactic.techniques()) {
                    assertThat(t.externalId()).isEqualTo(externalId(t.id()));
                    List<String> subs = sourcesOf(t.id(), "subtechnique-of", Set.of("attack-pattern")).stream()
                            .map(this::externalId)
                            .sorted()
                            .toList();
                    assertThat(t.subtechniques()).as(t.externalId()).isEqualTo(subs);
                }
            }
        }
    }
}
