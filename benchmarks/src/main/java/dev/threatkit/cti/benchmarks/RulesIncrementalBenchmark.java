package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.DeleteResult;
import dev.threatkit.cti.graph.ImportReport;
import dev.threatkit.cti.graph.RuleInfo;
import dev.threatkit.cti.internal.reasoning.Derived;
import dev.threatkit.cti.internal.reasoning.Premise;
import dev.threatkit.cti.internal.reasoning.Reasoner;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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
 * Issue #6: incremental inference per new relationship, p99 at most 1 ms excluding the journal's fsync, with all 24
 * rules enabled on MITRE ATT&amp;CK Enterprise 18.1; sampled per call (p50/p99 in the JSON).
 *
 * <p>Each operation adds (or removes) one {@code uses} relationship from a {@code source} (a campaign attributed to
 * an intrusion set, or an intrusion set) to a sub-technique it does not use yet, cycling through 256 seeded pairs.
 * For a campaign it derives the campaign's use of the parent technique ({@code parent_technique_use}), the group's
 * use of the sub-technique ({@code attribution_use}) and of the parent (both rules); for an intrusion set, its use
 * of the parent.
 *
 * <ul>
 *   <li>{@link #derive} / {@link #retract}: the reasoning step alone, on a bare {@link Reasoner} holding ATT&amp;CK's
 *       premises (read from an imported store) with every rule enabled: {@code assertExplicit} (or
 *       {@code retractExplicit}, delete and re-derive), then {@code takeDirty} and the attributes of every changed
 *       fact, as the store's write path asks for them. No journal, no graph, no JSON: the store's public API forces
 *       an fsync per write, so the reasoner is measured directly. The inverse change runs outside the timing.
 *   <li>{@link #recomputeAfterChange} (baseline): the same change answered by recomputing everything, a new
 *       reasoner over the premises plus the new relationship with every rule enabled.
 *   <li>{@link #importOne} / {@link #deleteOne} (for information): end to end through the public API,
 *       {@code importObjects} of the relationship or {@code delete} of it, on a store with all rules enabled
 *       ({@code rules=all}) or none ({@code rules=none}), its data directory on disk ({@code storage=disk}: each
 *       write forced, the journal's fsync included) or in {@code /dev/shm} ({@code storage=tmpfs}: fsync costs next
 *       to nothing, so this is the whole write path without it).
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RulesIncrementalBenchmark {
    static final int CASES = 256;
    static final String T = "2025-01-01T00:00:00.000Z";

    /** One new relationship: {@code from uses to}. */
    record Case(String from, String to) {}

    /**
     * Pairs (source, sub-technique) where the source does not use the sub-technique yet: sources are campaigns with
     * an {@code attributed-to} premise, or intrusion sets; sub-techniques have a {@code subtechnique-of} premise.
     * Neither end revoked nor deprecated. Seeded.
     */
    static List<Case> cases(RuleWorkload.Facts facts, String source, int n) {
        Set<String> uses = new HashSet<>();
        Set<String> attributed = new HashSet<>();
        Set<String> subs = new HashSet<>();
        for (Premise p : facts.premises) {
            switch (p.type) {
                case "uses":
                    uses.add(p.from + '|' + p.to);
                    break;
                case "attributed-to":
                    attributed.add(p.from);
                    break;
                case "subtechnique-of":
                    subs.add(p.from);
                    break;
                default:
                    break;
            }
        }
        List<String> sources = new ArrayList<>();
        for (Map.Entry<String, StixObject> e : facts.objects.entrySet()) {
            String id = e.getKey();
            if (!e.getValue().type().equals(source) || facts.retired(id)) {
                continue;
            }
            if (source.equals("campaign") && !attributed.contains(id)) {
                continue;
            }
            sources.add(id);
        }
        List<String> targets = new ArrayList<>();
        for (String s : subs) {
            if (!facts.retired(s) && facts.objects.containsKey(s)) {
                targets.add(s);
            }
        }
        sources.sort(Comparator.naturalOrder());
        targets.sort(Comparator.naturalOrder());
        if (sources.isEmpty() || targets.isEmpty()) {
            throw new IllegalStateException("no " + source + " or sub-technique to relate");
        }
        SplittableRandom random = new SplittableRandom(6);
        Set<String> taken = new HashSet<>();
        List<Case> out = new ArrayList<>();
        while (out.size() < n) {
            String from = sources.get(random.nextInt(sources.size()));
            String to = targets.get(random.nextInt(targets.size()));
            if (!uses.contains(from + '|' + to) && taken.add(from + '|' + to)) {
                out.add(new Case(from, to));
            }
        }
        return out;
    }

    /** The premise of relationship {@code uid} for a case, as the store would make it (no confidence or markings). */
    static Premise premise(String uid, Case c) {
        return new Premise(uid, uid, "uses", c.from, c.to, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0, null, null);
    }

    // ------------------------------------------------------------------ the reasoning step alone

    /** ATT&CK imported into a throwaway store, read back as premises; once per trial. */
    @State(Scope.Benchmark)
    public static class Attack {
        @Param({"campaign", "intrusion-set"})
        public String source;

        RuleWorkload.Facts facts;
        List<Case> cases;

        @Setup(Level.Trial)
        public void setUp() {
            Path dir = StoreBackends.tempDir("rules-attack");
            try (Cti cti = StoreBackends.open(dir, "tinkergraph")) {
                RuleWorkload.importAll(cti, RuleWorkload.files(false));
                facts = new RuleWorkload.Facts(cti);
            } finally {
                StoreBackends.delete(dir);
            }
            cases = cases(facts, source, CASES);
        }
    }

    /** A reasoner with every rule enabled over ATT&CK; the next case; facts changed per operation. */
    @State(Scope.Benchmark)
    public static class Live {
        Reasoner reasoner;
        List<Case> cases;
        int next;
        Case current;
        String uid;
        long ops;
        long changed;

        @Setup(Level.Trial)
        public void setUp(Attack attack) {
            long t = System.nanoTime();
            reasoner = RuleWorkload.enableAll(attack.facts.reasoner());
            cases = attack.cases;
            System.out.printf(
                    "%nreasoner: %d explicit premises, %d inferred facts standing, built in %d ms%n",
                    attack.facts.premises.size(), RuleWorkload.active(reasoner), (System.nanoTime() - t) / 1_000_000);
            uid = "relationship--bench-0";
            reasoner.assertExplicit(premise(uid, cases.get(0)));
            int derived = reasoner.takeDirty().size();
            reasoner.retractExplicit(uid);
            reasoner.takeDirty();
            if (derived == 0) {
                throw new IllegalStateException("the first case derives nothing: " + cases.get(0));
            }
        }

        void pick() {
            current = cases.get(next++ % cases.size());
            uid = "relationship--bench-" + next;
        }

        long changed(List<Derived> dirty) {
            ops++;
            changed += dirty.size();
            return RuleWorkload.attributes(reasoner, dirty);
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.printf(
                    "%n%.2f inferred facts changed per operation (%d operations)%n",
                    ops == 0 ? 0.0 : (double) changed / ops, ops);
        }
    }

    /** Picks the case before each {@link #derive}; removes it again after, untimed. */
    @State(Scope.Benchmark)
    public static class ToDerive {
        @Setup(Level.Invocation)
        public void pick(Live live) {
            live.pick();
        }

        @TearDown(Level.Invocation)
        public void undo(Live live) {
            live.reasoner.retractExplicit(live.uid);
            live.reasoner.takeDirty();
        }
    }

    /** Adds the case before each {@link #retract}, untimed. */
    @State(Scope.Benchmark)
    public static class ToRetract {
        @Setup(Level.Invocation)
        public void add(Live live) {
            live.pick();
            live.reasoner.assertExplicit(premise(live.uid, live.current));
            live.reasoner.takeDirty();
        }
    }

    @Benchmark
    public long derive(Live live, ToDerive step) {
        live.reasoner.assertExplicit(premise(live.uid, live.current));
        return live.changed(live.reasoner.takeDirty());
    }

    @Benchmark
    public long retract(Live live, ToRetract step) {
        live.reasoner.retractExplicit(live.uid);
        return live.changed(live.reasoner.takeDirty());
    }

    /** Baseline: everything derived again from scratch after the one new relationship. */
    @Benchmark
    public long recomputeAfterChange(Attack attack, Recompute state) {
        Case c = attack.cases.get(state.next++ % attack.cases.size());
        Reasoner r = attack.facts.reasoner();
        r.assertExplicit(premise("relationship--bench", c));
        RuleWorkload.enableAll(r);
        return RuleWorkload.active(r);
    }

    /** The baseline's case counter. */
    @State(Scope.Benchmark)
    public static class Recompute {
        int next;
    }

    // ------------------------------------------------------------------ end to end, for information

    /** ATT&CK in a store with all rules or none, on disk or in /dev/shm; once per trial. */
    @State(Scope.Benchmark)
    public static class Store {
        @Param({"all", "none"})
        public String rules;

        @Param({"disk", "tmpfs"})
        public String storage;

        Path data;
        Cti cti;
        List<Case> cases;
        int next;
        String id;
        long inferredBefore;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            data = storage.equals("tmpfs")
                    ? Files.createTempDirectory(Path.of("/dev/shm"), "rules-e2e")
                    : StoreBackends.tempDir("rules-e2e");
            cti = StoreBackends.open(data, "tinkergraph");
            RuleWorkload.importAll(cti, RuleWorkload.files(false));
            cases = cases(new RuleWorkload.Facts(cti), "campaign", CASES);
            if (rules.equals("all")) {
                long t = System.nanoTime();
                for (RuleInfo r : cti.rules()) {
                    cti.enableRule(r.id());
                }
                System.out.printf(
                        "%nall rules enabled in %d ms: %s%n", (System.nanoTime() - t) / 1_000_000, cti.inferredStats());
            }
            inferredBefore = inferred();
            importNext();
            long derived = inferred() - inferredBefore;
            deleteCurrent();
            if (rules.equals("all") && derived == 0) {
                throw new IllegalStateException("the first case derived nothing");
            }
            if (inferred() != inferredBefore) {
                throw new IllegalStateException("inferred objects left behind after the delete");
            }
        }

        long inferred() {
            return cti.inferredStats().values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
        }

        ImportReport importNext() {
            Case c = cases.get(next % cases.size());
            id = "relationship--" + StoreWorkload.uuid(960, next++);
            StixObject rel = StixJson.parseObject("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + id
                    + "\",\"created\":\"" + T + "\",\"modified\":\"" + T + "\",\"relationship_type\":\"uses\","
                    + "\"source_ref\":\"" + c.from + "\",\"target_ref\":\"" + c.to + "\"}");
            ImportReport r = cti.importObjects(List.of(rel).iterator(), "bench", Caller.ADMIN);
            if (r.created() != 1) {
                throw new IllegalStateException("not created: " + r);
            }
            return r;
        }

        DeleteResult deleteCurrent() {
            DeleteResult r = cti.delete(List.of(id), Caller.ADMIN);
            if (r.deleted() != 1) {
                throw new IllegalStateException("not deleted: " + r);
            }
            return r;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            cti.close();
            StoreBackends.delete(data);
        }
    }

    /** Deletes the relationship {@link #importOne} added, untimed. */
    @State(Scope.Benchmark)
    public static class AfterImport {
        @TearDown(Level.Invocation)
        public void undo(Store store) {
            store.deleteCurrent();
        }
    }

    /** Imports the relationship {@link #deleteOne} removes, untimed. */
    @State(Scope.Benchmark)
    public static class BeforeDelete {
        @Setup(Level.Invocation)
        public void add(Store store) {
            store.importNext();
        }
    }

    @Benchmark
    public ImportReport importOne(Store store, AfterImport undo) {
        return store.importNext();
    }

    @Benchmark
    public DeleteResult deleteOne(Store store, BeforeDelete setup) {
        return store.deleteCurrent();
    }
}
