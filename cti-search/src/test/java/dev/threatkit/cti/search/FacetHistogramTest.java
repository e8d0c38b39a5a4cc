package dev.threatkit.cti.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.store.Caller;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Date histograms over the dashboard fixture: buckets in UTC, weeks from Monday, empty buckets filled in. */
class FacetHistogramTest extends OverDashboardFixture {

    private static SearchRequest ofType(String type) {
        return SearchRequest.builder().types(type).build();
    }

    private static List<DateCount> histogram(String property, DateInterval interval, SearchRequest request) {
        return index.histogram(property, interval, request, Caller.ADMIN);
    }

    private static DateCount at(String day, long count) {
        return new DateCount(LocalDate.parse(day), count);
    }

    private static long sum(List<DateCount> buckets) {
        return buckets.stream().mapToLong(DateCount::count).sum();
    }

    @Test
    void byDay_listsEveryDayFromFirstToLast() {
        List<DateCount> days = histogram("created", DateInterval.DAY, ofType("malware"));
        assertThat(days).hasSize(75); // 2024-01-01 to 2024-03-15
        assertThat(days.get(0)).isEqualTo(at("2024-01-01", 1));
        assertThat(days.get(1)).isEqualTo(at("2024-01-02", 1));
        assertThat(days.get(2)).isEqualTo(at("2024-01-03", 0));
        assertThat(days.get(6)).isEqualTo(at("2024-01-07", 1)); // 23:59:59 UTC stays on its day
        assertThat(days.get(7)).isEqualTo(at("2024-01-08", 1));
        assertThat(days.get(74)).isEqualTo(at("2024-03-15", 1));
        assertThat(sum(days)).isEqualTo(5);
        for (int i = 1; i < days.size(); i++) {
            assertThat(days.get(i).start()).isEqualTo(days.get(i - 1).start().plusDays(1));
        }
    }

    @Test
    void byWeek_startsOnMonday() {
        List<DateCount> weeks = histogram("created", DateInterval.WEEK, ofType("malware"));
        assertThat(weeks).hasSize(11);
        // Monday 1st, Tuesday 2nd and Sunday 7th (23:59:59) make one week; Monday 8th starts the next
        assertThat(weeks.get(0)).isEqualTo(at("2024-01-01", 3));
        assertThat(weeks.get(1)).isEqualTo(at("2024-01-08", 1));
        assertThat(weeks.subList(2, 10)).allSatisfy(w -> assertThat(w.count()).isZero());
        assertThat(weeks.get(10)).isEqualTo(at("2024-03-11", 1)); // Friday 15th's Monday
        assertThat(weeks).allSatisfy(w -> assertThat(w.start().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY));
    }

    @Test
    void byMonth_startsOnTheFirst_withEmptyMonthsBetween() {
        assertThat(histogram("created", DateInterval.MONTH, ofType("malware")))
                .containsExactly(at("2024-01-01", 4), at("2024-02-01", 0), at("2024-03-01", 1));
        assertThat(histogram("valid_from", DateInterval.MONTH, ofType("indicator")))
                .containsExactly(at("2024-01-01", 1), at("2024-02-01", 2), at("2024-03-01", 0), at("2024-04-01", 1));
    }

    @Test
    void onlyObjectsWithTheDateCount() {
        // only the intrusion sets have first_seen
        assertThat(histogram(
                        "first_seen",
                        DateInterval.MONTH,
                        SearchRequest.builder().build()))
                .containsExactly(at("2023-06-01", 1), at("2023-07-01", 1), at("2023-08-01", 1));
    }

    @Test
    void tooManyBuckets_areRefused_aCoarserIntervalWorks() {
        SearchRequest reports = ofType("report"); // published 1990-06-01 and 2024-05-20
        assertThatThrownBy(() -> histogram("published", DateInterval.DAY, reports))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("12408 buckets")
                .hasMessageContaining("coarser interval")
                .hasMessageContaining("within");
        List<DateCount> weeks = histogram("published", DateInterval.WEEK, reports);
        assertThat(weeks).hasSize(1774);
        assertThat(weeks.get(0)).isEqualTo(at("1990-05-28", 1));
        assertThat(weeks.get(weeks.size() - 1)).isEqualTo(at("2024-05-20", 1));
        assertThat(sum(weeks)).isEqualTo(2);
        assertThat(histogram("published", DateInterval.MONTH, reports)).hasSize(408);
    }

    @Test
    void aPropertyThatIsNoTimestamp_isRefused_namingTheDates() {
        for (String property : List.of("name", "confidence", "no_such_property")) {
            assertThatThrownBy(() -> histogram(
                            property, DateInterval.DAY, SearchRequest.builder().build()))
                    .isInstanceOf(SearchException.class)
                    .hasMessageContaining(property)
                    .hasMessageContaining("valid_from")
                    .hasMessageContaining("first_seen")
                    .hasMessageContaining("published");
        }
    }

    @Test
    void nothingMatching_isAnEmptyHistogram() {
        assertThat(histogram("created", DateInterval.DAY, ofType("campaign"))).isEmpty();
    }

    @Test
    void inactiveObjects_countOnlyWhenAskedFor() {
        SearchRequest inactive =
                SearchRequest.builder().types("malware").includeInactive(true).build();
        List<DateCount> days = histogram("created", DateInterval.DAY, inactive);
        assertThat(days).hasSize(76);
        assertThat(days.get(75)).isEqualTo(at("2024-03-16", 1));
    }

    @Test
    void text_narrowsTheHistogram() {
        assertThat(histogram(
                        "created", DateInterval.DAY, SearchRequest.text("Alpha").build()))
                .containsExactly(at("2024-01-01", 1));
    }

    @Test
    void everyObjectWithTheDate_isCounted() {
        // every object but the marking definitions' is created in 2024; they were created in 2017
        List<DateCount> months =
                histogram("created", DateInterval.MONTH, SearchRequest.builder().build());
        assertThat(sum(months)).isEqualTo(index.count(SearchRequest.builder().build(), Caller.ADMIN));
        assertThat(months.get(0)).isEqualTo(at("2017-01-01", 2));
    }
}
