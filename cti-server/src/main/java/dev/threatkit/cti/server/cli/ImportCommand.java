package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.ImportProgress;
import dev.threatkit.cti.graph.ImportReport;
import dev.threatkit.cti.graph.Rejection;
import dev.threatkit.cti.store.Caller;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cti import FILE...}: STIX 2.0 or 2.1 files into the store, one JSON report at the end. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import STIX 2.0 or 2.1 bundles (.json or .json.gz) into the store. Objects are matched to what is"
                    + " stored by id, standard id, alias and hash, and upserted; nothing is duplicated.",
            "Prints {\"files\", \"objects\", \"created\", \"updated\", \"unchanged\", \"rejected\": [{\"file\", \"id\","
                    + " \"path\", \"reason\"}], \"warnings\", \"seconds\"}. Exit 0 when nothing was rejected, 1 when"
                    + " something was, 2 when a file cannot be read (nothing from it is stored)."
        })
final class ImportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".json or .json.gz files")
    List<Path> files;

    @picocli.CommandLine.Option(
            names = "--strict-relationships",
            description = "reject relationships outside OpenCTI's from/to matrix (default: store them with a warning)")
    boolean strictRelationships;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportReport report;
        try (Workspace store = data.openForWriting(strictRelationships)) {
            if (store.cti.recoveryNote() != null) {
                err.println("cti import: recovery " + store.cti.recoveryNote());
            }
            report = store.cti.importFiles(files, Caller.ADMIN, progress(err));
        }
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (Rejection r : report.unreadable()) {
            rejected.add(row(r));
            err.println("cti import: " + r.source() + ": " + r.reason());
        }
        for (Rejection r : report.rejected()) {
            rejected.add(row(r));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("files", report.files());
        json.put("objects", report.objects());
        json.put("created", report.created());
        json.put("updated", report.updated());
        json.put("unchanged", report.unchanged());
        json.put("rejected", rejected);
        json.put("warnings", report.warningCount());
        json.put("seconds", Math.round(report.seconds() * 1000) / 1000.0);
        out.println(JsonOut.of(json));
        out.flush();
        if (!report.unreadable().isEmpty()) {
            return CtiCli.USAGE;
        }
        return report.rejected().isEmpty() ? CtiCli.OK : CtiCli.NEGATIVE;
    }

    private static Map<String, Object> row(Rejection r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.source());
        m.put("id", r.id());
        m.put("path", r.path());
        m.put("reason", r.reason());
        return m;
    }

    /** A progress bar on stderr when a person is watching, nothing otherwise. */
    private static ImportProgress progress(PrintWriter err) {
        if (System.console() == null) {
            return ImportProgress.NONE;
        }
        long[] shown = {-1};
        return (done, total) -> {
            long percent = total == 0 ? 100 : done * 100 / total;
            if (percent != shown[0] || done == total) {
                shown[0] = percent;
                int bar = (int) (percent / 4);
                err.print("\r[" + "#".repeat(bar) + " ".repeat(25 - bar) + "] " + String.format("%,d", done) + " / "
                        + String.format("%,d", total) + " objects");
                if (done == total) {
                    err.println();
                }
                err.flush();
            }
        };
    }
}
