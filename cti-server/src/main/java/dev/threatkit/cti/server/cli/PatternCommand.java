package dev.threatkit.cti.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cti pattern validate|match}: STIX patterning from the command line. */
@Command(
        name = "pattern",
        mixinStandardHelpOptions = true,
        description = "Validate STIX patterns and match them against observed data.",
        subcommands = {PatternValidateCommand.class, PatternMatchCommand.class})
final class PatternCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: validate or match");
    }
}
