package dev.threatkit.cti.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The index against the plain matcher: the same answers, whatever shape the patterns have. */
class IndicatorIndexTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Values drawn from small pools so that random events hit random indicators often enough. */
    private static final class Shapes {
        final Random random;

        Shapes(long seed) {
            random = new Random(seed);
        }

        String ip() {
            return "10.0." + random.nextInt(4) + "." + random.nextInt(8);
        }

        String domain() {
            return "host" + random.nextInt(20) + ".example" + random.nextInt(3) + ".com";
        }

        String url() {
            return "http://" + domain() + "/path" + random.nextInt(10) + "/file" + random.nextInt(5) + ".exe";
        }

        String md5() {
            return String.format("%032x", random.nextInt(30));
        }

        String pattern() {
            switch (random.nextInt(14)) {
                case 0:
                    return "[ipv4-addr:value = '" + ip() + "']";
                case 1:
                    return "[domain-name:value = '" + domain() + "']";
                case 2:
                    return "[url:value = '" + url() + "']";
                case 3:
                    return "[file:hashes.MD5 = '" + md5() + "']";
                case 4:
                    return "[ipv4-addr:value ISSUBSET '10.0." + random.nextInt(4) + ".0/" + (24 + random.nextInt(8))
                            + "']";
                case 5:
                    return "[url:value LIKE '%/path" + random.nextInt(10) + "/%']";
                case 6:
                    return "[file:name MATCHES 'file" + random.nextInt(5) + "\\\\.exe$']";
                case 7: {
                    int low = random.nextInt(1000);
                    return "[network-traffic:dst_port >= " + low + " AND network-traffic:dst_port <= "
                            + (low + random.nextInt(50)) + "]";
                }
                case 8:
                    return "[file:name = 'file" + random.nextInt(5) + ".exe' AND file:size > " + random.nextInt(1000)
                            + "]";
                case 9:
                    return "[domain-name:value = '" + domain() + "' OR url:value = '" + url() + "']";
                case 10:
                    return "[ipv4-addr:value != '" + ip() + "']";
                case 11:
                    return "[network-traffic:dst_ref.value = '" + ip() + "']";
                case 12:
                    return "[file:name IN ('file" + random.nextInt(5) + ".exe', 'x.dll')]";
                default:
                    return "[url:value MATCHES '^http://host1[0-9]\\\\.']";
            }
        }

        List<StixProperties> event() {
            List<StixProperties> objects = new ArrayList<>();
            int n = 2 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> objects.add(sco("ipv4-addr", "value", ip(), i));
                    case 1 -> objects.add(sco("domain-name", "value", domain(), i));
                    case 2 -> objects.add(sco("url", "value", url(), i));
                    case 3 ->
                        objects.add(StixProperties.builder()
                                .put("type", "file")
                                .put("id", "file--" + i)
                                .put("name", "file" + random.nextInt(6) + ".exe")
                                .put("size", (long) random.nextInt(2000))
                                .put(
                                        "hashes",
                                        StixProperties.builder()
                                                .put("MD5", md5())
                                                .build())
                                .build());
                    case 4 -> {
                        StixProperties ip = sco("ipv4-addr", "value", ip(), 100 + i);
                        objects.add(ip);
                        objects.add(StixProperties.builder()
                                .put("type", "network-traffic")
                                .put("id", "network-traffic--" + i)
                                .put("dst_ref", ip.getString("id"))
                                .put("dst_port", (long) random.nextInt(1100))
                                .build());
                    }
                    default -> objects.add(sco("ipv4-addr", "value", ip(), i));
                }
            }
            return objects;
        }

        private static StixProperties sco(String type, String property, String value, int i) {
            return StixProperties.builder()
                    .put("type", type)
                    .put("id", type + "--" + i)
                    .put(property, value)
                    .build();
        }
    }

    @Test
    void singleObservationPatterns_sameAnswersAsEvaluatingEveryPattern() {
        Shapes shapes = new Shapes(42);
        IndicatorIndex index = new IndicatorIndex();
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Pattern p = Pattern.parse(shapes.pattern());
            patterns.add(p);
            index.add("indicator--" + i, p);
        }
        int hits = 0;
        for (int e = 0; e < 1500; e++) {
            List<StixProperties> event = shapes.event();
            Set<String> expected = new TreeSet<>();
            ObservedData data = new ObservedData(null, T0, T0, 1, byId(event));
            for (int i = 0; i < patterns.size(); i++) {
                if (PatternMatcher.match(patterns.get(i), List.of(data)).matched()) {
                    expected.add("indicator--" + i);
                }
            }
            Set<String> actual = index.match(event, T0).stream()
                    .map(IndicatorMatch::indicatorId)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(actual).as("event " + event).isEqualTo(expected);
            hits += actual.size();
        }
        assertThat(hits).as("the test must exercise matches").isGreaterThan(1000);
    }

    @Test
    void matchSaysWhatMatched() {
        IndicatorIndex index = new IndicatorIndex();
        index.add("indicator--a", Pattern.parse("[ipv4-addr:value ISSUBSET '198.51.100.0/24']"));
        StixProperties hit = StixProperties.builder()
                .put("type", "ipv4-addr")
                .put("value", "198.51.100.7")
                .build();
        StixProperties miss = StixProperties.builder()
                .put("type", "ipv4-addr")
                .put("value", "203.0.113.7")
                .build();
        List<IndicatorMatch> m = index.match(List.of(miss, hit), T0);
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.indicatorId()).isEqualTo("indicator--a");
            assertThat(x.objects()).containsExactly(hit);
        });
        assertThat(index.remove("indicator--a")).isTrue();
        assertThat(index.match(List.of(hit), T0)).isEmpty();
        assertThat(index.remove("indicator--a")).isFalse();
    }

    @Test
    void sequences_completeAcrossEvents_withinTheirWindow() {
        IndicatorIndex index = new IndicatorIndex();
        index.add(
                "indicator--seq",
                Pattern.parse("([domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.9'])"
                        + " WITHIN 60 SECONDS"));
        StixProperties dns = StixProperties.builder()
                .put("type", "domain-name")
                .put("value", "evil.example")
                .build();
        StixProperties ip = StixProperties.builder()
                .put("type", "ipv4-addr")
                .put("value", "198.51.100.9")
                .build();
        assertThat(index.match(List.of(ip), T0))
                .as("the right side first does not count")
                .isEmpty();
        assertThat(index.match(List.of(dns), T0.plusSeconds(10))).isEmpty();
        assertThat(index.match(List.of(ip), T0.plusSeconds(100)))
                .as("outside 60 s")
                .isEmpty();
        assertThat(index.match(List.of(dns), T0.plusSeconds(200))).isEmpty();
        List<IndicatorMatch> done = index.match(List.of(ip), T0.plusSeconds(230));
        assertThat(done)
                .singleElement()
                .satisfies(m -> assertThat(m.observations()).hasSize(2));
        assertThat(index.match(List.of(ip), T0.plusSeconds(231)))
                .as("reported once")
                .isEmpty();
    }

    @Test
    void sequenceState_isBounded() {
        IndicatorIndex index = new IndicatorIndex(java.time.Duration.ofMinutes(5), 8);
        index.add("indicator--r", Pattern.parse("[ipv4-addr:value = '198.51.100.9'] REPEATS 20 TIMES"));
        StixProperties ip = StixProperties.builder()
                .put("type", "ipv4-addr")
                .put("value", "198.51.100.9")
                .build();
        for (int i = 0; i < 100; i++) {
            assertThat(index.match(List.of(ip), T0.plusSeconds(i)))
                    .as("never more than 8 kept")
                    .isEmpty();
        }
        index.add("indicator--r3", Pattern.parse("[ipv4-addr:value = '198.51.100.9'] REPEATS 3 TIMES"));
        index.match(List.of(ip), T0.plusSeconds(200));
        index.match(List.of(ip), T0.plusSeconds(201));
        assertThat(index.match(List.of(ip), T0.plusSeconds(202)))
                .extracting(IndicatorMatch::indicatorId)
                .containsExactly("indicator--r3");
    }

    @Test
    void addAndRemoveWhileOtherThreadsMatch() throws Exception {
        IndicatorIndex index = new IndicatorIndex();
        index.add("indicator--stable", Pattern.parse("[ipv4-addr:value = '10.9.9.9']"));
        StixProperties ip = StixProperties.builder()
                .put("type", "ipv4-addr")
                .put("value", "10.9.9.9")
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        assertThat(index.match(List.of(ip), T0))
                                .extracting(IndicatorMatch::indicatorId)
                                .contains("indicator--stable");
                    }
                }));
            }
            work.add(pool.submit(() -> {
                Shapes shapes = new Shapes(7);
                for (int i = 0; i < 5_000; i++) {
                    index.add("indicator--" + i, Pattern.parse(shapes.pattern()));
                    if (i % 3 == 0) {
                        index.remove("indicator--" + (i / 2));
                    }
                }
            }));
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.size()).isGreaterThan(3000);
    }

    @Test
    void stixIndicators_byTheirSpecVersion_andBadOnesAreRejectedCleanly() {
        IndicatorIndex index = new IndicatorIndex();
        index.add(dev.threatkit.cti.stix.StixObject.of(StixProperties.builder()
                .put("type", "indicator")
                .put("spec_version", "2.1")
                .put("id", "indicator--1")
                .put("pattern_type", "stix")
                .put("pattern", "[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']")
                .build()));
        index.add(dev.threatkit.cti.stix.StixObject.of(StixProperties.builder()
                .put("type", "indicator")
                .put("id", "indicator--20")
                .put("pattern", "[file:name = 'a'] START '2024-01-01T00:00:00Z' STOP '2024-01-02T00:00:00Z'")
                .build()));
        assertThat(index.size()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> index.add(dev.threatkit.cti.stix.StixObject.of(StixProperties.builder()
                                .put("type", "indicator")
                                .put("id", "indicator--3")
                                .put("pattern_type", "sigma")
                                .put("pattern", "title: x")
                                .build())))
                .isInstanceOf(PatternException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> index.add(dev.threatkit.cti.stix.StixObject.of(StixProperties.builder()
                                .put("type", "indicator")
                                .put("spec_version", "2.1")
                                .put("id", "indicator--4")
                                .put("pattern_type", "stix")
                                .put("pattern", "[file:hashes.MD5 = 'f00']")
                                .build())))
                .isInstanceOf(PatternException.class);
        assertThat(index.size())
                .as("a rejected indicator leaves the index as it was")
                .isEqualTo(2);
    }

    @Test
    void hostileEvents_answerWithoutFailing() {
        IndicatorIndex index = new IndicatorIndex();
        index.add("indicator--t", Pattern.parse("[x:created > t'2024-01-01T00:00:00Z']"));
        index.add("indicator--ip", Pattern.parse("[ipv4-addr:value ISSUBSET '10.0.0.0/8']"));
        index.add("indicator--like", Pattern.parse("[url:value LIKE '%" + "a%".repeat(30) + "']"));
        List<StixProperties> event = new ArrayList<>();
        event.add(StixProperties.builder().put("value", "no type").build());
        event.add(StixProperties.builder()
                .put("type", "x")
                .put("created", "not a timestamp")
                .build());
        event.add(StixProperties.builder()
                .put("type", "ipv4-addr")
                .put("value", 42L)
                .build());
        event.add(StixProperties.builder()
                .put("type", "ipv4-addr")
                .put("value", "10.999.1.1")
                .build());
        event.add(StixProperties.builder()
                .put("type", "url")
                .put("value", "a".repeat(100_000))
                .build());
        for (int i = 0; i < 10_000; i++) {
            event.add(StixProperties.builder()
                    .put("type", "ipv4-addr")
                    .put("value", "192.0.2." + (i % 256))
                    .build());
        }
        event.add(StixProperties.builder()
                .put("type", "ipv4-addr")
                .put("value", "10.1.2.3")
                .build());
        List<IndicatorMatch> hits = index.match(event, T0);
        // the timestamp comparison cannot be evaluated on "not a timestamp": that indicator is skipped, not fatal
        assertThat(hits)
                .extracting(IndicatorMatch::indicatorId)
                .containsExactlyInAnyOrder("indicator--ip", "indicator--like");
    }

    private static java.util.Map<String, StixProperties> byId(List<StixProperties> objects) {
        java.util.Map<String, StixProperties> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            String id = objects.get(i).getString("id");
            m.put(id != null ? id : Integer.toString(i), objects.get(i));
        }
        return m;
    }
}
