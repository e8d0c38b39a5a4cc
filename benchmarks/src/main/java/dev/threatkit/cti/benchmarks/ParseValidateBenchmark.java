package dev.threatkit.cti.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.validation.FileValidator;
import dev.threatkit.cti.validation.StixValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse + validate of MITRE ATT&amp;CK Enterprise 18.1 (STIX 2.1, one bundle of 24,771 objects, 45,964,614 bytes
 * unpacked) against two Jackson baselines, all reading the same bytes in the same run.
 *
 * <p>One operation is one full pass over the bundle, streamed object by object from a
 * {@link ByteArrayInputStream} over the same in-memory {@code byte[]} (gunzipped once per fork in setup, so
 * decompression is not measured). Nothing holds the whole bundle as one tree.
 *
 * <ul>
 *   <li>{@link #ctiParseValidate}: {@link FileValidator} (parse, STIX 2.1 validation of every object, and the
 *       cross-object reference check), the product path.
 *   <li>{@link #ctiParseOnly}: {@link StixReader} alone, to split parse from validation cost.
 *   <li>{@link #jacksonTreePerObject} (baseline 1): Jackson streaming to {@code objects}, then one
 *       {@link JsonNode} per object.
 *   <li>{@link #jacksonMapPerObject} (baseline 2): the same streaming, then data binding of each object into
 *       a generic {@link Map}.
 * </ul>
 *
 * <p>Score is milliseconds per bundle pass; MB/s = bytes / time and objects/s = 24,771 / time are derived in
 * {@code benchmarks/RESULTS.md}. Run from the repository root, after
 * {@code ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests}:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ParseValidateBenchmark -prof gc -rf json -rff /tmp/jmh.json
 * </pre>
 *
 * <p>The dataset is found through {@link DataFiles} ({@code -Dcti.shared=...} or {@code ../shared}).
 *
 * <p>Why 20 measured iterations of 1 s per fork rather than 5 of 2 s: on a shared VM the memory system changes
 * speed in blocks of a few seconds (a pass takes 60 or 100 ms depending on the block, while a loop that touches no
 * memory keeps its time). More, shorter samples spread each benchmark over more of those blocks, so its mean and
 * its confidence interval depend less on which blocks its forks happened to meet.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 5,
        jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 20, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ParseValidateBenchmark {
    private static final String SOURCE = "enterprise-attack-18.1.stix21.json";

    /** The unpacked bundle; every benchmark reads exactly these bytes. */
    private byte[] bundle;

    private FileValidator fileValidator;
    private ObjectMapper mapper;
    private ObjectReader mapReader;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        Path gz = DataFiles.locate(DataFiles.ATTACK_ENTERPRISE_18_1);
        bundle = DataFiles.gunzip(gz);
        fileValidator = new FileValidator(StixValidator.builtIn());
        mapper = new ObjectMapper();
        mapReader = mapper.readerFor(Map.class);
        System.out.printf("%n%s: %,d bytes unpacked from %s%n", params.getBenchmark(), bundle.length, gz);
        check(params.getBenchmark());
    }

    /**
     * Checks, once per fork and only on the path that fork measures (so no other code path shapes the JIT
     * profile), that the whole bundle is read.
     */
    private void check(String benchmark) throws IOException {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        int expected = DataFiles.ATTACK_ENTERPRISE_18_1_OBJECTS;
        switch (method) {
            case "ctiParseValidate": {
                FileValidator.Report report = fileValidator.validate(input(), SOURCE);
                if (report.failure() != null) {
                    throw new IllegalStateException("the bundle did not read to its end", report.failure());
                }
                require(report.objects(), expected, method);
                System.out.printf(
                        "FileValidator: %,d objects, %,d errors, %,d warnings%n",
                        report.objects(),
                        report.errors().size(),
                        report.warnings().size());
                break;
            }
            case "ctiParseOnly":
                require(ctiParseOnly(new Blackhole(BLACKHOLE_OK)), expected, method);
                break;
            case "jacksonTreePerObject":
                require(jacksonTreePerObject(new Blackhole(BLACKHOLE_OK)), expected, method);
                break;
            case "jacksonMapPerObject":
                require(jacksonMapPerObject(new Blackhole(BLACKHOLE_OK)), expected, method);
                break;
            default:
                throw new IllegalStateException("no setup check for " + benchmark);
        }
    }

    /** JMH's guard phrase for creating a Blackhole outside a benchmark, for the setup checks only. */
    private static final String BLACKHOLE_OK =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

    private static void require(int objects, int expected, String method) {
        if (objects != expected) {
            throw new IllegalStateException(method + " read " + objects + " objects, expected " + expected);
        }
    }

    private InputStream input() {
        return new ByteArrayInputStream(bundle);
    }

    /** Parse + validate of the whole bundle: the product path. */
    @Benchmark
    public FileValidator.Report ctiParseValidate() {
        return fileValidator.validate(input(), SOURCE);
    }

    /** Parse only: every object of the bundle as a {@code StixObject}. Returns the object count. */
    @Benchmark
    public int ctiParseOnly(Blackhole bh) {
        int n = 0;
        try (StixReader reader = StixReader.open(input(), SOURCE)) {
            while (reader.hasNext()) {
                bh.consume(reader.next());
                n++;
            }
        }
        return n;
    }

    /** Baseline 1: Jackson streaming to {@code objects}, one {@link JsonNode} per object. */
    @Benchmark
    public int jacksonTreePerObject(Blackhole bh) throws IOException {
        int n = 0;
        try (JsonParser p = mapper.createParser(input())) {
            if (toObjects(p)) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode node = mapper.readTree(p);
                    bh.consume(node);
                    n++;
                }
            }
        }
        return n;
    }

    /** Baseline 2: Jackson streaming to {@code objects}, each object bound into a generic {@link Map}. */
    @Benchmark
    public int jacksonMapPerObject(Blackhole bh) throws IOException {
        int n = 0;
        try (JsonParser p = mapper.createParser(input())) {
            if (toObjects(p)) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    Map<?, ?> map = mapReader.readValue(p);
                    bh.consume(map);
                    n++;
                }
            }
        }
        return n;
    }

    /** Moves the parser into the bundle's {@code objects} array, skipping other members; false if none. */
    private static boolean toObjects(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("not a bundle");
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (name.equals("objects") && t == JsonToken.START_ARRAY) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }
}
