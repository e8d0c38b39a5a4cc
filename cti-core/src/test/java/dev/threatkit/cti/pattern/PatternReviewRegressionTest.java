package dev.threatkit.cti.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.stix.StixProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Findings of the code review of the patterning code, each pinned by the input that showed it. */
class PatternReviewRegressionTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static StixProperties file(Object... kv) {
        StixProperties.Builder b = StixProperties.builder().put("type", "file");
        for (int i = 0; i < kv.length; i += 2) {
            b.put((String) kv[i], kv[i + 1]);
        }
        return b.build();
    }

    /** The index finds exactly what the matcher finds, for one pattern and one event. */
    private static void indexAgreesWithMatcher(String pattern, List<StixProperties> event) {
        Pattern p = Pattern.parse(pattern);
        IndicatorIndex index = new IndicatorIndex();
        index.add("indicator--x", p);
        Map<String, StixProperties> objects = new java.util.LinkedHashMap<>();
        for (int i = 0; i < event.size(); i++) {
            objects.put(Integer.toString(i), event.get(i));
        }
        boolean expected = PatternMatcher.match(p, List.of(new ObservedData(null, T, T, 1, objects)))
                .matched();
        assertThat(!index.match(event, T).isEmpty())
                .as(pattern + " on " + event)
                .isEqualTo(expected);
    }

    @Test
    @Timeout(10)
    void hugeNumbersInEvents_areNoMatchNotOutOfMemory() {
        indexAgreesWithMatcher("[file:size = 1024]", List.of(file("size", new BigDecimal("1e999999999"))));
        indexAgreesWithMatcher("[file:size = 1024]", List.of(file("size", new BigDecimal("1e-999999999"))));
        indexAgreesWithMatcher("[file:size > 10]", List.of(file("size", Double.NaN)));
        indexAgreesWithMatcher("[file:size = 1024]", List.of(file("size", Double.NaN)));
    }

    @Test
    void floatConstantsBeyondDoubleRange_areRejectedAtParse() {
        assertThatThrownBy(() -> Pattern.parse("[file:size > 1" + "0".repeat(400) + ".0]"))
                .isInstanceOf(PatternException.class)
                .hasMessageContaining("64-bit float");
    }

    @Test
    void boundsOnAnyElement_areNotMergedIntoOneInterval() {
        StixProperties pe = file(
                "extensions",
                StixProperties.builder()
                        .put(
                                "windows-pebinary-ext",
                                StixProperties.builder()
                                        .put(
                                                "sections",
                                                List.of(
                                                        StixProperties.builder()
                                                                .put("entropy", 5L)
                                                                .build(),
                                                        StixProperties.builder()
                                                                .put("entropy", 8L)
                                                                .build()))
                                        .build())
                        .build());
        indexAgreesWithMatcher(
                "[file:extensions.'windows-pebinary-ext'.sections[*].entropy >= 7"
                        + " AND file:extensions.'windows-pebinary-ext'.sections[*].entropy <= 7.5]",
                List.of(pe));
    }

    @Test
    void regexLiterals_neverClaimTextTheMatchDoesNotNeed() {
        indexAgreesWithMatcher("[file:name MATCHES 'cmd\\\\x2eexe']", List.of(file("name", "cmd.exe")));
        indexAgreesWithMatcher("[file:name MATCHES '\\\\Qadmin1\\\\E?']", List.of(file("name", "admin")));
        indexAgreesWithMatcher("[file:name MATCHES 'abcde\u0301?x']", List.of(file("name", "abcdx")));
        indexAgreesWithMatcher("[file:name MATCHES 'hello\uD83D\uDE00?']", List.of(file("name", "hello")));
        indexAgreesWithMatcher("[file:name MATCHES '^report\\\\d+\\\\.pdf$']", List.of(file("name", "report7.pdf")));
    }

    @Test
    void anObjectThatCannotBeEvaluated_doesNotLoseTheEvent() {
        IndicatorIndex index = new IndicatorIndex();
        index.add("indicator--a", Pattern.parse("[file:name = 'a' OR file:ctime > t'2020-01-01T00:00:00Z']"));
        List<IndicatorMatch> hits = index.match(List.of(file("name", "a"), file("name", "b", "ctime", "garbage")), T);
        assertThat(hits).singleElement().satisfies(m -> assertThat(m.objects()).hasSize(1));
    }

    @Test
    void aBadEvent_doesNotBlockASequence() {
        IndicatorIndex index = new IndicatorIndex();
        index.add(
                "indicator--s",
                Pattern.parse(
                        "[file:name = 'a' OR file:ctime > t'2020-01-01T00:00:00Z'] FOLLOWEDBY [file:name = 'b']"));
        index.match(List.of(file("name", "a", "ctime", "garbage")), T);
        index.match(List.of(file("name", "a")), T.plusSeconds(1));
        assertThat(index.match(List.of(file("name", "b")), T.plusSeconds(2))).hasSize(1);
    }

    @Test
    @Timeout(10)
    void repeatsBeyondTheObservations_answersNoQuickly() {
        List<ObservedData> data = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            data.add(new ObservedData("observed-data--" + i, T, T, 1, Map.of("0", file("name", "x"))));
        }
        assertThat(PatternMatcher.match(Pattern.parse("[file:name = 'x'] REPEATS 27 TIMES"), data)
                        .matched())
                .isFalse();
        assertThat(PatternMatcher.match(Pattern.parse("[file:name = 'x'] REPEATS 26 TIMES"), data)
                        .matched())
                .isTrue();
    }

    @Test
    void twoLikesOnOnePath_leaveNothingBehindWhenRemoved() {
        IndicatorIndex index = new IndicatorIndex();
        Pattern p = Pattern.parse("[url:value LIKE '%evil-domain%' OR url:value LIKE '%bad-host%']");
        index.add("indicator--k", Pattern.parse("[url:value LIKE '%keep-this%']"));
        index.add("indicator--l", p);
        assertThat(index.remove("indicator--l")).isTrue();
        index.add("indicator--l", p);
        StixProperties url = StixProperties.builder()
                .put("type", "url")
                .put("value", "http://evil-domain.example/")
                .build();
        assertThat(index.match(List.of(url), T)).hasSize(1);
    }

    @Test
    @Timeout(10)
    void quotesInComments_doNotHideNesting() {
        String deep = "/*'*/" + "(".repeat(5000) + "[a:b = 'x']" + ")".repeat(5000);
        assertThatThrownBy(() -> Pattern.parse(deep)).isInstanceOf(PatternException.class);
    }

    @Test
    @Timeout(60)
    void bindingsDeeperThanTheStack_areAnErrorNotACrash() {
        ObservedData many = new ObservedData("observed-data--1", T, T, 200_000, Map.of("0", file("name", "x")));
        try {
            PatternMatcher.match(Pattern.parse("[file:name = 'x'] REPEATS 200000 TIMES"), List.of(many));
        } catch (PatternException expected) {
            assertThat(expected).hasMessageContaining("stack");
        }
    }

    @Test
    @Timeout(10)
    void likeWithSupplementaryCharacters_staysLinear() {
        indexAgreesWithMatcher(
                "[file:name LIKE '%a%a%a%a%b\uD83D\uDE00']",
                List.of(file("name", "a".repeat(20_000) + "\uD83D\uDE00")));
        indexAgreesWithMatcher("[file:name LIKE 'a_b']", List.of(file("name", "a\uD83D\uDE00b")));
    }

    @Test
    void addressesThatAreNotLiterals_neverMatch() {
        StixProperties ip = StixProperties.builder()
                .put("type", "ipv6-addr")
                .put("value", ".::1")
                .build();
        indexAgreesWithMatcher("[ipv6-addr:value ISSUBSET '::/0']", List.of(ip));
    }

    @Test
    void keywordPropertyNames_printQuoted() {
        Pattern p = Pattern.parse("[x-thing:'IN' = 1 AND x-thing:'true' = 2]");
        assertThat(Pattern.parse(p.toString())).isEqualTo(p);
    }
}
