package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.search.SearchException;
import dev.threatkit.cti.stix.Timestamps;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a filter value reads as a number or a date. Filter values are strings (numbers and booleans arrive as their
 * JSON text), so the comparison a range or an equality makes depends on what the value looks like.
 *
 * <p>Dates are spans of epoch milliseconds: an instant ({@code 2024-01-01T10:00:00Z}, with any offset) is a span
 * of one millisecond, a day ({@code 2024-01-01}, UTC) is the whole day, and OpenCTI's (Elasticsearch's) date math
 * relative to now is an instant: {@code now}, {@code now-7d}, {@code now-1M}, {@code now-24h}, {@code now+1y},
 * several steps ({@code now-1d-12h}) and an optional rounding down ({@code now/d}, {@code now-1M/M}); units are
 * y, M, w, d, h (or H), m, s.
 */
final class FilterValues {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_MATH = Pattern.compile("now((?:[+-]\\d{1,9}[yMwdhHms])*)(?:/([yMwdhHms]))?");
    private static final Pattern STEP = Pattern.compile("([+-])(\\d{1,9})([yMwdhHms])");
    private static final long DAY_MILLIS = 86_400_000L;

    /** Inclusive bounds, in epoch milliseconds. */
    record Span(long from, long to) {}

    private FilterValues() {}

    /** The value as a finite number, or null when it is not written as one. */
    static Double number(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 64 || !NUMBER.matcher(v).matches()) {
            return null;
        }
        double d = Double.parseDouble(v);
        return Double.isFinite(d) ? d : null;
    }

    /** The value as a date span, or null when it is not a date (nor valid date math). */
    static Span date(String value, Clock clock) {
        String v = value.strip();
        if (DATE_MATH.matcher(v).matches()) {
            long t = dateMath(v, clock);
            return new Span(t, t);
        }
        if (DAY.matcher(v).matches()) {
            try {
                long start = LocalDate.parse(v)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
                return new Span(start, start + DAY_MILLIS - 1);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Instant instant = instant(v);
        return instant == null ? null : new Span(instant.toEpochMilli(), instant.toEpochMilli());
    }

    private static Instant instant(String v) {
        if (v.length() < 16 || v.length() > 40 || v.charAt(4) != '-' || v.charAt(10) != 'T') {
            return null;
        }
        if (Timestamps.isValid(v)) {
            return Timestamps.parse(v);
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // no offset: read as UTC below
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Refuses a value that starts like date math ({@code now-...}) but is not valid date math, where a date is
     * expected (a range), rather than silently comparing it as text.
     */
    static void checkDateMath(String value) {
        String v = value.strip();
        if (!v.startsWith("now")) {
            return;
        }
        String rest = v.substring(3).strip();
        boolean looksLike = rest.isEmpty() || "+-/".indexOf(rest.charAt(0)) >= 0;
        if (looksLike && !DATE_MATH.matcher(v).matches()) {
            throw new SearchException("\"" + v + "\" is not valid date math; write now, now-7d, now-1M, now-1y, "
                    + "now-24h or now-1d/d (units y, M, w, d, h, m, s; /unit rounds down)");
        }
    }

    private static long dateMath(String v, Clock clock) {
        Matcher m = DATE_MATH.matcher(v);
        m.matches();
        ZonedDateTime t = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Matcher step = STEP.matcher(m.group(1));
        while (step.find()) {
            long n = Long.parseLong(step.group(2)) * ("-".equals(step.group(1)) ? -1 : 1);
            t = plus(t, n, step.group(3).charAt(0));
        }
        if (m.group(2) != null) {
            t = round(t, m.group(2).charAt(0));
        }
        return t.toInstant().toEpochMilli();
    }

    private static ZonedDateTime plus(ZonedDateTime t, long n, char unit) {
        switch (unit) {
            case 'y':
                return t.plusYears(n);
            case 'M':
                return t.plusMonths(n);
            case 'w':
                return t.plusWeeks(n);
            case 'd':
                return t.plusDays(n);
            case 'h':
            case 'H':
                return t.plusHours(n);
            case 'm':
                return t.plusMinutes(n);
            default:
                return t.plusSeconds(n);
        }
    }

    private static ZonedDateTime round(ZonedDateTime t, char unit) {
        switch (unit) {
            case 'y':
                return t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case 'M':
                return t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case 'w':
                return t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case 'd':
                return t.truncatedTo(ChronoUnit.DAYS);
            case 'h':
            case 'H':
                return t.truncatedTo(ChronoUnit.HOURS);
            case 'm':
                return t.truncatedTo(ChronoUnit.MINUTES);
            default:
                return t.truncatedTo(ChronoUnit.SECONDS);
        }
    }
}
