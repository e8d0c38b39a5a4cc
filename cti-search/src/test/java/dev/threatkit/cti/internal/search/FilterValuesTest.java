package dev.threatkit.cti.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.search.SearchException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FilterValuesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-20T10:30:15.250Z"), ZoneOffset.UTC);

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static FilterValues.Span at(String instant) {
        return new FilterValues.Span(millis(instant), millis(instant));
    }

    @Test
    void number_acceptsJsonNumbersOnly() {
        assertThat(FilterValues.number("80")).isEqualTo(80.0);
        assertThat(FilterValues.number("-1.5")).isEqualTo(-1.5);
        assertThat(FilterValues.number("2e3")).isEqualTo(2000.0);
        assertThat(FilterValues.number(" 7 ")).isEqualTo(7.0);
        assertThat(FilterValues.number("NaN")).isNull();
        assertThat(FilterValues.number("Infinity")).isNull();
        assertThat(FilterValues.number("1e999")).isNull();
        assertThat(FilterValues.number("0x10")).isNull();
        assertThat(FilterValues.number("1f")).isNull();
        assertThat(FilterValues.number("2024-01-01")).isNull();
        assertThat(FilterValues.number("")).isNull();
    }

    @Test
    void date_instantsDaysAndOffsets() {
        assertThat(FilterValues.date("2024-01-01T00:00:00Z", CLOCK)).isEqualTo(at("2024-01-01T00:00:00Z"));
        assertThat(FilterValues.date("2024-01-01T00:00:00.123Z", CLOCK)).isEqualTo(at("2024-01-01T00:00:00.123Z"));
        assertThat(FilterValues.date("2024-01-01T02:00:00+02:00", CLOCK)).isEqualTo(at("2024-01-01T00:00:00Z"));
        assertThat(FilterValues.date("2024-01-01T00:00:00", CLOCK)).isEqualTo(at("2024-01-01T00:00:00Z"));
        assertThat(FilterValues.date("2024-01-01", CLOCK))
                .isEqualTo(new FilterValues.Span(millis("2024-01-01T00:00:00Z"), millis("2024-01-01T23:59:59.999Z")));
        assertThat(FilterValues.date("2024-02-30", CLOCK)).isNull();
        assertThat(FilterValues.date("APT28", CLOCK)).isNull();
        assertThat(FilterValues.date("2024", CLOCK)).isNull();
        assertThat(FilterValues.date("nowhere", CLOCK)).isNull();
    }

    @Test
    void date_mathRelativeToNow() {
        assertThat(FilterValues.date("now", CLOCK)).isEqualTo(at("2024-03-20T10:30:15.250Z"));
        assertThat(FilterValues.date("now-7d", CLOCK)).isEqualTo(at("2024-03-13T10:30:15.250Z"));
        assertThat(FilterValues.date("now-1M", CLOCK)).isEqualTo(at("2024-02-20T10:30:15.250Z"));
        assertThat(FilterValues.date("now-1y", CLOCK)).isEqualTo(at("2023-03-20T10:30:15.250Z"));
        assertThat(FilterValues.date("now-24h", CLOCK)).isEqualTo(at("2024-03-19T10:30:15.250Z"));
        assertThat(FilterValues.date("now+1w-30m", CLOCK)).isEqualTo(at("2024-03-27T10:00:15.250Z"));
        assertThat(FilterValues.date("now/d", CLOCK)).isEqualTo(at("2024-03-20T00:00:00Z"));
        assertThat(FilterValues.date("now-1M/M", CLOCK)).isEqualTo(at("2024-02-01T00:00:00Z"));
        assertThat(FilterValues.date("now/w", CLOCK)).isEqualTo(at("2024-03-18T00:00:00Z"));
        assertThat(FilterValues.date("now/y", CLOCK)).isEqualTo(at("2024-01-01T00:00:00Z"));
    }

    @Test
    void checkDateMath_refusesWhatLooksLikeDateMathButIsNot() {
        FilterValues.checkDateMath("now-7d");
        FilterValues.checkDateMath("nowhere");
        FilterValues.checkDateMath("2024-01-01");
        assertThatThrownBy(() -> FilterValues.checkDateMath("now-7x"))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("not valid date math");
        assertThatThrownBy(() -> FilterValues.checkDateMath("now - 7d")).isInstanceOf(SearchException.class);
    }
}
