package dev.threatkit.cti.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threatkit.cti.testing.Json;
import dev.threatkit.cti.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and random patterns: the parser answers with a pattern or a {@link PatternException}, never another
 * exception, a hang or a stack overflow. Seed with -Dcti.seed, size with -Dcti.fuzz.cases.
 */
class PatternFuzzTest {
    private static final long SEED = Long.getLong("cti.seed", 20261127L);
    private static final int CASES = Integer.getInteger("cti.fuzz.cases", 30_000);
    private static final String ALPHABET = "[]()':.,*=!<>-_ abcxyzAZ019tbh'\\\"%\u00e9\u1e0d\n"
            + " AND OR NOT FOLLOWEDBY WITHIN SECONDS REPEATS TIMES START STOP IN LIKE MATCHES ISSUBSET EXISTS ";

    @Test
    @Timeout(120)
    void mutatedCorpusPatterns_parseOrFailCleanly() {
        List<String> seeds = new ArrayList<>();
        JsonNode corpus = Json.read(SharedData.file("conformance/pattern-validation.json"));
        corpus.get("cases").forEach(c -> seeds.add(c.get("pattern").asText()));
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            StringBuilder sb = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    case 1 -> {
                        if (sb.length() > 0) {
                            sb.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (sb.length() > 0) {
                            sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                        }
                    }
                }
            }
            parseCleanly(sb.toString(), random.nextBoolean() ? PatternVersion.V2_0 : PatternVersion.V2_1);
        }
    }

    @Test
    @Timeout(60)
    void randomText_parseOrFailCleanly() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(60);
            for (int k = 0; k < n; k++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            parseCleanly(sb.toString(), PatternVersion.V2_1);
        }
    }

    @Test
    @Timeout(30)
    void deepNesting_isRejectedWithAPosition() {
        String deep = "(".repeat(10_000) + "[a:b = 1]" + ")".repeat(10_000);
        assertThatThrownBy(() -> Pattern.parse(deep))
                .isInstanceOf(PatternException.class)
                .hasMessageContaining("nest more than");
        String deepComparison = "[" + "(".repeat(5_000) + "a:b = 1" + ")".repeat(5_000) + "]";
        assertThatThrownBy(() -> Pattern.parse(deepComparison)).isInstanceOf(PatternException.class);
        String nestedButFine = "(".repeat(50) + "[a:b = 1]" + ")".repeat(50);
        assertThat(Pattern.parse(nestedButFine).isSingleObservation()).isTrue();
    }

    @Test
    @Timeout(60)
    void longChains_doNotRecursePerOperand() {
        String observations = String.join(" AND ", java.util.Collections.nCopies(20_000, "[a:b = 1]"));
        assertThat(Pattern.parse(observations).observations()).hasSize(20_000);
        String comparisons = "[" + String.join(" OR ", java.util.Collections.nCopies(20_000, "a:b = 1")) + "]";
        assertThat(Pattern.parse(comparisons).observations()).hasSize(1);
        String followed = String.join(" FOLLOWEDBY ", java.util.Collections.nCopies(5_000, "[a:b = 1]"));
        assertThat(Pattern.parse(followed).observations()).hasSize(5_000);
    }

    @Test
    void hugeNumbersAndIndexes_areErrorsNotCrashes() {
        assertThatThrownBy(() -> Pattern.parse("[a:b = 99999999999999999999999]"))
                .isInstanceOf(PatternException.class)
                .hasMessageContaining("64-bit");
        assertThatThrownBy(() -> Pattern.parse("[a:b[99999999999] = 1]")).isInstanceOf(PatternException.class);
        assertThatThrownBy(() -> Pattern.parse("[a:b = 1] REPEATS 99999999999 TIMES"))
                .isInstanceOf(PatternException.class);
        assertThatThrownBy(() -> Pattern.parse("[a:b MATCHES '(unclosed']"))
                .isInstanceOf(PatternException.class)
                .hasMessageContaining("regular expression");
    }

    @Test
    @Timeout(60)
    void backtrackingRegex_isAnEvaluationErrorNotAHang() {
        dev.threatkit.cti.stix.StixProperties file = dev.threatkit.cti.stix.StixProperties.builder()
                .put("type", "file")
                .put("name", "a".repeat(40) + "!")
                .build();
        ObservedData data = new ObservedData(
                "observed-data--1", java.time.Instant.EPOCH, java.time.Instant.EPOCH, 1, java.util.Map.of("0", file));
        Pattern evil = Pattern.parse("[file:name MATCHES '(.*a){15}$']"); // minutes without the bound
        assertThatThrownBy(() -> PatternMatcher.match(evil, List.of(data)))
                .isInstanceOf(PatternException.class)
                .hasMessageContaining("regular expression needs more than");
        assertThat(PatternMatcher.match(Pattern.parse("[file:name MATCHES '^a+!$']"), List.of(data))
                        .matched())
                .isTrue();
        Pattern like = Pattern.parse("[file:name LIKE '" + "%a".repeat(12) + "%b']");
        // LIKE runs without a regular expression, in at most length x pattern steps: it simply answers
        assertThat(PatternMatcher.match(like, List.of(data)).matched()).isFalse();
    }

    private static void parseCleanly(String text, PatternVersion version) {
        try {
            Pattern p = Pattern.parse(text, version);
            // whatever parses prints to text that parses to the same pattern
            assertThat(Pattern.parse(p.toString(), version)).as(text).isEqualTo(p);
        } catch (PatternException expected) {
            assertThat(expected.position() == null || expected.position().line() >= 1)
                    .isTrue();
        }
    }
}
