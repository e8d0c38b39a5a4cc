package dev.threatkit.cti.search;

import static dev.threatkit.cti.search.DashboardFixture.ACME;
import static dev.threatkit.cti.search.DashboardFixture.GREEN;
import static dev.threatkit.cti.search.DashboardFixture.RED;
import static dev.threatkit.cti.search.DashboardFixture.SECRET_SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.store.Caller;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Distribution facets over the dashboard fixture, as the administrator sees it. */
class FacetsTest extends OverDashboardFixture {

    static SearchRequest all() {
        return SearchRequest.builder().build();
    }

    private static List<FacetCount> facet(Facet facet, SearchRequest request) {
        return index.facet(facet, request, Caller.ADMIN, 100);
    }

    private static FacetCount plain(String value, long count) {
        return new FacetCount(value, value, count);
    }

    /** Skips a test that needs filters while the filter compiler is a placeholder. */
    static void assumeFiltersWired(LuceneSearchIndex index) {
        try {
            index.count(
                    SearchRequest.filtered(FilterGroup.and(Filter.eq("entity_type", "Malware")))
                            .build(),
                    Caller.ADMIN);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("filters are not wired yet: " + e.getMessage());
        }
    }

    @Test
    void type_countsActiveObjectsByType_mostFrequentFirst() {
        assertThat(facet(Facet.TYPE, all()))
                .containsExactly(
                        plain("relationship", 17),
                        plain("malware", 5),
                        plain("identity", 4),
                        plain("indicator", 4),
                        plain("attack-pattern", 3),
                        plain("intrusion-set", 3),
                        plain("location", 2),
                        plain("marking-definition", 2),
                        plain("report", 2),
                        plain("sighting", 1));
    }

    @Test
    void type_addsUpToTheRequestCount() {
        long sum =
                facet(Facet.TYPE, all()).stream().mapToLong(FacetCount::count).sum();
        assertThat(sum).isEqualTo(index.count(all(), Caller.ADMIN)).isEqualTo(43);
    }

    @Test
    void limit_keepsTheMostFrequent_tiesInValueOrder() {
        assertThat(index.facet(Facet.TYPE, all(), Caller.ADMIN, 3))
                .containsExactly(plain("relationship", 17), plain("malware", 5), plain("identity", 4));
    }

    @Test
    void limit_outOfRange_isRefused() {
        assertThatThrownBy(() -> index.facet(Facet.TYPE, all(), Caller.ADMIN, 0))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("1 to 1000");
        assertThatThrownBy(() -> index.facet(Facet.TYPE, all(), Caller.ADMIN, 1001))
                .isInstanceOf(SearchException.class);
    }

    @Test
    void label_countsNormalisedLabels() {
        // "Trojan" and "trojan", "Ransomware" and "ransomware" are one label each
        assertThat(facet(Facet.LABEL, all()))
                .containsExactly(plain("ransomware", 4), plain("malicious-activity", 3), plain("trojan", 2));
    }

    @Test
    void marking_isLabelledWithTheMarkingName() {
        assertThat(facet(Facet.MARKING, all()))
                .containsExactly(new FacetCount(RED, "TLP:RED", 9), new FacetCount(GREEN, "TLP:GREEN", 5));
    }

    @Test
    void author_isLabelledWithTheAuthorName() {
        assertThat(facet(Facet.AUTHOR, all()))
                .containsExactly(
                        new FacetCount(ACME, "ACME CERT", 5), new FacetCount(SECRET_SOURCE, "Secret Source", 2));
    }

    @Test
    void confidence_countsBands_andObjectsWithout() {
        assertThat(facet(Facet.CONFIDENCE, all()))
                .containsExactly(
                        plain("none", 32),
                        plain("80-100", 5),
                        plain("0-19", 2),
                        plain("40-59", 2),
                        plain("20-39", 1),
                        plain("60-79", 1));
    }

    @Test
    void inactiveObjects_countOnlyWhenAskedFor() {
        SearchRequest inactive = SearchRequest.builder().includeInactive(true).build();
        assertThat(facet(Facet.TYPE, inactive)).contains(plain("malware", 6));
        assertThat(facet(Facet.LABEL, inactive)).startsWith(plain("ransomware", 5));
        assertThat(facet(Facet.CONFIDENCE, inactive)).contains(plain("60-79", 2));
    }

    @Test
    void types_narrowTheFacets() {
        assertThat(facet(Facet.TYPE, SearchRequest.builder().types("Malware").build()))
                .containsExactly(plain("malware", 5));
        assertThat(facet(Facet.LABEL, SearchRequest.builder().types("indicator").build()))
                .containsExactly(plain("malicious-activity", 3));
        assertThat(facet(
                        Facet.TYPE,
                        SearchRequest.builder().types("Stix-Domain-Object").build()))
                .extracting(FacetCount::value)
                .containsExactlyInAnyOrder(
                        "malware", "identity", "indicator", "attack-pattern", "intrusion-set", "location", "report");
    }

    @Test
    void text_narrowsTheFacets() {
        assertThat(facet(Facet.TYPE, SearchRequest.text("Alpha").build())).containsExactly(plain("malware", 1));
        assertThat(facet(Facet.AUTHOR, SearchRequest.text("Beta").build()))
                .containsExactly(new FacetCount(ACME, "ACME CERT", 1));
        assertThat(facet(Facet.CONFIDENCE, SearchRequest.text("Beta").build())).containsExactly(plain("20-39", 1));
    }

    @Test
    void nothingMatching_isAnEmptyFacet() {
        assertThat(facet(Facet.LABEL, SearchRequest.builder().types("campaign").build()))
                .isEmpty();
    }

    @Test
    void filters_narrowTheFacets() {
        assumeFiltersWired(index);
        SearchRequest confident = SearchRequest.filtered(
                        FilterGroup.and(Filter.of("confidence", FilterOperator.GTE, "60")))
                .build();
        assertThat(facet(Facet.LABEL, confident))
                .containsExactly(plain("malicious-activity", 2), plain("ransomware", 2));
    }
}
