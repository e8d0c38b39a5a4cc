package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.RuleChange;
import dev.threatkit.cti.graph.RuleInfo;
import dev.threatkit.cti.graph.RuleScope;
import dev.threatkit.cti.internal.reasoning.Derived;
import dev.threatkit.cti.internal.reasoning.Reasoner;
import dev.threatkit.cti.internal.reasoning.Rule;
import dev.threatkit.cti.internal.reasoning.RuleCatalog;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #6: enabling all 24 rules on a store holding MITRE ATT&amp;CK Enterprise 18.1 and the OpenCTI test bundles
 * ({@link RuleWorkload#OPENCTI_BUNDLES}; target at most 10 s), single shot, next to a full recomputation of the same
 * derivations in the same run.
 *
 * <ul>
 *   <li>{@link #enableAll}: a fresh copy of the imported store (copied and opened before the iteration, not timed);
 *       then {@code enableRule} for each rule in catalog order through the public API, as a user would: the
 *       premises are read from the store on the first call, every inferred relationship, sighting, incident and
 *       report reference is written as JSON through the journal and the graph, and each call ends with an fsync.
 *       The sum of {@link RuleChange#inferred()} must equal the baseline's count of standing inferred facts.
 *   <li>{@link #recomputeInMemory} (baseline): a new {@link Reasoner} over the same premises (read from the same
 *       store once per trial), every rule enabled, the attributes of every inferred fact computed; no journal, no
 *       graph, no JSON. It is the derivation work alone, from scratch: what {@link #enableAll} costs on top of it is
 *       the store's side (reading premises, writing inferred objects, fsyncs).
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class RulesEnableBenchmark {

    /** The imported store (closed, copied per iteration) and its premises; once per trial. */
    @State(Scope.Benchmark)
    public static class Template {
        Path dir;
        RuleWorkload.Facts facts;
        /** Inferred facts standing once every rule is enabled, by the bare reasoner. */
        long expected;

        @Setup(Level.Trial)
        public void setUp() {
            dir = StoreBackends.tempDir("rules-enable-template");
            try (Cti cti = StoreBackends.open(dir, "tinkergraph")) {
                RuleWorkload.importAll(cti, RuleWorkload.files(true));
                facts = new RuleWorkload.Facts(cti);
                System.out.println("\nstore: "
                        + cti.stats().values().stream()
                                .mapToInt(Integer::intValue)
                                .sum() + " objects, " + facts.premises.size() + " premises");
            }
            Reasoner r = RuleWorkload.enableAll(facts.reasoner());
            expected = RuleWorkload.active(r);
            System.out.println("bare reasoner, all rules: " + expected + " inferred facts standing, "
                    + r.all().size() + " held");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            StoreBackends.delete(dir);
        }
    }

    /** A fresh copy of the template store, open; once per iteration. */
    @State(Scope.Benchmark)
    public static class Store {
        Path data;
        Cti cti;
        long inferred;

        @Setup(Level.Iteration)
        public void open(Template template) {
            data = StoreBackends.tempDir("rules-enable");
            RuleWorkload.copyTree(template.dir, data);
            cti = StoreBackends.open(data, "tinkergraph");
            if (cti.rules().stream().anyMatch(RuleInfo::enabled)) {
                throw new IllegalStateException("the template has rules enabled");
            }
        }

        @TearDown(Level.Iteration)
        public void close(Template template) {
            long objects = cti.inferredStats().values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            cti.close();
            StoreBackends.delete(data);
            if (inferred != template.expected) {
                throw new IllegalStateException("the store inferred " + inferred + " facts (" + objects
                        + " objects), the bare reasoner " + template.expected);
            }
        }
    }

    @Benchmark
    public long enableAll(Store store) {
        long n = 0;
        for (RuleInfo rule : store.cti.rules()) {
            n += store.cti.enableRule(rule.id()).inferred();
        }
        store.inferred = n;
        return n;
    }

    @Benchmark
    public long recomputeInMemory(Template template) {
        Reasoner r = template.facts.reasoner();
        for (Rule rule : RuleCatalog.all()) {
            r.enable(rule, RuleScope.ALL);
        }
        List<Derived> dirty = r.takeDirty();
        long n = RuleWorkload.attributes(r, dirty);
        long active = RuleWorkload.active(r);
        if (active != template.expected) {
            throw new IllegalStateException("recomputed " + active + " facts, expected " + template.expected);
        }
        return n + active;
    }
}
