package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixParseException;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.stix.StixWriter;
import dev.threatkit.cti.upgrade.Stix20Upgrader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cti convert --to 2.1 FILE -o OUT}. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Upgrade a STIX 2.0 bundle (or array, or object) to a STIX 2.1 bundle, object by object, keeping ids,"
                    + " created and modified. Objects already in 2.1 pass through unchanged.",
            "Writes OUT (or stdout with -o -); a failed run leaves no partial OUT."
        })
final class ConvertCommand implements Callable<Integer> {
    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "target STIX version: 2.1")
    String to;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT",
            description = "output file (\"-\" for stdout)",
            defaultValue = "-")
    String output;

    @Parameters(index = "0", paramLabel = "FILE", description = "a .json or .json.gz file")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!"2.1".equals(to)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--to " + to + " is not supported: the only target is 2.1");
        }
        Stix20Upgrader upgrader = Stix20Upgrader.builtIn();
        boolean toStdout = output.equals("-");
        Path target = toStdout ? null : Path.of(output);
        // a sibling temporary file, created like any new file (umask permissions), renamed into place at the end
        Path temp = toStdout
                ? null
                : absoluteParent(target).resolve("." + target.getFileName() + ".cti-" + UUID.randomUUID() + ".tmp");
        try (StixReader reader = StixReader.open(file);
                OutputStream out = toStdout
                        ? nonClosing(System.out)
                        : new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
            Object bundleId = reader.bundleProperties().get("id");
            String id = bundleId instanceof String ? (String) bundleId : "bundle--" + UUID.randomUUID();
            int written = 0;
            try (StixWriter writer = StixWriter.bundle(out, id, true)) {
                for (Iterator<StixObject> it = upgrader.upgrading(reader); it.hasNext(); written++) {
                    writer.write(it.next());
                }
            }
            out.flush();
            if (!toStdout) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                err.println("cti convert: " + written + " STIX 2.1 objects written to " + target);
            }
            return CtiCli.OK;
        } catch (StixParseException e) {
            err.println("cti convert: " + e.getMessage());
            return CtiCli.USAGE;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static Path absoluteParent(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
