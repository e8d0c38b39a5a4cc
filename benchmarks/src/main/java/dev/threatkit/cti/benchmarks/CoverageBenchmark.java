package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.attack.AttackAnalytics;
import dev.threatkit.cti.attack.Coverage;
import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.RuleInfo;
import dev.threatkit.cti.store.Caller;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * Issue #6: the ATT&amp;CK coverage of one group (target p99 at most 5 ms) on a store holding ATT&amp;CK Enterprise
 * 18.1 with every rule enabled (so about 7,000 inferred uses sit beside the stored ones and must be skipped).
 *
 * <ul>
 *   <li>{@link #coverage}: {@code AttackAnalytics.coverage} on one long-lived instance, as a server would hold it
 *       (its technique facts cached until the store changes);
 *   <li>{@link #coverageFreshInstance}: the same on a new instance per call, so every technique is decoded again:
 *       the first question after a write;
 *   <li>{@link #recomputeFromAllFacts} (baseline): the same derivations from scratch, as a tool without an indexed
 *       graph would: every stored relationship read, the uses, sub-technique and attribution maps built, the
 *       group's techniques, parents and attributed campaigns' techniques collected.
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class CoverageBenchmark {
    /** APT29 (160 techniques, attributed campaigns), APT28, Sandworm Team. */
    @Param({"G0016", "G0007", "G0034"})
    public String group;

    private Path dir;
    private Cti cti;
    private AttackAnalytics analytics;
    private String groupId;
    private int expected;

    @Setup(Level.Trial)
    public void setUp() {
        dir = StoreBackends.tempDir("coverage");
        cti = StoreBackends.open(dir, "tinkergraph");
        RuleWorkload.importAll(cti, RuleWorkload.files(false));
        for (RuleInfo rule : cti.rules()) {
            cti.enableRule(rule.id());
        }
        analytics = AttackAnalytics.of(cti);
        Coverage c = analytics.coverage(group, false, false, Caller.ADMIN).orElseThrow();
        groupId = c.id();
        expected = c.techniques().size();
        int recomputed = recomputeFromAllFacts();
        if (recomputed != expected) {
            throw new IllegalStateException(
                    group + ": coverage has " + expected + " techniques, the recomputation " + recomputed);
        }
        System.out.println("\n" + group + ": " + expected + " techniques; inferred " + cti.inferredStats());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cti.close();
        StoreBackends.delete(dir);
    }

    @Benchmark
    public int coverage() {
        return analytics
                .coverage(group, false, false, Caller.ADMIN)
                .orElseThrow()
                .techniques()
                .size();
    }

    @Benchmark
    public int coverageFreshInstance() {
        return AttackAnalytics.of(cti)
                .coverage(group, false, false, Caller.ADMIN)
                .orElseThrow()
                .techniques()
                .size();
    }

    @Benchmark
    public int recomputeFromAllFacts() {
        Map<String, Set<String>> uses = new HashMap<>();
        Map<String, String> parentOf = new HashMap<>();
        Map<String, Set<String>> attributedTo = new HashMap<>();
        Set<String> retired = new HashSet<>();
        Map<String, String> techniques = new TreeMap<>();
        cti.forEachObject(Caller.ADMIN, o -> {
            if (o.revoked() || Boolean.TRUE.equals(o.getBoolean("x_mitre_deprecated"))) {
                retired.add(o.id());
                return;
            }
            if (o.type().equals("attack-pattern")) {
                techniques.put(o.id(), o.externalId("mitre-attack"));
            }
            if (!o.type().equals("relationship") || o.has("x_threatkit_inference")) {
                return;
            }
            String from = o.getString("source_ref");
            String to = o.getString("target_ref");
            switch (o.getString("relationship_type")) {
                case "uses" -> uses.computeIfAbsent(from, k -> new HashSet<>()).add(to);
                case "subtechnique-of" -> parentOf.put(from, to);
                case "attributed-to" ->
                    attributedTo.computeIfAbsent(to, k -> new HashSet<>()).add(from);
                default -> {}
            }
        });
        Set<String> users = new HashSet<>(List.of(groupId));
        ArrayDeque<String> work = new ArrayDeque<>(users);
        while (!work.isEmpty()) {
            for (String a : attributedTo.getOrDefault(work.poll(), Set.of())) {
                if (!retired.contains(a) && users.add(a)) {
                    work.add(a);
                }
            }
        }
        Set<String> covered = new HashSet<>();
        for (String user : users) {
            for (String t : uses.getOrDefault(user, Set.of())) {
                if (techniques.containsKey(t) && !retired.contains(t)) {
                    covered.add(t);
                    String parent = parentOf.get(t);
                    if (parent != null && techniques.containsKey(parent)) {
                        covered.add(parent);
                    }
                }
            }
        }
        return covered.size();
    }
}
