package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.DeleteResult;
import dev.threatkit.cti.store.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cti delete ID...}: removes objects with their relationships and sightings. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = {
            "Delete the objects known by the IDs, with every relationship and sighting that points to them, and"
                    + " remove them from the containers that hold them. Prints {\"deleted\", \"cascaded\"}.",
            "Exit 1 when an ID is not found (the others are still deleted)."
        })
final class DeleteCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "ID")
    List<String> ids;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DeleteResult result;
        try (Workspace store = data.openForWriting()) {
            result = store.cti.delete(ids, Caller.ADMIN);
        }
        for (String id : result.notFound()) {
            spec.commandLine().getErr().println("cti delete: " + id + " is not in the store in " + data.dir);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deleted", result.deleted());
        json.put("cascaded", result.cascaded());
        JsonOut.println(spec, json);
        return result.notFound().isEmpty() ? CtiCli.OK : CtiCli.NEGATIVE;
    }
}
