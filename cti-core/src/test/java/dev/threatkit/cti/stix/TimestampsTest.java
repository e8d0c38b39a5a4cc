package dev.threatkit.cti.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {
    @ParameterizedTest
    @CsvSource({
        "2021-03-02T13:57:47.582Z, 3",
        "2021-03-02T13:57:47Z, 0",
        "2021-03-02T13:57:47.1Z, 1",
        "2021-03-02T13:57:47.123456789Z, 9",
        "2020-02-29T00:00:00Z, 0",
        "2016-12-31T23:59:60Z, 0",
        "2000-02-29T23:59:59.999Z, 3",
    })
    void acceptsValidTimestamps(String s, int digits) {
        assertThat(Timestamps.fractionDigits(s)).isEqualTo(digits);
        assertThat(Timestamps.isValid(s)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "2021-03-02T13:57:47.582",
        "2021-03-02 13:57:47Z",
        "2021-03-02T13:57:47.Z",
        "2021/03/02T13:57:47Z",
        "2021-03-02T13-57:47Z",
        "2021-03-02T13:57:47+00:00",
        "2019-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2021-13-01T00:00:00Z",
        "2021-00-01T00:00:00Z",
        "2021-04-31T00:00:00Z",
        "2021-04-00T00:00:00Z",
        "2021-04-01T24:00:00Z",
        "2021-04-01T23:60:00Z",
        "2021-04-01T23:59:61Z",
        "2021-0a-01T00:00:00Z",
        "202!-01-01T00:00:00Z",
        "2021-01-01T00:00:0:Z",
        "2021-01-01T00:00:00.1a3Z",
        "2021-01-01t00:00:00Z",
    })
    void rejectsInvalidTimestamps(String s) {
        assertThat(Timestamps.fractionDigits(s)).isEqualTo(-1);
    }

    @Test
    void rejectsCharactersOutsideLatin1ThatNarrowToDigits() {
        // U+0130 narrows to '0' in a careless byte copy
        assertThat(Timestamps.isValid("2021-01-01T00:00:0\u0130Z")).isFalse();
        assertThat(Timestamps.isValid("2021\u012d01-01T00:00:00Z")).isFalse();
    }

    /** Agrees with java.time on random single-character mutations of valid timestamps. */
    @Test
    void agreesWithJavaTimeOnMutations() {
        Random random = new Random(7);
        String alphabet = "0123456789-:T.Zz /";
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong() % 4_000_000_000L + 2_000_000_000L;
            String s = Timestamps.format(Instant.ofEpochSecond(Math.abs(seconds), random.nextInt(1000) * 1_000_000L));
            char[] c = s.toCharArray();
            c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            String mutated = new String(c);
            assertThat(Timestamps.isValid(mutated)).as(mutated).isEqualTo(javaTimeAccepts(mutated));
        }
    }

    private static boolean javaTimeAccepts(String s) {
        if (!s.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z")) {
            return false;
        }
        try {
            // STIX allows a leap second (60) in any minute; java.time only at 23:59
            DateTimeFormatter.ISO_INSTANT.parse(
                    s.substring(17, 19).equals("60") ? s.substring(0, 17) + "59" + s.substring(19) : s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
