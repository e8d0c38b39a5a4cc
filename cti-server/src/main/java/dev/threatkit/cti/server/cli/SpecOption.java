package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.pattern.PatternVersion;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --spec 2.0|2.1}, shared by the pattern subcommands. */
final class SpecOption {
    @Option(
            names = "--spec",
            paramLabel = "2.0|2.1",
            defaultValue = "2.1",
            description = "STIX version of the pattern (and of the data) (default ${DEFAULT-VALUE})")
    String label;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    PatternVersion version() {
        try {
            return PatternVersion.of(label);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    mixee.commandLine(), "--spec takes 2.0 or 2.1, not \"" + label + "\"");
        }
    }
}
