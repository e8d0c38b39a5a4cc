package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.Direction;
import dev.threatkit.cti.graph.Neighbor;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 1-hop neighbourhood of an entity with 1,000 relationships, sampled per call so JMH reports
 * percentiles (the target is p99): an intrusion set that {@code uses} 400 malware and 300 attack patterns and
 * {@code targets} 300 identities, each neighbour with an author, a marking and a second relationship of its
 * own, among 20,000 other objects. Every call lists all 1,000 neighbours, sorted, with names.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class StoreQueryBenchmark {
    static final String HUB = "intrusion-set--" + StoreWorkload.uuid(900, 0);

    @Param({"tinkergraph", "janusgraph"})
    public String backend;

    private Path data;
    private Cti cti;

    @Setup(Level.Trial)
    public void setUp() {
        data = StoreBackends.tempDir("store-query");
        cti = StoreBackends.open(data, backend);
        cti.importObjects(hubGraph(1_000, 20_000).iterator(), "bench", Caller.ADMIN);
        int n = cti.neighbors(HUB, null, Direction.BOTH, false, Caller.ADMIN)
                .orElseThrow()
                .size();
        if (n != 1_000) {
            throw new IllegalStateException("the hub has " + n + " neighbours, expected 1,000");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cti.close();
        StoreBackends.delete(data);
    }

    @Benchmark
    public List<Neighbor> oneHop() {
        return cti.neighbors(HUB, null, Direction.BOTH, false, Caller.ADMIN).orElseThrow();
    }

    /** A hub with {@code degree} relationships to distinct neighbours, plus {@code noise} unrelated objects. */
    static List<StixObject> hubGraph(int degree, int noise) {
        String t = "2024-01-01T00:00:00.000Z";
        String author = "identity--" + StoreWorkload.uuid(901, 0);
        String common = "\"created\":\"" + t + "\",\"modified\":\"" + t + "\",\"created_by_ref\":\"" + author
                + "\",\"object_marking_refs\":[\"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9\"]";
        List<StixObject> out = new ArrayList<>();
        out.add(StixJson.parseObject(
                "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"" + author + "\",\"created\":\"" + t
                        + "\",\"modified\":\"" + t + "\",\"name\":\"Author\",\"identity_class\":\"organization\"}"));
        out.add(StixJson.parseObject("{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"" + HUB + "\","
                + common + ",\"name\":\"Hub Group\"}"));
        for (int i = 0; i < degree; i++) {
            String type = i < degree * 4 / 10 ? "malware" : i < degree * 7 / 10 ? "attack-pattern" : "identity";
            String rel = type.equals("identity") ? "targets" : "uses";
            String id = type + "--" + StoreWorkload.uuid(902, i);
            String extra = type.equals("malware")
                    ? ",\"is_family\":true"
                    : type.equals("identity") ? ",\"identity_class\":\"organization\"" : "";
            out.add(StixJson.parseObject("{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                    + common + ",\"name\":\"N" + i + "\"" + extra + "}"));
            out.add(relationship(903, i, rel, HUB, id, common));
            out.add(relationship(904, i, "related-to", id, "identity--" + StoreWorkload.uuid(905, i % 50), common));
        }
        for (int i = 0; i < noise; i++) {
            out.add(StixJson.parseObject(
                    "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--" + StoreWorkload.uuid(906, i)
                            + "\"," + common + ",\"name\":\"Other " + i + "\",\"is_family\":true}"));
        }
        return out;
    }

    private static StixObject relationship(int kind, int i, String type, String from, String to, String common) {
        return StixJson.parseObject("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--"
                + StoreWorkload.uuid(kind, i) + "\"," + common + ",\"relationship_type\":\"" + type
                + "\",\"source_ref\":\"" + from + "\",\"target_ref\":\"" + to + "\"}");
    }
}
