package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.attack.AttackAnalytics;
import dev.threatkit.cti.attack.Coverage;
import dev.threatkit.cti.attack.Overlap;
import dev.threatkit.cti.attack.SharedTechnique;
import dev.threatkit.cti.attack.Via;
import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.store.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cti attack overlap A B}: the techniques two coverages share, and their Jaccard index. */
@Command(
        name = "overlap",
        mixinStandardHelpOptions = true,
        description = {
            "Compare the coverages of A and B (every path, as coverage prints them) and print one JSON object:"
                    + " {\"a\": {\"id\", \"external_id\", \"name\", \"techniques\"}, \"b\": {...}, \"shared\","
                    + " \"jaccard\", \"techniques\": [{\"id\", \"external_id\", \"name\", \"via_a\", \"via_b\"}]},"
                    + " where techniques counts what each covers, shared what both cover, and jaccard is shared"
                    + " divided by what either covers (0 when neither covers anything).",
            "Exit 1 when A or B is not found, 2 when one is of a type coverage does not take."
        })
final class AttackOverlapCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "a STIX id or ATT&CK id")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "a STIX id or ATT&CK id")
    String b;

    @Option(names = "--all", description = "include revoked and deprecated objects and relationships")
    boolean all;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Coverage> first;
        Optional<Coverage> second;
        try (Cti cti = data.openForReading()) {
            AttackAnalytics analytics = AttackAnalytics.of(cti);
            first = analytics.coverage(a, false, all, Caller.ADMIN);
            second = analytics.coverage(b, false, all, Caller.ADMIN);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("cti attack overlap: " + e.getMessage());
            return CtiCli.USAGE;
        }
        if (first.isEmpty() || second.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "cti attack overlap: " + (first.isEmpty() ? a : b) + " is not in the store in " + data.dir);
            return CtiCli.NEGATIVE;
        }
        Overlap overlap = Overlap.of(first.get(), second.get());
        List<Object> shared = new ArrayList<>();
        for (SharedTechnique t : overlap.shared()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", t.id());
            row.put("external_id", t.externalId());
            row.put("name", t.name());
            row.put("via_a", t.viaA().stream().map(Via::jsonName).toList());
            row.put("via_b", t.viaB().stream().map(Via::jsonName).toList());
            shared.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("a", side(overlap.a()));
        out.put("b", side(overlap.b()));
        out.put("shared", overlap.shared().size());
        out.put("jaccard", Math.round(overlap.jaccard() * 10_000.0) / 10_000.0);
        out.put("techniques", shared);
        JsonOut.println(spec, out);
        return CtiCli.OK;
    }

    private static Map<String, Object> side(Coverage c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("external_id", c.externalId());
        m.put("name", c.name());
        m.put("techniques", c.techniques().size());
        return m;
    }
}
