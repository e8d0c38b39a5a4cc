package dev.threatkit.cti.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threatkit.cti.pattern.MatchResult;
import dev.threatkit.cti.pattern.ObservedData;
import dev.threatkit.cti.pattern.Pattern;
import dev.threatkit.cti.pattern.PatternException;
import dev.threatkit.cti.pattern.PatternMatcher;
import dev.threatkit.cti.pattern.PatternVersion;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import java.io.IOException;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pattern parse rate over the 157 valid patterns of conformance/pattern-validation.json, and match rate over the
 * 773 match/nomatch cases of conformance/pattern-matching.json (patterns parsed beforehand), one per operation,
 * in turn. Throughput per second on one thread.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PatternBenchmark -rf json -rff /tmp/jmh-pattern.json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class PatternBenchmark {
    private final List<String> texts = new ArrayList<>();
    private final List<PatternVersion> textVersions = new ArrayList<>();
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<List<ObservedData>> observations = new ArrayList<>();
    private int nextText;
    private int nextMatch;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode validation = mapper.readTree(
                DataFiles.locate("data/conformance/pattern-validation.json").toFile());
        for (JsonNode c : validation.get("cases")) {
            if (c.get("valid").asBoolean()) {
                texts.add(c.get("pattern").asText());
                textVersions.add(PatternVersion.of(c.get("stix_version").asText()));
            }
        }
        JsonNode matching = mapper.readTree(
                DataFiles.locate("data/conformance/pattern-matching.json").toFile());
        for (JsonNode c : matching.get("cases")) {
            if (c.get("expected").asText().equals("error")) {
                continue;
            }
            PatternVersion version = PatternVersion.of(c.get("stix_version").asText());
            try {
                Pattern p = Pattern.parse(c.get("pattern").asText(), version);
                observations.add(observations(
                        matching.get("observation_sets")
                                .get(c.get("observations").asText()),
                        version,
                        mapper));
                patterns.add(p);
            } catch (PatternException conflicting) {
                // the two cases where the corpora disagree (see PatternMatchingConformanceTest)
            }
        }
        System.out.printf("%n%d patterns to parse, %d match cases%n", texts.size(), patterns.size());
    }

    private static List<ObservedData> observations(JsonNode set, PatternVersion version, ObjectMapper mapper) {
        List<StixObject> objects = new ArrayList<>();
        for (JsonNode node : set) {
            if (version == PatternVersion.V2_1
                    && node.has("objects")
                    && "bundle".equals(node.path("type").asText())) {
                node.get("objects").forEach(o -> objects.add(object(o, mapper)));
            } else {
                objects.add(object(node, mapper));
            }
        }
        return version == PatternVersion.V2_0 ? ObservedData.fromStix20(objects) : ObservedData.fromStix21(objects);
    }

    @SuppressWarnings("unchecked")
    private static StixObject object(JsonNode node, ObjectMapper mapper) {
        return StixObject.of(StixProperties.copyOf(mapper.convertValue(node, Map.class)));
    }

    /** One pattern parsed and checked (grammar, syntax tree, semantic rules). */
    @Benchmark
    public Pattern parse() {
        int i = nextText;
        nextText = i + 1 == texts.size() ? 0 : i + 1;
        return Pattern.parse(texts.get(i), textVersions.get(i));
    }

    /** One parsed pattern matched against its observation set. */
    @Benchmark
    public MatchResult match() {
        int i = nextMatch;
        nextMatch = i + 1 == patterns.size() ? 0 : i + 1;
        return PatternMatcher.match(patterns.get(i), observations.get(i));
    }
}
