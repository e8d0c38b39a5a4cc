package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cti stats}: stored objects by type. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Print {\"<type>\": count, ...} of the stored objects.",
            "With --inferred, of the objects the enabled rules inferred instead (not counted otherwise)."
        })
final class StatsCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--inferred", description = "Count inferred objects instead of stored ones.")
    boolean inferred;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Integer> stats;
        try (Cti cti = data.openForReading()) {
            stats = inferred ? cti.inferredStats() : cti.stats();
        }
        JsonOut.println(spec, stats);
        return CtiCli.OK;
    }
}
