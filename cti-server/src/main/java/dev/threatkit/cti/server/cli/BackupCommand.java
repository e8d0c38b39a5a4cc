package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.BackupResult;
import dev.threatkit.cti.graph.Cti;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cti backup DIR}: a consistent copy of the store, which opens as a store with --data. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = "Copy the store, consistent as of now, into DIR (new or empty); works while another process"
                + " writes. DIR then opens as a store with --data DIR. Prints {\"backup\", \"objects\", \"event\"}.")
final class BackupCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR")
    Path target;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        BackupResult result;
        try (Cti cti = data.openForReading()) {
            result = cti.backup(target);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("backup", target.toString());
        json.put("objects", result.objects());
        json.put("event", result.lastEventId());
        JsonOut.println(spec, json);
        return CtiCli.OK;
    }
}
