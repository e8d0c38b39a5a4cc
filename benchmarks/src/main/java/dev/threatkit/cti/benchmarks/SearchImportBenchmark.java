package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.ImportReport;
import dev.threatkit.cti.search.LuceneSearchIndex;
import dev.threatkit.cti.search.SearchHit;
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
 * {@code import} into graph and search together, journal on (issue #5: at least 20,000 objects/s on the
 * 200,000-object bundle of #4): an empty store ({@link StoreBackends}: the embedded default or JanusGraph in
 * memory) fed to a fresh on-disk {@link LuceneSearchIndex} in {@code <data>/search}, with read-your-writes, so
 * {@code importFiles} returns only once everything it stored is searchable; then {@code cti.awaitSearchable()}.
 * Next to it in the same run, {@code search=none}: the same import into the graph alone, as
 * {@link StoreImportBenchmark#synthetic200k} measures it.
 *
 * <p>The bundle is {@link StoreWorkload}'s 200,000-object bundle of #4, seed 42, 200,001 objects, 99 MB plain JSON
 * ({@code bundle=store4}; {@code objects} sets another size, for a smoke run); {@code bundle=described} is the same bundle with {@link SearchWorkload}'s descriptions,
 * more text to index. Written once per fork.
 *
 * <p>One operation is one whole import (open store and index, import, wait until searchable, close both: the
 * store's snapshot and the index's commit included), measured as a single shot per iteration; objects/s =
 * 200,001 / seconds per operation. Each operation checks the import's count, the index's document count, and that
 * an id and an IP address from the bundle are found.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class SearchImportBenchmark {
    /** The bundle's size as {@link StoreWorkload} is asked for it: #4's 200,000 (200,001 made). */
    @Param("200000")
    public int objects;

    @Param({"tinkergraph", "janusgraph"})
    public String backend;

    @Param({"lucene", "none"})
    public String search;

    @Param({"store4"})
    public String bundle;

    private Path file;
    private int expected;
    private Path data;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!search.equals("lucene") && !search.equals("none")) {
            throw new IllegalArgumentException("unknown search " + search + "; use lucene or none");
        }
        if (!bundle.equals("store4") && !bundle.equals("described")) {
            throw new IllegalArgumentException("unknown bundle " + bundle + "; use store4 or described");
        }
        file = StoreBackends.tempDir("search-import-input").resolve("synthetic-" + objects + "-" + bundle + ".json");
        expected = StoreWorkload.write(file, objects, SearchWorkload.SEED, bundle.equals("described"));
        if (expected < objects || (objects == 200_000 && expected != 200_001)) {
            throw new IllegalStateException("the bundle has " + expected + " objects, asked for " + objects);
        }
    }

    @Setup(Level.Invocation)
    public void freshStore() {
        data = StoreBackends.tempDir("search-import");
    }

    @TearDown(Level.Invocation)
    public void dropStore() {
        StoreBackends.delete(data);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        StoreBackends.delete(file.getParent());
    }

    @Benchmark
    public long synthetic200k() {
        if (search.equals("none")) {
            try (Cti cti = StoreBackends.open(data.resolve("store"), backend)) {
                return check(cti.importFiles(List.of(file), Caller.ADMIN));
            }
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(data.resolve("search"));
                Cti cti = StoreBackends.open(data.resolve("store"), backend, index)) {
            long created = check(cti.importFiles(List.of(file), Caller.ADMIN));
            cti.awaitSearchable();
            if (index.size() != created) {
                throw new IllegalStateException("the index holds " + index.size() + " of " + created + " objects");
            }
            expect(index, "indicator--" + StoreWorkload.uuid(6, 1_000)); // there from 4,500 objects on
            expect(index, "10.0.3.7"); // the IPv4 observable of unit 3 (and its indicator's pattern)
            return created;
        }
    }

    private long check(ImportReport r) {
        if (r.created() != expected) {
            throw new IllegalStateException("created " + r.created() + " of " + expected + " objects: " + r);
        }
        return r.created();
    }

    private static void expect(LuceneSearchIndex index, String value) {
        List<SearchHit> hits = index.lookup(value, Caller.ADMIN, 10);
        if (hits.isEmpty()) {
            throw new IllegalStateException("looking up " + value + " found nothing");
        }
    }
}
