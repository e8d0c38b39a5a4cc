package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.DeleteResult;
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
 * Deletes with cascade in batched calls: a store of 10,000 indicators, each with an observable, a
 * {@code based-on} and an {@code indicates} relationship, and 20 reports holding 500 indicators each. One
 * operation deletes all 10,000 indicators in calls of 1,000 ids: 20,000 relationships go with them and every
 * report is rewritten without them. Deletes/s = 10,000 / seconds per operation (the cascaded relationships
 * not counted).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class StoreDeleteBenchmark {
    static final int INDICATORS = 10_000;
    static final int BATCH = 1_000;

    @Param({"tinkergraph", "janusgraph"})
    public String backend;

    private Path data;
    private Cti cti;
    private List<String> ids;

    @Setup(Level.Iteration)
    public void setUp() {
        data = StoreBackends.tempDir("store-delete");
        cti = StoreBackends.open(data, backend);
        List<StixObject> objects = graph();
        cti.importObjects(objects.iterator(), "bench", Caller.ADMIN);
        ids = new ArrayList<>();
        for (int i = 0; i < INDICATORS; i++) {
            ids.add("indicator--" + StoreWorkload.uuid(910, i));
        }
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        cti.close();
        StoreBackends.delete(data);
    }

    @Benchmark
    public int deleteInBatches() {
        int deleted = 0;
        for (int i = 0; i < ids.size(); i += BATCH) {
            DeleteResult r = cti.delete(ids.subList(i, Math.min(ids.size(), i + BATCH)), Caller.ADMIN);
            if (r.cascaded() != 2 * BATCH) {
                throw new IllegalStateException("cascaded " + r.cascaded() + ", expected " + 2 * BATCH);
            }
            deleted += r.deleted();
        }
        return deleted;
    }

    private static List<StixObject> graph() {
        String t = "2024-01-01T00:00:00.000Z";
        String common = "\"created\":\"" + t + "\",\"modified\":\"" + t + "\"";
        List<StixObject> out = new ArrayList<>();
        out.add(StixJson.parseObject("{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--"
                + StoreWorkload.uuid(911, 0) + "\"," + common + ",\"name\":\"Target\",\"is_family\":true}"));
        for (int i = 0; i < INDICATORS; i++) {
            String ind = "indicator--" + StoreWorkload.uuid(910, i);
            String ip = "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256);
            String obs = "ipv4-addr--" + StoreWorkload.uuid(912, i);
            out.add(StixJson.parseObject("{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"" + obs
                    + "\",\"value\":\"" + ip + "\"}"));
            out.add(StixJson.parseObject("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + ind + "\","
                    + common + ",\"pattern\":\"[ipv4-addr:value = '" + ip + "']\",\"pattern_type\":\"stix\","
                    + "\"valid_from\":\"" + t + "\"}"));
            out.add(rel(913, i, "based-on", ind, obs, common));
            out.add(rel(914, i, "indicates", ind, "malware--" + StoreWorkload.uuid(911, 0), common));
        }
        for (int r = 0; r < 20; r++) {
            StringBuilder refs = new StringBuilder();
            for (int k = 0; k < 500; k++) {
                refs.append(k == 0 ? "" : ",")
                        .append("\"indicator--")
                        .append(StoreWorkload.uuid(910, r * 500 + k))
                        .append('"');
            }
            out.add(StixJson.parseObject("{\"type\":\"report\",\"spec_version\":\"2.1\",\"id\":\"report--"
                    + StoreWorkload.uuid(915, r) + "\"," + common + ",\"name\":\"R" + r + "\",\"published\":\"" + t
                    + "\",\"object_refs\":[" + refs + "]}"));
        }
        return out;
    }

    private static StixObject rel(int kind, int i, String type, String from, String to, String common) {
        return StixJson.parseObject("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--"
                + StoreWorkload.uuid(kind, i) + "\"," + common + ",\"relationship_type\":\"" + type
                + "\",\"source_ref\":\"" + from + "\",\"target_ref\":\"" + to + "\"}");
    }
}
