package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.pattern.IndicatorIndex;
import dev.threatkit.cti.pattern.IndicatorMatch;
import dev.threatkit.cti.pattern.ObservedData;
import dev.threatkit.cti.pattern.Pattern;
import dev.threatkit.cti.pattern.PatternMatcher;
import dev.threatkit.cti.stix.StixProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One event (2 to 6 observables) against 100,000 single-observation indicators ({@link IndicatorWorkload}): the
 * {@link IndicatorIndex}, and the baseline of evaluating every pattern in turn with {@link PatternMatcher}, in one
 * run. Throughput in events per second on one thread. The sequence matcher is measured apart, in {@link
 * #sequences}: 10,000 FOLLOWEDBY ... WITHIN indicators fed the same events.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar IndicatorIndexBenchmark -rf json -rff /tmp/jmh-index.json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 3,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class IndicatorIndexBenchmark {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Param("100000")
    int indicators;

    private IndicatorWorkload workload;
    private IndicatorIndex index;
    private IndicatorIndex sequenceIndex;
    private List<Pattern> patterns;
    private List<ObservedData> eventData;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new IndicatorWorkload(2026_11_27L, indicators, 20_000, 0.0025);
        index = new IndicatorIndex();
        patterns = new ArrayList<>(indicators);
        for (int i = 0; i < workload.patterns.size(); i++) {
            Pattern p = Pattern.parse(workload.patterns.get(i));
            patterns.add(p);
            index.add("indicator--" + i, p);
        }
        eventData = new ArrayList<>();
        int hitEvents = 0;
        for (List<StixProperties> e : workload.events) {
            eventData.add(new ObservedData(null, T0, T0, 1, byId(e)));
            if (!index.match(e, T0).isEmpty()) {
                hitEvents++;
            }
        }
        sequenceIndex = new IndicatorIndex();
        for (int i = 0; i < 10_000; i++) {
            Pattern single = patterns.get(i);
            String inner = single.toString();
            String other = patterns.get(i + 10_000).toString();
            sequenceIndex.add(
                    "indicator--seq-" + i,
                    Pattern.parse("(" + inner + " FOLLOWEDBY " + other + ") WITHIN 300 SECONDS"));
        }
        System.out.printf(
                "%n%,d indicators, %,d events, %.2f%% of events hit at least one indicator%n",
                patterns.size(), eventData.size(), 100.0 * hitEvents / eventData.size());
    }

    private static Map<String, StixProperties> byId(List<StixProperties> objects) {
        Map<String, StixProperties> m = new LinkedHashMap<>();
        for (StixProperties o : objects) {
            m.put(o.getString("id"), o);
        }
        return m;
    }

    private int nextEvent() {
        int i = next;
        next = i + 1 == workload.events.size() ? 0 : i + 1;
        return i;
    }

    /** The index: candidates by lookup, then full evaluation of the candidates only. */
    @Benchmark
    public List<IndicatorMatch> index() {
        return index.match(workload.events.get(nextEvent()), T0);
    }

    /** Baseline: every pattern evaluated against the event. */
    @Benchmark
    public int evaluateEveryPattern(Blackhole bh) {
        List<ObservedData> event = List.of(eventData.get(nextEvent()));
        int hits = 0;
        for (Pattern p : patterns) {
            if (PatternMatcher.match(p, event).matched()) {
                hits++;
            }
        }
        return hits;
    }

    /** The sequence matcher: events spaced one second apart against 10,000 two-step indicators. */
    @Benchmark
    public List<IndicatorMatch> sequences() {
        int i = nextEvent();
        return sequenceIndex.match(workload.events.get(i), T0.plusSeconds(i));
    }
}
