package dev.threatkit.cti.stix;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * STIX timestamps: {@code YYYY-MM-DDTHH:mm:ss[.s+]Z}, always UTC with a literal {@code Z}.
 *
 * <p>Checked by hand rather than with {@code DateTimeFormatter}: validation looks at every timestamp of every
 * object, and a formatter allocates and throws on the way.
 */
public final class Timestamps {
    private Timestamps() {}

    /** True if {@code s} is a STIX timestamp with a real calendar date (2023-02-30 is not). */
    public static boolean isValid(String s) {
        return fractionDigits(s) >= 0;
    }

    /**
     * The number of fraction-of-second digits of a valid timestamp (0 for none), or -1 if {@code s} is not a
     * valid STIX timestamp.
     */
    public static int fractionDigits(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z') {
            return -1;
        }
        // YYYY-MM-DDTHH:mm:ss field by field, unrolled: the validator reads every timestamp of every object
        if (s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return -1;
        }
        int century = twoDigits(s, 0);
        int yearOfCentury = twoDigits(s, 2);
        int month = twoDigits(s, 5);
        int day = twoDigits(s, 8);
        int hour = twoDigits(s, 11);
        int minute = twoDigits(s, 14);
        int second = twoDigits(s, 17);
        if ((century | yearOfCentury | month | day | hour | minute | second) < 0) {
            return -1;
        }
        int year = century * 100 + yearOfCentury;
        int fraction = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21 || !digits(s, 20, n - 1)) {
                return -1;
            }
            fraction = n - 21;
        }
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59) {
            return -1;
        }
        // 60 is a leap second; the spec allows it.
        if (second > 60) {
            return -1;
        }
        return fraction;
    }

    /** The two decimal digits at {@code i} as a number, or -1 when they are not both digits. */
    private static int twoDigits(String s, int i) {
        int a = s.charAt(i) - '0';
        int b = s.charAt(i + 1) - '0';
        return (a | b | (9 - a) | (9 - b)) < 0 ? -1 : a * 10 + b;
    }

    /** Parses a STIX timestamp. A leap second reads as the last nanosecond before the next minute. */
    public static Instant parse(String s) {
        int fraction = fractionDigits(s);
        if (fraction < 0) {
            throw new IllegalArgumentException("not a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z): " + s);
        }
        int second = num(s, 17, 19);
        int nanos = 0;
        for (int i = 0; i < 9; i++) {
            nanos = nanos * 10 + (i < fraction ? s.charAt(20 + i) - '0' : 0);
        }
        try {
            LocalDateTime t = LocalDateTime.of(
                    num(s, 0, 4),
                    num(s, 5, 7),
                    num(s, 8, 10),
                    num(s, 11, 13),
                    num(s, 14, 16),
                    Math.min(second, 59),
                    second == 60 ? 999_999_999 : nanos);
            return t.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a STIX timestamp: " + s, e);
        }
    }

    /**
     * Compares two valid STIX timestamps by the instant they denote ({@code 2020-01-01T00:00:00Z} equals
     * {@code 2020-01-01T00:00:00.000Z}).
     */
    public static int compare(String a, String b) {
        // Same shape: compare as text, which is chronological for fixed-width fields.
        if (a.length() == b.length()) {
            return a.compareTo(b);
        }
        for (int i = 0; i < 19; i++) { // the date and time up to whole seconds have a fixed width
            int c = a.charAt(i) - b.charAt(i);
            if (c != 0) {
                return c;
            }
        }
        return parse(a).compareTo(parse(b));
    }

    /** Formats with millisecond precision, or more digits when the instant has them. */
    public static String format(Instant instant) {
        String iso = instant.toString(); // 2020-01-01T00:00:00Z or with fraction of 3, 6 or 9 digits
        if (iso.length() == 20) {
            return iso.substring(0, 19) + ".000Z";
        }
        return iso;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }
}
