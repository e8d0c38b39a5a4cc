package dev.threatkit.cti.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.store.Caller;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dashboard statistics over ATT&CK Enterprise 18.1, checked against counts made independently by streaming the
 * same bundle.
 */
class FacetAttackTest {
    private static LuceneSearchIndex index;
    private static final Map<String, Long> allByType = new HashMap<>();
    private static final Map<String, Long> activeByType = new HashMap<>();
    private static final Map<String, Long> usesByTarget = new HashMap<>();
    private static final Map<String, Long> usesBySource = new HashMap<>();
    private static final Set<String> active = new HashSet<>();
    private static final Map<String, String> typeOf = new HashMap<>();

    @BeforeAll
    static void load() {
        Path bundle = AttackIndex.bundle();
        index = AttackIndex.get();
        List<StixObject> uses = new ArrayList<>();
        try (StixReader reader = StixReader.open(bundle)) {
            while (reader.hasNext()) {
                StixObject o = reader.next();
                typeOf.put(o.id(), o.type());
                allByType.merge(o.type(), 1L, Long::sum);
                if (!o.revoked() && !Boolean.TRUE.equals(o.getBoolean("x_mitre_deprecated"))) {
                    activeByType.merge(o.type(), 1L, Long::sum);
                    active.add(o.id());
                    if ("relationship".equals(o.type()) && "uses".equals(o.getString("relationship_type"))) {
                        uses.add(o);
                    }
                }
            }
        }
        for (StixObject r : uses) {
            usesByTarget.merge(r.getString("target_ref"), 1L, Long::sum);
            usesBySource.merge(r.getString("source_ref"), 1L, Long::sum);
        }
    }

    private static long countOf(List<FacetCount> facet, String value) {
        return facet.stream()
                .filter(c -> c.value().equals(value))
                .mapToLong(FacetCount::count)
                .findFirst()
                .orElse(0);
    }

    @Test
    void typeFacet_matchesTheBundle() {
        List<FacetCount> everything = index.facet(
                Facet.TYPE, SearchRequest.builder().includeInactive(true).build(), Caller.ADMIN, 1000);
        List<FacetCount> current =
                index.facet(Facet.TYPE, SearchRequest.builder().build(), Caller.ADMIN, 1000);
        for (String type : List.of("intrusion-set", "malware", "tool", "attack-pattern", "campaign", "relationship")) {
            assertThat(countOf(everything, type)).as(type).isPositive().isEqualTo(allByType.get(type));
            assertThat(countOf(current, type)).as(type).isEqualTo(activeByType.get(type));
        }
        assertThat(everything).hasSize(allByType.size());
    }

    @Test
    void topTargetsOfUses_isTheMostUsedTechnique() {
        List<RelatedCount> top = index.topRelated(
                "uses", RelationshipEnd.TARGET, SearchRequest.builder().build(), Caller.ADMIN, 10);
        top.forEach(System.out::println);
        assertThat(top).hasSize(10);
        assertThat(top.get(0).type()).isEqualTo("attack-pattern");
        assertThat(top.get(0).name()).isNotBlank();
        assertThat(top.get(0).count()).isGreaterThan(50).isEqualTo(maxOverActive(usesByTarget));
        assertThat(top).allSatisfy(r -> assertThat(r.count()).isEqualTo(usesByTarget.get(r.id())));
        assertThat(top).isSortedAccordingTo((a, b) -> Long.compare(b.count(), a.count()));
    }

    @Test
    void topUsersOfUses_areGroupsAndSoftware() {
        List<RelatedCount> top = index.topRelated(
                "uses", RelationshipEnd.SOURCE, SearchRequest.builder().build(), Caller.ADMIN, 10);
        top.forEach(System.out::println);
        assertThat(top).hasSize(10);
        assertThat(top.get(0).count()).isGreaterThan(50).isEqualTo(maxOverActive(usesBySource));
        assertThat(top)
                .allSatisfy(r -> assertThat(r.type()).isIn("intrusion-set", "malware", "tool", "campaign"))
                .allSatisfy(r -> assertThat(r.count()).isEqualTo(usesBySource.get(r.id())));
        assertThat(top).extracting(RelatedCount::name).contains("APT28", "APT29", "Lazarus Group");
    }

    @Test
    void createdHistogram_addsUpToTheCount() {
        SearchRequest techniques =
                SearchRequest.builder().types("attack-pattern").build();
        List<DateCount> months = index.histogram("created", DateInterval.MONTH, techniques, Caller.ADMIN);
        assertThat(months.stream().mapToLong(DateCount::count).sum())
                .isEqualTo(index.count(techniques, Caller.ADMIN))
                .isEqualTo(activeByType.get("attack-pattern"));
    }

    /** The largest count among references to active objects (ends that are revoked or deprecated are not listed). */
    private static long maxOverActive(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .filter(e -> active.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .max()
                .orElseThrow();
    }
}
