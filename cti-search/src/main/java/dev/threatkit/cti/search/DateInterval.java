package dev.threatkit.cti.search;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The width of a date histogram's buckets, counted in UTC so that every caller and every server draws the same
 * line: days, weeks starting on Monday (ISO 8601, as OpenCTI's Elasticsearch date histograms do), or calendar
 * months starting on the 1st.
 */
public enum DateInterval {
    DAY(ChronoUnit.DAYS),
    WEEK(ChronoUnit.WEEKS),
    MONTH(ChronoUnit.MONTHS);

    private final ChronoUnit unit;

    DateInterval(ChronoUnit unit) {
        this.unit = unit;
    }

    /** The first day of the bucket that holds {@code day}: the day itself, its week's Monday, its month's 1st. */
    public LocalDate bucketStart(LocalDate day) {
        switch (this) {
            case WEEK:
                return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH:
                return day.withDayOfMonth(1);
            default:
                return day;
        }
    }

    /** The start of the bucket after the one starting on {@code start}. */
    public LocalDate next(LocalDate start) {
        return start.plus(1, unit);
    }

    /** How many buckets run from the one holding {@code first} to the one holding {@code last}, both included. */
    public long bucketsBetween(LocalDate first, LocalDate last) {
        return unit.between(bucketStart(first), bucketStart(last)) + 1;
    }
}
