package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR} for every store-using subcommand: the store's directory, ./cti-data by default. */
final class DataOption {
    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "cti-data",
            description = "the store's data directory (default: ${DEFAULT-VALUE}, relative to the working directory)")
    Path dir;

    /** Opens the store for writing (one writer per store; another is refused with a clear error). */
    Cti openForWriting() {
        return Cti.builder().dataDirectory(dir).build();
    }

    /** Opens the store without the writer lock, as it is now; works while another process writes. */
    Cti openForReading() {
        return Cti.builder().dataDirectory(dir).readOnly(true).build();
    }
}
