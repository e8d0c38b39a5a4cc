package dev.threatkit.cti.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.threatkit.cti.validation.FileValidator;
import dev.threatkit.cti.validation.StixValidator;
import dev.threatkit.cti.validation.ValidationOptions;
import dev.threatkit.cti.validation.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cti validate [--strict] [--json] FILE...}. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Validate STIX bundles, JSON arrays of objects or single objects (.json or .json.gz) against the MUST"
                    + " rules of STIX 2.1. STIX 2.0 content is upgraded first. Every problem is reported.",
            "Exit 0 when everything is valid, 1 when any object is invalid, 2 when any file cannot be read or is"
                    + " not JSON."
        })
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--strict", description = "also enforce the SHOULD-level best practices, as errors")
    boolean strict;

    @Option(names = "--json", description = "print {\"files\": [{\"file\", \"objects\", \"errors\", \"warnings\"}]}")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files to validate")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        FileValidator validator = new FileValidator(StixValidator.of(
                dev.threatkit.cti.schema.StixRegistry.builtIn(),
                strict ? ValidationOptions.STRICT : ValidationOptions.DEFAULT));
        List<FileValidator.Report> reports = new ArrayList<>();
        for (Path file : files) {
            reports.add(validator.validate(file));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = CtiCli.OK;
        for (FileValidator.Report r : reports) {
            if (r.failure() != null) {
                err.println("cti validate: " + r.failure().getMessage());
                code = CtiCli.USAGE;
            } else if (!r.valid() && code == CtiCli.OK) {
                code = CtiCli.NEGATIVE;
            }
        }
        if (json) {
            writeJson(out, reports);
        } else {
            writeText(out, reports);
        }
        out.flush();
        return code;
    }

    private static void writeText(PrintWriter out, List<FileValidator.Report> reports) {
        for (FileValidator.Report r : reports) {
            String verdict = r.failure() != null ? "UNREADABLE" : r.valid() ? "valid" : "INVALID";
            out.printf(
                    "%s: %s (%d objects, %d errors, %d warnings)%n",
                    r.file(),
                    verdict,
                    r.objects(),
                    r.errors().size(),
                    r.warnings().size());
            if (r.failure() != null) {
                out.println("  error: " + r.failure().getMessage());
            }
            for (Violation v : r.errors()) {
                out.println("  error   " + line(v));
            }
            for (Violation v : r.warnings()) {
                out.println("  warning " + line(v));
            }
        }
    }

    private static String line(Violation v) {
        return (v.path().isEmpty() ? "" : v.path() + ": ")
                + v.message()
                + (v.objectId() == null ? "" : " [" + v.objectId() + "]");
    }

    private static void writeJson(PrintWriter out, List<FileValidator.Report> reports) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeArrayFieldStart("files");
            for (FileValidator.Report r : reports) {
                g.writeStartObject();
                g.writeStringField("file", r.file());
                g.writeNumberField("objects", r.objects());
                violations(g, "errors", r.errors());
                violations(g, "warnings", r.warnings());
                if (r.failure() != null) {
                    g.writeObjectFieldStart("failure");
                    g.writeStringField("reason", r.failure().reason().name().toLowerCase(java.util.Locale.ROOT));
                    g.writeStringField("message", r.failure().getMessage());
                    g.writeStringField("path", r.failure().path());
                    g.writeNumberField("line", r.failure().line());
                    g.writeNumberField("column", r.failure().column());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private static void violations(JsonGenerator g, String name, List<Violation> list) throws IOException {
        g.writeArrayFieldStart(name);
        for (Violation v : list) {
            g.writeStartObject();
            g.writeStringField("id", v.objectId());
            g.writeStringField("path", v.path());
            g.writeStringField("message", v.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
