package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.PivotKind;
import dev.threatkit.cti.graph.PivotMatch;
import dev.threatkit.cti.store.Caller;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cti pivot ID}: the entities sharing observables, infrastructure or techniques with one, best first. */
@Command(
        name = "pivot",
        mixinStandardHelpOptions = true,
        description = {
            "Print the domain objects that share something with the object known by ID: observables or"
                    + " infrastructure related directly to both, or attack patterns both use. One JSON object per"
                    + " line, most shared first, then by id: {\"id\", \"type\", \"name\", \"shared\","
                    + " \"observables\": [ids], \"infrastructure\": [ids], \"techniques\": [ids]}.",
            "Revoked or deprecated objects and relationships only with --all. Exit 1 when nothing shares anything"
                    + " with ID or ID is not found, 2 when --limit is not 1 to 10,000."
        })
final class PivotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            split = ",",
            description = "observables, infrastructure or techniques (default: all three); repeat or separate with"
                    + " commas for several")
    List<PivotKind> kinds = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "matches to print (default 20)")
    int limit;

    @Option(names = "--all", description = "include revoked and deprecated objects and relationships")
    boolean all;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1 to 10,000, got " + limit);
        }
        Optional<List<PivotMatch>> found;
        try (Cti cti = data.openForReading()) {
            found = cti.pivot(id, Set.copyOf(kinds), limit, all, Caller.ADMIN);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (found.isEmpty()) {
            err.println("cti pivot: " + id + " is not in the store in " + data.dir);
            return CtiCli.NEGATIVE;
        }
        if (found.get().isEmpty()) {
            err.println("cti pivot: nothing shares " + (kinds.isEmpty() ? "anything" : "such objects") + " with " + id);
            return CtiCli.NEGATIVE;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (PivotMatch m : found.get()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", m.id());
            row.put("type", m.type());
            row.put("name", m.name());
            row.put("shared", m.shared());
            for (PivotKind kind : PivotKind.values()) {
                row.put(kind.jsonName(), m.sharedIds(kind));
            }
            out.println(JsonOut.of(row));
        }
        out.flush();
        return CtiCli.OK;
    }
}
