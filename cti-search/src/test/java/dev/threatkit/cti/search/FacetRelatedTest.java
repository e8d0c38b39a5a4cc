package dev.threatkit.cti.search;

import static dev.threatkit.cti.search.DashboardFixture.ACME;
import static dev.threatkit.cti.search.DashboardFixture.ALPHA;
import static dev.threatkit.cti.search.DashboardFixture.BAD;
import static dev.threatkit.cti.search.DashboardFixture.BEAR;
import static dev.threatkit.cti.search.DashboardFixture.ENERGY;
import static dev.threatkit.cti.search.DashboardFixture.FINANCE;
import static dev.threatkit.cti.search.DashboardFixture.FRANCE;
import static dev.threatkit.cti.search.DashboardFixture.GHOST;
import static dev.threatkit.cti.search.DashboardFixture.HIDDENLAND;
import static dev.threatkit.cti.search.DashboardFixture.PANDA;
import static dev.threatkit.cti.search.DashboardFixture.PHISHING;
import static dev.threatkit.cti.search.DashboardFixture.POWERSHELL;
import static dev.threatkit.cti.search.DashboardFixture.SECRET_TECHNIQUE;
import static dev.threatkit.cti.search.DashboardFixture.ZETA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.threatkit.cti.store.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Top targets and top users of relationships over the dashboard fixture, as the administrator sees them. */
class FacetRelatedTest extends OverDashboardFixture {

    private static List<RelatedCount> top(String type, RelationshipEnd end, SearchRequest request, int limit) {
        return index.topRelated(type, end, request, Caller.ADMIN, limit);
    }

    private static List<RelatedCount> top(String type, RelationshipEnd end) {
        return top(type, end, SearchRequest.builder().build(), 10);
    }

    @Test
    void topTargetsOfUses_resolvedToTypeAndName() {
        assertThat(top("uses", RelationshipEnd.TARGET))
                .containsExactly(
                        new RelatedCount(PHISHING, "attack-pattern", "Spearphishing", 4),
                        new RelatedCount(POWERSHELL, "attack-pattern", "PowerShell", 2),
                        new RelatedCount(SECRET_TECHNIQUE, "attack-pattern", "Secret Technique", 1),
                        new RelatedCount(ALPHA, "malware", "Alpha", 1));
    }

    @Test
    void topUsersOfUses() {
        assertThat(top("uses", RelationshipEnd.SOURCE))
                .containsExactly(
                        new RelatedCount(PANDA, "intrusion-set", "Panda", 4),
                        new RelatedCount(BEAR, "intrusion-set", "Bear", 3),
                        new RelatedCount(GHOST, "intrusion-set", "Ghost", 1),
                        new RelatedCount(ALPHA, "malware", "Alpha", 1));
    }

    @Test
    void topTargetsOfTargets_andTheirAttackers() {
        assertThat(top("targets", RelationshipEnd.TARGET))
                .containsExactly(
                        new RelatedCount(HIDDENLAND, "location", "Hiddenland", 3),
                        new RelatedCount(ENERGY, "identity", "Energy", 2),
                        new RelatedCount(FRANCE, "location", "France", 2),
                        new RelatedCount(FINANCE, "identity", "Finance", 1));
        assertThat(top("targets", RelationshipEnd.SOURCE))
                .extracting(RelatedCount::id, RelatedCount::count)
                .containsExactly(tuple(BEAR, 3L), tuple(PANDA, 3L), tuple(GHOST, 1L), tuple(ALPHA, 1L));
    }

    @Test
    void limit_keepsTheMostFrequent() {
        assertThat(top(
                        "targets",
                        RelationshipEnd.TARGET,
                        SearchRequest.builder().build(),
                        2))
                .extracting(RelatedCount::id)
                .containsExactly(HIDDENLAND, ENERGY);
        assertThatThrownBy(() -> top(
                        "targets",
                        RelationshipEnd.TARGET,
                        SearchRequest.builder().build(),
                        0))
                .isInstanceOf(SearchException.class);
    }

    @Test
    void relationshipType_isCaseInsensitive_andAnUnknownOneCountsNothing() {
        assertThat(top("USES", RelationshipEnd.TARGET)).isEqualTo(top("uses", RelationshipEnd.TARGET));
        assertThat(top("attributed-to", RelationshipEnd.TARGET)).isEmpty();
        assertThatThrownBy(() -> top(" ", RelationshipEnd.TARGET)).isInstanceOf(SearchException.class);
    }

    @Test
    void explicitRelationshipTypes_giveTheSameCounts() {
        SearchRequest typed =
                SearchRequest.builder().types("stix-core-relationship").build();
        assertThat(top("uses", RelationshipEnd.TARGET, typed, 10)).isEqualTo(top("uses", RelationshipEnd.TARGET));
        // entity types exclude every relationship
        assertThat(top(
                        "uses",
                        RelationshipEnd.TARGET,
                        SearchRequest.builder().types("malware").build(),
                        10))
                .isEmpty();
    }

    @Test
    void sightings_countWhatWasSightedAndWhere() {
        assertThat(top("sighting", RelationshipEnd.TARGET))
                .containsExactly(
                        new RelatedCount(ACME, "identity", "ACME CERT", 1),
                        new RelatedCount(ENERGY, "identity", "Energy", 1));
        assertThat(top("stix-sighting-relationship", RelationshipEnd.SOURCE))
                .containsExactly(new RelatedCount(BAD, "indicator", "bad.example", 1));
    }

    @Test
    void inactiveEnds_areListedOnlyWhenAskedFor() {
        // Panda uses the revoked Zeta: the relationship counts for Panda, Zeta is listed only with inactive
        assertThat(top("uses", RelationshipEnd.TARGET))
                .extracting(RelatedCount::id)
                .doesNotContain(ZETA);
        SearchRequest inactive = SearchRequest.builder().includeInactive(true).build();
        assertThat(top("uses", RelationshipEnd.TARGET, inactive, 10))
                .contains(new RelatedCount(ZETA, "malware", "Zeta", 1));
    }

    @Test
    void filters_applyToTheRelationships() {
        FacetsTest.assumeFiltersWired(index);
        SearchRequest ofBear = SearchRequest.filtered(FilterGroup.and(Filter.eq("fromId", BEAR)))
                .build();
        assertThat(top("uses", RelationshipEnd.TARGET, ofBear, 10))
                .extracting(RelatedCount::id, RelatedCount::count)
                .containsExactly(tuple(PHISHING, 1L), tuple(POWERSHELL, 1L), tuple(ALPHA, 1L));
    }
}
