package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.store.Caller;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cti path FROM TO}: the shortest paths between two objects, one JSON array per line. */
@Command(
        name = "path",
        mixinStandardHelpOptions = true,
        description = {
            "Print the shortest paths between the objects known by FROM and TO (any id form get takes: STIX id,"
                    + " ATT&CK id such as G0016 ...), crossing relationships and sightings in either direction, one"
                    + " JSON array per line: [FROM, relationship, object, ..., TO], stored ids, sorted; at most the"
                    + " first 100.",
            "Revoked or deprecated objects and relationships, and revoked-by relationships, are crossed only with"
                    + " --all. Exit 1 when there is no path within --max-hops or an id is not found, 2 when"
                    + " --max-hops is not 1 to 8."
        })
final class PathCommand implements Callable<Integer> {
    /** Most paths {@link Cti#paths} returns. */
    private static final int MAX_PATHS = 100;

    @Parameters(index = "0", paramLabel = "FROM")
    String from;

    @Parameters(index = "1", paramLabel = "TO")
    String to;

    @Option(
            names = "--max-hops",
            paramLabel = "N",
            defaultValue = "4",
            description = "most relationships on a path, 1 to 8 (default ${DEFAULT-VALUE})")
    int maxHops;

    @Option(
            names = "--rel",
            paramLabel = "TYPE",
            split = ",",
            description = "only relationships of this type (sighting for sightings); repeat or separate with commas"
                    + " for several")
    List<String> rels = new ArrayList<>();

    @Option(names = "--all", description = "cross revoked and deprecated objects and revoked-by relationships")
    boolean all;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (maxHops < 1 || maxHops > 8) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-hops must be 1 to 8, got " + maxHops);
        }
        PrintWriter err = spec.commandLine().getErr();
        Optional<List<List<String>>> found;
        String missing = null;
        try (Cti cti = data.openForReading()) {
            found = cti.paths(from, to, maxHops, Set.copyOf(rels), all, Caller.ADMIN);
            if (found.isEmpty()) {
                missing = cti.get(from, Caller.ADMIN).isEmpty() ? from : to;
            }
        }
        if (found.isEmpty()) {
            err.println("cti path: " + missing + " is not in the store in " + data.dir);
            return CtiCli.NEGATIVE;
        }
        if (found.get().isEmpty()) {
            err.println("cti path: no path of at most " + maxHops + " relationships between " + from + " and " + to
                    + (all ? "" : " (revoked and deprecated objects left out; --all crosses them)"));
            return CtiCli.NEGATIVE;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (List<String> path : found.get()) {
            out.println(JsonOut.of(path));
        }
        out.flush();
        if (found.get().size() == MAX_PATHS) {
            err.println("cti path: " + MAX_PATHS + " paths printed, the most it prints; there may be more");
        }
        return CtiCli.OK;
    }
}
