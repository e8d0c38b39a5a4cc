package dev.threatkit.cti.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** LIKE without regular expressions agrees with the regular-expression reading of % and _. */
class LikeTest {
    @Test
    void agreesWithRegexReading() {
        Random random = new Random(5);
        String alphabet = "ab%_.\u00e9";
        for (int n = 0; n < 20_000; n++) {
            String value = randomText(random, "ab.\u00e9", 8);
            String like = randomText(random, alphabet, 6);
            StringBuilder regex = new StringBuilder();
            for (char c : like.toCharArray()) {
                regex.append(c == '%' ? ".*" : c == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
            }
            boolean expected = java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL)
                    .matcher(value)
                    .matches();
            assertThat(matches(value, like)).as(value + " LIKE " + like).isEqualTo(expected);
        }
    }

    @Test
    void underscoreMatchesOneCodePoint() {
        assertThat(matches("a\uD83D\uDE00b", "a_b")).isTrue();
        assertThat(matches("a\uD83D\uDE00b", "a__b")).isFalse();
    }

    private static boolean matches(String value, String like) {
        dev.threatkit.cti.stix.StixProperties o = dev.threatkit.cti.stix.StixProperties.builder()
                .put("type", "x-thing")
                .put("name", value)
                .build();
        ObservedData d = new ObservedData(null, Instant.EPOCH, Instant.EPOCH, 1, Map.of("0", o));
        String quoted = like.replace("\\", "\\\\").replace("'", "\\'");
        return PatternMatcher.match(Pattern.parse("[x-thing:name LIKE '" + quoted + "']"), List.of(d))
                .matched();
    }

    private static String randomText(Random r, String alphabet, int max) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
