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
        // one pass over YYYY-MM-DDTHH:mm:ss: separators where SEPARATORS says, digits elsewhere, and the six
        // fields accumulated on the way (a field ends at each separator)
        int badDigit = 0;
        int badSeparator = 0;
        int field = 0;
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        for (int i = 0; i < 19; i++) {
            char c = s.charAt(i);
            char sep = SEPARATORS[i];
            if (sep != 0) {
                badSeparator |= c ^ sep;
                switch (i) {
                    case 4:
                        year = field;
                        break;
                    case 7:
                        month = field;
                        break;
                    case 10:
                        day = field;
                        break;
                    case 13:
                        hour = field;
                        break;
                    default:
                        minute = field;
                        break;
                }
                field = 0;
            } else {
                int d = c - '0';
                badDigit |= d | (9 - d); // negative unless 0..9
                field = field * 10 + d;
            }
        }
        if (badDigit < 0 || badSeparator != 0) {
            return -1;
        }
        int second = field;
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

    /** What each of the first 19 characters must be: a separator, or 0 for a digit. */
    private static final char[] SEPARATORS = "\0\0\0\0-\0\0-\0\0T\0\0:\0\0:\0\0".toCharArray();

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
