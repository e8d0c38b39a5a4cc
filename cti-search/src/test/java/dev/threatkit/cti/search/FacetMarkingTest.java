package dev.threatkit.cti.search;

import static dev.threatkit.cti.search.DashboardFixture.ACME;
import static dev.threatkit.cti.search.DashboardFixture.ALPHA;
import static dev.threatkit.cti.search.DashboardFixture.BEAR;
import static dev.threatkit.cti.search.DashboardFixture.ENERGY;
import static dev.threatkit.cti.search.DashboardFixture.FRANCE;
import static dev.threatkit.cti.search.DashboardFixture.GREEN;
import static dev.threatkit.cti.search.DashboardFixture.GREEN_ONLY;
import static dev.threatkit.cti.search.DashboardFixture.PANDA;
import static dev.threatkit.cti.search.DashboardFixture.PHISHING;
import static dev.threatkit.cti.search.DashboardFixture.POWERSHELL;
import static dev.threatkit.cti.search.DashboardFixture.RED;
import static dev.threatkit.cti.search.DashboardFixture.RED_NAMES;
import static dev.threatkit.cti.search.DashboardFixture.RED_OBJECTS;
import static dev.threatkit.cti.search.DashboardFixture.SECRET_SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.store.Caller;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The marking rule for statistics: a caller holding only TLP:GREEN never sees a TLP:RED object in a count, a
 * histogram bucket or a top list, nor a TLP:RED author's name.
 */
class FacetMarkingTest extends OverDashboardFixture {

    private static SearchRequest all() {
        return SearchRequest.builder().build();
    }

    private static List<FacetCount> facet(Facet facet) {
        return index.facet(facet, all(), GREEN_ONLY, 1000);
    }

    private static FacetCount plain(String value, long count) {
        return new FacetCount(value, value, count);
    }

    private static DateCount at(String day, long count) {
        return new DateCount(LocalDate.parse(day), count);
    }

    @Test
    void type_countsOnlyWhatTheCallerSees() {
        assertThat(facet(Facet.TYPE))
                .containsExactly(
                        plain("relationship", 14),
                        plain("malware", 4),
                        plain("identity", 3),
                        plain("indicator", 3),
                        plain("attack-pattern", 2),
                        plain("intrusion-set", 2),
                        plain("marking-definition", 2),
                        plain("report", 2),
                        plain("location", 1),
                        plain("sighting", 1));
        long sum = facet(Facet.TYPE).stream().mapToLong(FacetCount::count).sum();
        assertThat(sum).isEqualTo(index.count(all(), GREEN_ONLY)).isEqualTo(34);
    }

    @Test
    void labelsAndBands_leaveHiddenObjectsOut() {
        assertThat(facet(Facet.LABEL))
                .containsExactly(plain("ransomware", 3), plain("malicious-activity", 2), plain("trojan", 2));
        assertThat(facet(Facet.CONFIDENCE))
                .containsExactly(
                        plain("none", 26),
                        plain("80-100", 3),
                        plain("40-59", 2),
                        plain("0-19", 1),
                        plain("20-39", 1),
                        plain("60-79", 1));
    }

    @Test
    void markingFacet_neverShowsTheHiddenMarking() {
        assertThat(facet(Facet.MARKING)).containsExactly(new FacetCount(GREEN, "TLP:GREEN", 5));
    }

    @Test
    void aHiddenAuthor_isCountedOnVisibleObjects_butItsNameIsNotShown() {
        // Delta is unmarked but written by the TLP:RED Secret Source: the caller may see Delta and its
        // created_by_ref, not the author's name; Ghost (TLP:RED, same author) is not counted at all
        assertThat(facet(Facet.AUTHOR))
                .containsExactly(new FacetCount(ACME, "ACME CERT", 4), new FacetCount(SECRET_SOURCE, null, 1));
    }

    @Test
    void histograms_leaveHiddenObjectsOut() {
        SearchRequest malware = SearchRequest.builder().types("malware").build();
        // Epsilon (TLP:RED, 2024-03-15) would stretch the line to March
        assertThat(index.histogram("created", DateInterval.WEEK, malware, GREEN_ONLY))
                .containsExactly(at("2024-01-01", 3), at("2024-01-08", 1));
        assertThat(index.histogram("created", DateInterval.MONTH, malware, GREEN_ONLY))
                .containsExactly(at("2024-01-01", 4));
        // Ghost (TLP:RED) was first seen in July: an empty bucket, as any empty month
        assertThat(index.histogram("first_seen", DateInterval.MONTH, all(), GREEN_ONLY))
                .containsExactly(at("2023-06-01", 1), at("2023-07-01", 0), at("2023-08-01", 1));
        SearchRequest indicators = SearchRequest.builder().types("indicator").build();
        assertThat(index.histogram("valid_from", DateInterval.MONTH, indicators, GREEN_ONLY))
                .containsExactly(at("2024-01-01", 1), at("2024-02-01", 1), at("2024-03-01", 0), at("2024-04-01", 1));
    }

    @Test
    void hiddenRelationships_areNotCounted_hiddenEnds_areNotListed() {
        // Ghost's TLP:RED use of Spearphishing is not counted; the TLP:RED Secret Technique is not listed
        assertThat(index.topRelated("uses", RelationshipEnd.TARGET, all(), GREEN_ONLY, 10))
                .containsExactly(
                        new RelatedCount(PHISHING, "attack-pattern", "Spearphishing", 3),
                        new RelatedCount(POWERSHELL, "attack-pattern", "PowerShell", 2),
                        new RelatedCount(ALPHA, "malware", "Alpha", 1));
        assertThat(index.topRelated("uses", RelationshipEnd.SOURCE, all(), GREEN_ONLY, 10))
                .containsExactly(
                        new RelatedCount(PANDA, "intrusion-set", "Panda", 4),
                        new RelatedCount(BEAR, "intrusion-set", "Bear", 3),
                        new RelatedCount(ALPHA, "malware", "Alpha", 1));
        // Hiddenland, the most targeted, is left out, not shown as a placeholder; France loses a TLP:RED
        // relationship; Finance is targeted only by a TLP:RED one
        assertThat(index.topRelated("targets", RelationshipEnd.TARGET, all(), GREEN_ONLY, 10))
                .containsExactly(
                        new RelatedCount(ENERGY, "identity", "Energy", 2),
                        new RelatedCount(FRANCE, "location", "France", 1));
        assertThat(index.topRelated("targets", RelationshipEnd.TARGET, all(), GREEN_ONLY, 1))
                .containsExactly(new RelatedCount(ENERGY, "identity", "Energy", 2));
    }

    @Test
    void nothingHiddenShowsAnywhere() {
        for (Facet f : Facet.values()) {
            for (FacetCount c : facet(f)) {
                assertThat(c.value()).as("%s facet", f).isNotEqualTo(RED);
                if (f != Facet.AUTHOR) { // a visible object's created_by_ref may name a hidden author's id
                    assertThat(c.value()).as("%s facet", f).isNotIn(RED_OBJECTS);
                }
                assertThat(c.label()).as("%s facet", f).isNotIn(RED_NAMES).isNotEqualTo("TLP:RED");
            }
        }
        for (String type : List.of("uses", "targets", "sighting")) {
            for (RelationshipEnd end : RelationshipEnd.values()) {
                SearchRequest inactive =
                        SearchRequest.builder().includeInactive(true).build();
                for (RelatedCount r : index.topRelated(type, end, inactive, GREEN_ONLY, 1000)) {
                    assertThat(r.id()).as("%s %s", type, end).isNotIn(RED_OBJECTS);
                    assertThat(r.name()).as("%s %s", type, end).isNotIn(RED_NAMES);
                }
            }
        }
    }

    @Test
    void theSameRequestsShowMoreToTheAdministrator() {
        // the counterpart of the tests above, so they cannot pass by showing nothing hidden to anyone
        assertThat(index.facet(Facet.MARKING, all(), Caller.ADMIN, 10))
                .extracting(FacetCount::value)
                .contains(RED);
        assertThat(index.facet(Facet.AUTHOR, all(), Caller.ADMIN, 10))
                .extracting(FacetCount::label)
                .contains("Secret Source");
        assertThat(index.topRelated("targets", RelationshipEnd.TARGET, all(), Caller.ADMIN, 1))
                .extracting(RelatedCount::name)
                .containsExactly("Hiddenland");
    }
}
