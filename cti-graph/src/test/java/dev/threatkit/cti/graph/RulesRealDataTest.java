package dev.threatkit.cti.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import dev.threatkit.cti.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules on real data: ATT&CK Enterprise 18.1 with OpenCTI's test bundles and the MISP-derived bundle. What
 * parent_technique_use and observable_related derive equals what the bundles say when read independently;
 * enabling then disabling every rule leaves the store answering as before.
 */
class RulesRealDataTest {
    @TempDir
    Path data;

    private static final String ATTACK = "mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz";
    private static final String MISP = "opencti/parser-samples/misp-event-converted-bundle.json";
    private static final List<String> OPENCTI = List.of(
            "opencti/platform-tests/DATA-TEST-STIX2_v2.json",
            "opencti/platform-tests/data-test-stix-e2e.json",
            "opencti/client-python-tests/DATA-TEST-STIX2_v2.json",
            MISP);

    private static List<Path> files() {
        List<Path> files = new ArrayList<>();
        files.add(SharedData.file(ATTACK));
        OPENCTI.forEach(f -> files.add(SharedData.file(f)));
        return files;
    }

    @Test
    void parentTechniqueUseOnAttackMatchesTheBundle() {
        Path bundle = SharedData.file(ATTACK);
        Map<String, Set<String>> uses = new HashMap<>();
        Map<String, String> parentOf = new HashMap<>();
        try (StixReader r = StixReader.open(bundle)) {
            while (r.hasNext()) {
                StixObject o = r.next();
                if (!o.type().equals("relationship")
                        || o.revoked()
                        || Boolean.TRUE.equals(o.getBoolean("x_mitre_deprecated"))) {
                    continue;
                }
                String type = o.getString("relationship_type");
                if (type.equals("uses")) {
                    uses.computeIfAbsent(o.getString("source_ref"), k -> new HashSet<>())
                            .add(o.getString("target_ref"));
                } else if (type.equals("subtechnique-of")) {
                    parentOf.put(o.getString("source_ref"), o.getString("target_ref"));
                }
            }
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        uses.forEach((user, targets) -> {
            for (String t : targets) {
                String parent = parentOf.get(t);
                if (parent != null && !targets.contains(parent) && !parent.equals(user)) {
                    expected.computeIfAbsent(user, k -> new TreeSet<>()).add(parent);
                }
            }
        });
        try (Cti cti = Fixtures.open(data)) {
            cti.importFiles(List.of(bundle), Caller.ADMIN);
            long started = System.nanoTime();
            RuleChange change = cti.enableRule("parent_technique_use");
            System.out.printf(
                    "parent_technique_use on ATT&CK: %d inferred in %d ms%n",
                    change.inferred(), (System.nanoTime() - started) / 1_000_000);
            Map<String, Set<String>> actual = new TreeMap<>();
            cti.forEachObject(Caller.ADMIN, o -> {
                if (o.has("x_threatkit_inference")) {
                    assertThat(o.getString("relationship_type")).isEqualTo("uses");
                    actual.computeIfAbsent(o.getString("source_ref"), k -> new TreeSet<>())
                            .add(o.getString("target_ref"));
                }
            });
            assertThat(actual).isEqualTo(expected);
            assertThat(change.inferred())
                    .isEqualTo(expected.values().stream().mapToLong(Set::size).sum());
        }
    }

    @Test
    void deletingASubTechniqueUseRetractsTheParentUseExactlyWhenNoOtherExplanationRemains() {
        try (Cti cti = Fixtures.open(data)) {
            cti.importFiles(List.of(SharedData.file(ATTACK)), Caller.ADMIN);
            cti.enableRule("parent_technique_use");
            // Inferred parent uses with one explanation, and with two or more.
            List<StixObject> single = new ArrayList<>();
            List<StixObject> several = new ArrayList<>();
            cti.forEachObject(Caller.ADMIN, o -> {
                if (o.has("x_threatkit_inference")) {
                    int n = o.getObject("x_threatkit_inference")
                            .getList("parent_technique_use")
                            .size();
                    (n == 1 ? single : several).add(o);
                }
            });
            assertThat(single).isNotEmpty();
            assertThat(several).isNotEmpty();

            StixObject lone = single.get(0);
            String loneUse = premise(lone, 0);
            cti.delete(List.of(loneUse), Caller.ADMIN);
            assertThat(cti.get(lone.id(), Caller.ADMIN)).isEmpty();
            List<ChangeEvent> history = cti.history(lone.id(), Caller.ADMIN);
            assertThat(history).extracting(ChangeEvent::kind).containsExactly(ChangeKind.CREATE, ChangeKind.DELETE);
            assertThat(history).allMatch(ChangeEvent::inferred);

            StixObject shared = several.get(0);
            int before = shared.getObject("x_threatkit_inference")
                    .getList("parent_technique_use")
                    .size();
            cti.delete(List.of(premise(shared, 0)), Caller.ADMIN);
            StixObject after = cti.get(shared.id(), Caller.ADMIN).orElseThrow();
            assertThat(after.getObject("x_threatkit_inference").getList("parent_technique_use"))
                    .hasSize(before - 1);
        }
    }

    /** The id of the sub-technique use (not the subtechnique-of) in the n-th explanation. */
    @SuppressWarnings("unchecked")
    private static String premise(StixObject inferred, int n) {
        List<Object> explanation = (List<Object>) inferred.getObject("x_threatkit_inference")
                .getList("parent_technique_use")
                .get(n);
        return (String) explanation.get(0);
    }

    @Test
    void observableRelatedOnTheMispBundleMatchesTheBundle() {
        Path bundle = SharedData.file(MISP);
        Map<String, String> types = new HashMap<>();
        Map<String, Set<String>> relatedOf = new HashMap<>();
        List<StixObject> relationships = new ArrayList<>();
        try (StixReader r = StixReader.open(bundle)) {
            while (r.hasNext()) {
                StixObject o = r.next();
                types.put(o.id(), o.type());
                if (o.type().equals("relationship")
                        && o.getString("relationship_type").equals("related-to")) {
                    relationships.add(o);
                }
            }
        }
        Predicate<String> threat =
                id -> Set.of("intrusion-set", "malware", "campaign", "incident").contains(types.get(id));
        Set<String> observables = Set.of("ipv4-addr", "domain-name", "file");
        for (StixObject rel : relationships) {
            String from = rel.getString("source_ref");
            String to = rel.getString("target_ref");
            if (observables.contains(types.get(from)) && threat.test(to)) {
                relatedOf.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            }
        }
        Set<String> explicitPairs = new HashSet<>();
        relationships.forEach(r -> explicitPairs.add(r.getString("source_ref") + ">" + r.getString("target_ref")));
        Set<String> expected = new TreeSet<>();
        relatedOf.values().forEach(threats -> {
            for (String b : threats) {
                for (String c : threats) {
                    if (!b.equals(c) && !explicitPairs.contains(c + ">" + b)) {
                        expected.add(c + ">" + b);
                    }
                }
            }
        });
        assertThat(expected)
                .as("the bundle relates observables to several threats")
                .isNotEmpty();
        try (Cti cti = Fixtures.open(data)) {
            cti.importFiles(List.of(bundle), Caller.ADMIN);
            cti.enableRule("observable_related");
            Set<String> actual = new TreeSet<>();
            cti.forEachObject(Caller.ADMIN, o -> {
                if (o.has("x_threatkit_inference")) {
                    actual.add(o.getString("source_ref") + ">" + o.getString("target_ref"));
                }
            });
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void enablingThenDisablingEveryRuleLeavesTheSameAnswers() {
        try (Cti cti = Fixtures.open(data)) {
            ImportReport report = cti.importFiles(files(), Caller.ADMIN);
            assertThat(report.created()).isPositive();
            Snapshot before = Snapshot.of(cti);
            long events = cti.lastEventId();
            Map<String, Object> coverage = coverage(cti);

            long started = System.nanoTime();
            Map<String, Long> byRule = new TreeMap<>();
            for (RuleInfo rule : cti.rules()) {
                byRule.put(rule.id(), cti.enableRule(rule.id()).inferred());
            }
            System.out.printf(
                    "every rule on ATT&CK + OpenCTI bundles: %s inferred in %d ms: %s%n",
                    cti.inferredStats(), (System.nanoTime() - started) / 1_000_000, byRule);
            assertThat(cti.inferredStats()).isNotEmpty();
            assertThat(cti.stats()).isEqualTo(before.stats);
            // Coverage reads explicit facts only: inferred uses never count twice.
            assertThat(coverage(cti)).isEqualTo(coverage);
            for (String rule : List.of(
                    "parent_technique_use",
                    "attribution_use",
                    "observable_related",
                    "location_location",
                    "sighting_incident",
                    "report_ref_indicator_based_on")) {
                assertThat(byRule.get(rule)).as(rule + " on real data").isPositive();
            }

            for (RuleInfo rule : cti.rules()) {
                cti.disableRule(rule.id());
            }
            assertThat(cti.inferredStats()).isEmpty();
            assertThat(Snapshot.of(cti)).isEqualTo(before);
            assertThat(cti.lastEventId()).isGreaterThan(events); // the journal recorded it all
        }
        try (Cti reopened = Fixtures.open(data)) {
            assertThat(reopened.rules()).noneMatch(RuleInfo::enabled);
            assertThat(reopened.inferredStats()).isEmpty();
        }
    }

    @Test
    void inferringWhileImportingEqualsEnablingAfterwards() {
        Map<String, String> whileImporting;
        try (Cti cti = Fixtures.open(data.resolve("live"))) {
            for (RuleInfo rule : cti.rules()) {
                cti.enableRule(rule.id());
            }
            cti.importFiles(files(), Caller.ADMIN);
            whileImporting = inferred(cti);
        }
        try (Cti cti = Fixtures.open(data.resolve("after"))) {
            cti.importFiles(files(), Caller.ADMIN);
            for (RuleInfo rule : cti.rules()) {
                cti.enableRule(rule.id());
            }
            assertThat(inferred(cti)).isEqualTo(whileImporting);
        }
        assertThat(whileImporting).hasSizeGreaterThan(7_000);
    }

    /**
     * Every inferred object and every container's inferred references, without timestamps, explanations sorted: the
     * order facts arrive in changes neither what is inferred nor why.
     */
    private static Map<String, String> inferred(Cti cti) {
        Map<String, String> out = new TreeMap<>();
        cti.forEachObject(Caller.ADMIN, o -> {
            String key = o.has("x_threatkit_inference") ? "x_threatkit_inference" : "x_threatkit_inferred_refs";
            if (!o.has(key)) {
                return;
            }
            StixObject rest = o.toBuilder()
                    .remove("created")
                    .remove("modified")
                    .remove(key)
                    .build();
            out.put(o.id(), (key.equals("x_threatkit_inference") ? rest.toString() : "") + sorted(o.get(key)));
        });
        return out;
    }

    /** A JSON-like value with every list sorted, as text. */
    private static String sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, String> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), sorted(x)));
            return out.toString();
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            l.forEach(x -> out.add(sorted(x)));
            java.util.Collections.sort(out);
            return out.toString();
        }
        return String.valueOf(v);
    }

    /** The ATT&CK coverage of every intrusion set. */
    private static Map<String, Object> coverage(Cti cti) {
        dev.threatkit.cti.attack.AttackAnalytics attack = dev.threatkit.cti.attack.AttackAnalytics.of(cti);
        Map<String, Object> out = new TreeMap<>();
        cti.forEachObject(Caller.ADMIN, o -> {
            if (o.type().equals("intrusion-set")) {
                out.put(
                        o.id(),
                        attack.coverage(o.id(), false, false, Caller.ADMIN).orElseThrow());
            }
        });
        return out;
    }

    /** What a store answers: statistics, every object, and the neighbours of every object. */
    private record Snapshot(Map<String, Integer> stats, Map<String, String> objects, Map<String, List<String>> around) {
        static Snapshot of(Cti cti) {
            Map<String, String> objects = new TreeMap<>();
            cti.forEachObject(Caller.ADMIN, o -> objects.put(o.id(), o.toString()));
            Map<String, List<String>> around = new TreeMap<>();
            for (String id : objects.keySet()) {
                List<String> n = new ArrayList<>();
                cti.neighbors(id, null, Direction.BOTH, true, Caller.ADMIN)
                        .orElseThrow()
                        .forEach(x -> n.add(x.relationship() + x.direction() + x.id()));
                around.put(id, n);
            }
            return new Snapshot(cti.stats(), objects, around);
        }
    }
}
