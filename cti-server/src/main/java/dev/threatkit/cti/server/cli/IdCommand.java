package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.ids.DeterministicIds;
import dev.threatkit.cti.ids.IdResult;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixParseException;
import dev.threatkit.cti.stix.StixReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cti id FILE}: the deterministic id of every object, one per line, or "-" with the reason on stderr. */
@Command(
        name = "id",
        mixinStandardHelpOptions = true,
        description = {
            "Print the deterministic id of each object of FILE (a bundle, a JSON array or one object), one line per"
                    + " object in order. The id in the input is ignored.",
            "STIX 2.1 rules for the SCO types STIX defines; OpenCTI's standard ids for the rest. A type without a"
                    + " rule, or an object lacking every contributing property, prints \"-\" (reason on stderr)."
        })
final class IdCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a .json or .json.gz file")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DeterministicIds ids = DeterministicIds.builtIn();
        try (StixReader reader = StixReader.open(file)) {
            while (reader.hasNext()) {
                StixObject object = reader.next();
                IdResult result = ids.compute(object);
                if (result.present()) {
                    out.println(result.id());
                } else {
                    out.println("-");
                    String where = reader.path().isEmpty() ? file.toString() : file + " " + reader.path();
                    err.println(where + ": " + result.reason());
                }
            }
            out.flush();
            return CtiCli.OK;
        } catch (StixParseException e) {
            out.flush();
            err.println("cti id: " + e.getMessage());
            return CtiCli.USAGE;
        }
    }
}
