package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.ImportReport;
import dev.threatkit.cti.store.Caller;
import java.io.IOException;
import java.nio.file.Path;
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
 * Imports into an empty store with the journal on (every batch forced to disk), on the embedded default and
 * on JanusGraph in memory, in the same run.
 *
 * <ul>
 *   <li>{@link #attackEnterprise}: MITRE ATT&amp;CK Enterprise 18.1, 24,771 objects, from its .json.gz.
 *   <li>{@link #synthetic200k}: the {@link StoreWorkload} bundle of 200,000 objects (written once per fork,
 *       plain JSON, 99 MB). Objects/s = 200,001 / seconds per operation.
 * </ul>
 *
 * One operation is one whole import (open store, import, close), measured as a single shot per iteration.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class StoreImportBenchmark {
    @Param({"tinkergraph", "janusgraph"})
    public String backend;

    private Path attack;
    private Path synthetic;
    private Path data;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        attack = DataFiles.locate(DataFiles.ATTACK_ENTERPRISE_18_1);
        Path dir = StoreBackends.tempDir("store-bench-input");
        synthetic = dir.resolve("synthetic-200k.json");
        StoreWorkload.write(synthetic, 200_000, 42);
    }

    @Setup(Level.Invocation)
    public void freshStore() {
        data = StoreBackends.tempDir("store-bench");
    }

    @TearDown(Level.Invocation)
    public void dropStore() {
        StoreBackends.delete(data);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        StoreBackends.delete(synthetic.getParent());
    }

    @Benchmark
    public long attackEnterprise() {
        return run(attack, DataFiles.ATTACK_ENTERPRISE_18_1_OBJECTS);
    }

    @Benchmark
    public long synthetic200k() {
        return run(synthetic, 200_001);
    }

    private long run(Path file, int expected) {
        try (Cti cti = StoreBackends.open(data, backend)) {
            ImportReport r = cti.importFiles(List.of(file), Caller.ADMIN);
            if (r.created() != expected) {
                throw new IllegalStateException("created " + r.created() + " of " + expected + " objects: " + r);
            }
            return r.created();
        }
    }
}
