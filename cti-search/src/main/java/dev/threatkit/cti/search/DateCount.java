package dev.threatkit.cti.search;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One bucket of a date histogram: how many visible objects of a request have their date in the bucket that starts
 * on {@code start} (UTC) and is one {@link DateInterval} wide. Histograms list their buckets in ascending order,
 * empty ones between the first and the last included, so a line chart needs no gap filling.
 *
 * @param start the bucket's first day: the day, the week's Monday or the month's 1st
 * @param count how many objects fall in the bucket, possibly zero
 */
public record DateCount(LocalDate start, long count) {
    public DateCount {
        Objects.requireNonNull(start, "start");
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative, got " + count);
        }
    }
}
