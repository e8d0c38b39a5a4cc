package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cti get ID}: the stored STIX JSON of an object, by any of its ids. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Print the stored STIX JSON of the object known by ID: its STIX id, any id it was known by, its"
                + " standard id, an alias id, or (observables) one of its hash values. Exit 1 when not found.")
final class GetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<StixObject> found;
        try (Cti cti = data.openForReading()) {
            found = cti.get(id, Caller.ADMIN);
        }
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("cti get: " + id + " is not in the store in " + data.dir);
            return CtiCli.NEGATIVE;
        }
        spec.commandLine().getOut().println(StixJson.toJson(found.get()));
        spec.commandLine().getOut().flush();
        return CtiCli.OK;
    }
}
