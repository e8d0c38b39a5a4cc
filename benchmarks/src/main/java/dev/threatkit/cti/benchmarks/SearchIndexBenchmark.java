package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.search.LuceneSearchIndex;
import dev.threatkit.cti.search.SearchHit;
import dev.threatkit.cti.search.SearchRequest;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Indexing throughput (issue #5: at least 20,000 objects/s on one million synthetic objects): the
 * {@link SearchWorkload} objects, parsed once per fork in the setup (not timed), handed one by one as CREATE
 * change events to a fresh on-disk {@link LuceneSearchIndex} ({@code engine=lucene}), as the store hands them
 * over; the index applies them on its own thread, and the last object waits until everything is searchable
 * ({@code awaitSearchable(last)}). The index is committed and closed after the timing. Baseline in the same run
 * ({@code engine=tinkergraph}): the same objects added to an empty TinkerGraph as vertices with the properties
 * Gremlin text predicates would search ({@link GremlinBaseline}), properties extracted in the timed part too.
 *
 * <p>One invocation indexes all {@code objects} into a fresh index (opened before and checked, closed and deleted
 * after, none of it timed); JMH counts it as {@code objects} operations ({@code @OperationsPerInvocation}), so the
 * score in ops/s is objects/s. The annotation says 1,000,000, the default size; a run of another size must give
 * the same number to {@code -opi} (the setup fails otherwise):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SearchIndexBenchmark -p objects=20000 -opi 20000
 * </pre>
 *
 * Throughput mode with 1-second iterations: an iteration of a million objects is one invocation. Each invocation
 * also prints its own objects/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SearchIndexBenchmark.DEFAULT_OBJECTS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class SearchIndexBenchmark {
    static final int DEFAULT_OBJECTS = 1_000_000;
    private static final Instant T = Instant.parse("2024-05-01T12:00:00Z");

    @Param("" + DEFAULT_OBJECTS)
    public int objects;

    @Param({"lucene", "tinkergraph"})
    public String engine;

    private ChangeEvent[] events;
    private int next;
    private long nanos;
    private Path dir;
    private LuceneSearchIndex index;
    private GremlinBaseline graph;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        if (!engine.equals("lucene") && !engine.equals("tinkergraph")) {
            throw new IllegalArgumentException("unknown engine " + engine + "; use lucene or tinkergraph");
        }
        if (params.getOpsPerInvocation() != objects) {
            throw new IllegalArgumentException("operations per invocation (" + params.getOpsPerInvocation()
                    + ") must equal objects (" + objects + "), or the score is not objects/s: run with -opi "
                    + objects);
        }
        List<StixObject> data = SearchWorkload.objects(objects, SearchWorkload.SEED);
        if (data.size() < objects) {
            throw new IllegalStateException("the workload made " + data.size() + " objects, asked for " + objects);
        }
        events = new ChangeEvent[objects]; // the workload ends its last unit a few objects over: those are left out
        for (int i = 0; i < objects; i++) {
            StixObject o = data.get(i);
            events[i] = new ChangeEvent(i + 1, ChangeKind.CREATE, T, "bench", o.id(), o, null, null, List.of(), false);
        }
    }

    @Setup(Level.Invocation)
    public void fresh() {
        next = 0;
        if (engine.equals("lucene")) {
            dir = StoreBackends.tempDir("search-index-bench");
            index = LuceneSearchIndex.open(dir);
            if (index.appliedThrough() != 0 || index.size() != 0) {
                throw new IllegalStateException("the fresh index in " + dir + " is not empty");
            }
        } else {
            graph = new GremlinBaseline(false, SearchWorkload.CALLER.allowedMarkings());
        }
    }

    /** Hands every object over, then waits until all are searchable. */
    @Benchmark
    public int indexObjects() {
        long start = System.nanoTime();
        if (index != null) {
            for (ChangeEvent e : events) {
                index.onEvent(e);
                next++;
            }
            index.awaitSearchable(events[events.length - 1].id());
        } else {
            for (ChangeEvent e : events) {
                graph.add(e.object());
                next++;
            }
        }
        nanos = System.nanoTime() - start;
        return next;
    }

    @TearDown(Level.Invocation)
    public void check() {
        try {
            if (next != objects) {
                throw new IllegalStateException("the invocation indexed " + next + " of " + objects + " objects");
            }
            double seconds = nanos / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%n%s: %,d objects in %.2f s = %,.0f objects/s%n",
                    engine,
                    objects,
                    seconds,
                    objects / seconds);
            String probe = events[objects / 2].objectId();
            if (index != null) {
                if (index.size() != objects) {
                    throw new IllegalStateException("the index holds " + index.size() + " of " + objects + " objects");
                }
                List<SearchHit> hits = index.lookup(probe, Caller.ADMIN, 10);
                if (hits.isEmpty() || !hits.get(0).id().equals(probe)) {
                    throw new IllegalStateException("looking up " + probe + " found " + hits);
                }
                long malware = index.count(
                        SearchRequest.text("malware").types("malware").build(), Caller.ADMIN);
                if (malware < 1) {
                    throw new IllegalStateException("a text search for malware found nothing");
                }
            } else {
                if (graph.vertexCount() != objects) {
                    throw new IllegalStateException(
                            "TinkerGraph holds " + graph.vertexCount() + " of " + objects + " vertices");
                }
                if (!graph.contains(probe)) {
                    throw new IllegalStateException("TinkerGraph has no vertex " + probe);
                }
            }
        } finally {
            if (index != null) {
                index.close();
                index = null;
                StoreBackends.delete(dir);
            }
            if (graph != null) {
                graph.close();
                graph = null;
            }
        }
    }
}
