package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.Direction;
import dev.threatkit.cti.graph.Neighbor;
import dev.threatkit.cti.store.Caller;
import java.io.PrintWriter;
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

/** {@code cti neighbors ID}: the relationships and sightings of an object, one JSON object per line. */
@Command(
        name = "neighbors",
        mixinStandardHelpOptions = true,
        description = {
            "Print each relationship and sighting of the object known by ID (not reference edges such as"
                    + " created_by_ref or object_refs), one JSON object per line: {\"relationship\","
                    + " \"relationship_type\", \"direction\", \"inferred\", \"id\", \"type\", \"name\"}, sorted by"
                    + " relationship_type, name, id.",
            "Revoked or deprecated relationships and neighbours, and revoked-by relationships, are left out unless"
                    + " --all. Exit 1 when ID is not found."
        })
final class NeighborsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--rel", paramLabel = "TYPE", description = "only this relationship type")
    String rel;

    @Option(
            names = "--direction",
            paramLabel = "out|in|both",
            defaultValue = "both",
            description = "out: the object is the source; in: the target; both (default)")
    Direction direction;

    @Option(names = "--all", description = "include revoked and deprecated objects and revoked-by relationships")
    boolean all;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<List<Neighbor>> found;
        try (Cti cti = data.openForReading()) {
            found = cti.neighbors(id, rel, direction, all, Caller.ADMIN);
        }
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("cti neighbors: " + id + " is not in the store in " + data.dir);
            return CtiCli.NEGATIVE;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Neighbor n : found.get()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("relationship", n.relationship());
            m.put("relationship_type", n.relationshipType());
            m.put("direction", n.direction().jsonName());
            m.put("inferred", n.inferred());
            m.put("id", n.id());
            m.put("type", n.type());
            m.put("name", n.name());
            out.println(JsonOut.of(m));
        }
        out.flush();
        return CtiCli.OK;
    }
}
