package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.benchmarks.SearchWorkload.Lookup;
import dev.threatkit.cti.benchmarks.SearchWorkload.Queries;
import dev.threatkit.cti.benchmarks.SearchWorkload.TextQuery;
import dev.threatkit.cti.search.LuceneSearchIndex;
import dev.threatkit.cti.search.SearchHit;
import dev.threatkit.cti.search.SearchPage;
import dev.threatkit.cti.search.SearchRequest;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.tinkerpop.gremlin.structure.Vertex;
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
 * Search latency in process over {@code objects} (default one million) {@link SearchWorkload} objects, sampled per
 * call so JMH reports percentiles (issue #5: text p50 at most 1 ms and p99 at most 15 ms for one or two terms plus
 * a type and a marking filter; exact id or IOC value lookup p99 at most 1 ms). Every call asks the next of the
 * workload's pre-drawn questions, in turn, as {@link SearchWorkload#CALLER} (TLP:GREEN and TLP:AMBER only).
 *
 * <ul>
 *   <li>{@link #textOneTerm}, {@link #textTwoTerms}: {@code search(SearchRequest.text(terms).types(type).build(),
 *       caller)}, a page of 20 with the total count, ranked;
 *   <li>{@link #lookupIp}, {@link #lookupDomain}, {@link #lookupHash} (SHA-256), {@link #lookupId} (STIX id):
 *       {@code lookup(value, caller, 10)}.
 * </ul>
 *
 * <p>Engines, one per fork: {@code lucene} is the {@link LuceneSearchIndex}, on disk, as the product opens it for
 * writing (idle). Building it for a million objects takes minutes, so it is built once, by feeding the objects as
 * CREATE events, into {@code <cache>/cti-bench-search-<objects>-<seed>-w<workload version>} (cache: the
 * environment variable {@code CTI_BENCH_CACHE}, which forks inherit, or the system property {@code cti.bench.cache}
 * given to the fork, else the temporary folder) and reused by later forks and runs when its commit
 * says it applied exactly {@code objects} events and it holds that many documents; else it is rebuilt. Delete the
 * folder to force a rebuild. {@code tinkergraph} and {@code tinkergraph-indexed} are the baseline: the same
 * objects in a TinkerGraph in memory, built per fork, asked the same questions through Gremlin text predicates
 * and {@code has} steps, without and with TinkerGraph's index on the looked-up keys ({@link GremlinBaseline}
 * gives the traversals exactly). The text questions do not differ between the two TinkerGraph engines.
 *
 * <p>Every fork's setup checks its engine: every lookup must find its id (on unindexed TinkerGraph, the first 25
 * of each kind), every text question must have a hit, and a question with at most 20 hits must list the object it
 * was drawn from (on TinkerGraph, the first 25 of each kind).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class SearchQueryBenchmark {
    private static final Instant T = Instant.parse("2024-05-01T12:00:00Z");
    private static final int CHECKED_ON_SCANS = 25;

    @Param("1000000")
    public int objects;

    @Param({"lucene", "tinkergraph", "tinkergraph-indexed"})
    public String engine;

    private Queries queries;
    private SearchRequest[] oneTerm;
    private SearchRequest[] twoTerms;
    private LuceneSearchIndex index;
    private GremlinBaseline gremlin;
    private int nextOne;
    private int nextTwo;
    private int nextIp;
    private int nextDomain;
    private int nextHash;
    private int nextId;

    @Setup(Level.Trial)
    public void setUp() {
        SearchWorkload.Sampler sampler = new SearchWorkload.Sampler(SearchWorkload.SEED);
        switch (engine) {
            case "lucene":
                index = openOrBuild(sampler);
                break;
            case "tinkergraph":
            case "tinkergraph-indexed":
                gremlin = new GremlinBaseline(engine.endsWith("indexed"), SearchWorkload.CALLER.allowedMarkings());
                firstObjects(o -> {
                    sampler.accept(o);
                    gremlin.add(o);
                });
                if (gremlin.vertexCount() != objects) {
                    throw new IllegalStateException(
                            "TinkerGraph holds " + gremlin.vertexCount() + " of " + objects + " vertices");
                }
                break;
            default:
                throw new IllegalArgumentException(
                        "unknown engine " + engine + "; use lucene, tinkergraph or tinkergraph-indexed");
        }
        queries = sampler.queries();
        oneTerm = requests(queries.oneTerm());
        twoTerms = requests(queries.twoTerms());
        System.out.println("\n" + engine + ": " + objects + " objects; " + queries);
        if (index != null) {
            checkLucene();
        } else {
            checkGremlin();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (index != null) {
            index.close();
        }
        if (gremlin != null) {
            gremlin.close();
        }
    }

    @Benchmark
    public Object textOneTerm() {
        int i = nextOne++ % oneTerm.length;
        return index != null
                ? index.search(oneTerm[i], SearchWorkload.CALLER)
                : gremlin.text(queries.oneTerm().get(i));
    }

    @Benchmark
    public Object textTwoTerms() {
        int i = nextTwo++ % twoTerms.length;
        return index != null
                ? index.search(twoTerms[i], SearchWorkload.CALLER)
                : gremlin.text(queries.twoTerms().get(i));
    }

    @Benchmark
    public Object lookupIp() {
        Lookup l = queries.ips().get(nextIp++ % queries.ips().size());
        return index != null ? lucene(l) : gremlin.lookup(GremlinBaseline.VALUE, l.value());
    }

    @Benchmark
    public Object lookupDomain() {
        Lookup l = queries.domains().get(nextDomain++ % queries.domains().size());
        return index != null ? lucene(l) : gremlin.lookup(GremlinBaseline.VALUE, l.value());
    }

    @Benchmark
    public Object lookupHash() {
        Lookup l = queries.hashes().get(nextHash++ % queries.hashes().size());
        return index != null ? lucene(l) : gremlin.lookup(GremlinBaseline.SHA256, l.value());
    }

    @Benchmark
    public Object lookupId() {
        Lookup l = queries.ids().get(nextId++ % queries.ids().size());
        return index != null ? lucene(l) : gremlin.byId(l.value());
    }

    private List<SearchHit> lucene(Lookup l) {
        return index.lookup(l.value(), SearchWorkload.CALLER, 10);
    }

    /** The folder the index of {@code objects} objects of {@code seed} is kept in between forks and runs. */
    static Path cacheDir(int objects, long seed) {
        String base = System.getProperty("cti.bench.cache", System.getenv("CTI_BENCH_CACHE"));
        if (base == null || base.isBlank()) {
            base = System.getProperty("java.io.tmpdir");
        }
        return Path.of(base, "cti-bench-search-" + objects + "-" + seed + "-w" + SearchWorkload.VERSION);
    }

    private LuceneSearchIndex openOrBuild(SearchWorkload.Sampler sampler) {
        Path dir = cacheDir(objects, SearchWorkload.SEED);
        LuceneSearchIndex opened = LuceneSearchIndex.open(dir);
        if (opened.appliedThrough() == objects && opened.size() == objects) {
            System.out.println("\nreusing the index in " + dir);
            firstObjects(sampler);
            return opened;
        }
        System.out.println("\nbuilding the index in " + dir + " (it held " + opened.size() + " documents through event "
                + opened.appliedThrough() + ")");
        opened.close();
        StoreBackends.delete(dir);
        long start = System.nanoTime();
        LuceneSearchIndex building = LuceneSearchIndex.open(dir);
        long[] id = {0};
        firstObjects(o -> {
            sampler.accept(o);
            building.onEvent(
                    new ChangeEvent(++id[0], ChangeKind.CREATE, T, "bench", o.id(), o, null, null, List.of(), false));
        });
        building.awaitSearchable(objects);
        building.close(); // commits, recording the last event applied
        System.out.printf(Locale.ROOT, "built in %.1f s%n", (System.nanoTime() - start) / 1e9);
        LuceneSearchIndex reopened = LuceneSearchIndex.open(dir);
        if (reopened.appliedThrough() != objects || reopened.size() != objects) {
            throw new IllegalStateException("the index in " + dir + " holds " + reopened.size()
                    + " documents through event " + reopened.appliedThrough() + " after building " + objects);
        }
        return reopened;
    }

    /** The first {@code objects} objects of the workload (it ends its last unit a few over). */
    private void firstObjects(Consumer<StixObject> action) {
        int[] seen = {0};
        int made = SearchWorkload.forEach(objects, SearchWorkload.SEED, o -> {
            if (seen[0]++ < objects) {
                action.accept(o);
            }
        });
        if (made < objects) {
            throw new IllegalStateException("the workload made " + made + " objects, asked for " + objects);
        }
    }

    private static SearchRequest[] requests(List<TextQuery> qs) {
        SearchRequest[] out = new SearchRequest[qs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] =
                    SearchRequest.text(qs.get(i).text()).types(qs.get(i).type()).build();
        }
        return out;
    }

    private void checkLucene() {
        for (String kind : List.of("one-term", "two-term")) {
            List<TextQuery> qs = kind.equals("one-term") ? queries.oneTerm() : queries.twoTerms();
            SearchRequest[] rs = kind.equals("one-term") ? oneTerm : twoTerms;
            long[] totals = new long[qs.size()];
            for (int i = 0; i < qs.size(); i++) {
                TextQuery q = qs.get(i);
                SearchPage page = index.search(rs[i], SearchWorkload.CALLER);
                totals[i] = page.total();
                if (page.hits().isEmpty()) {
                    throw new IllegalStateException("no hit for " + q);
                }
                if (page.total() <= 20 && page.hits().stream().noneMatch(h -> h.id().equals(q.sourceId()))) {
                    throw new IllegalStateException(q + " did not find its source: " + page.hits());
                }
            }
            Arrays.sort(totals);
            System.out.printf(
                    Locale.ROOT,
                    "%s text questions: hits per question min %d, median %d, p90 %d, max %d%n",
                    kind,
                    totals[0],
                    totals[totals.length / 2],
                    totals[totals.length * 9 / 10],
                    totals[totals.length - 1]);
        }
        for (List<Lookup> ls : List.of(queries.ips(), queries.domains(), queries.hashes(), queries.ids())) {
            for (Lookup l : ls) {
                List<SearchHit> hits = lucene(l);
                if (!found(hits, l.expectedId())) {
                    throw new IllegalStateException(
                            "looking up " + l.value() + " found " + hits + ", not " + l.expectedId());
                }
            }
        }
    }

    private static boolean found(List<SearchHit> hits, String id) {
        return hits.stream().anyMatch(h -> h.id().equals(id));
    }

    private void checkGremlin() {
        boolean indexed = engine.endsWith("indexed");
        for (List<TextQuery> qs : List.of(queries.oneTerm(), queries.twoTerms())) {
            for (TextQuery q : qs.subList(0, Math.min(CHECKED_ON_SCANS, qs.size()))) {
                List<Vertex> found = gremlin.text(q);
                if (found.isEmpty() || (found.size() < 20 && !GremlinBaseline.holds(found, q.sourceId()))) {
                    throw new IllegalStateException(q + " found " + found.size() + " vertices, not its source");
                }
            }
        }
        List<List<Lookup>> kinds = List.of(queries.ips(), queries.domains(), queries.hashes(), queries.ids());
        for (int k = 0; k < kinds.size(); k++) {
            List<Lookup> ls = kinds.get(k);
            List<Lookup> checked = indexed || k == 3 ? ls : ls.subList(0, Math.min(CHECKED_ON_SCANS, ls.size()));
            for (Lookup l : checked) {
                List<Vertex> found = k == 3
                        ? gremlin.byId(l.value())
                        : gremlin.lookup(k == 2 ? GremlinBaseline.SHA256 : GremlinBaseline.VALUE, l.value());
                if (!GremlinBaseline.holds(found, l.expectedId())) {
                    throw new IllegalStateException(
                            "looking up " + l.value() + " found " + found + ", not " + l.expectedId());
                }
            }
        }
        System.out.println("checked the first " + CHECKED_ON_SCANS + " text questions of each kind and "
                + (indexed
                        ? "every lookup"
                        : "the first " + CHECKED_ON_SCANS + " value lookups of each kind, every id"));
    }
}
