package dev.threatkit.cti.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cti rules list|enable|disable}: the inference rules of a store. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "List, enable and disable the inference rules (OpenCTI's knowledge rules; all off by default).",
        subcommands = {RulesListCommand.class, RulesEnableCommand.class, RulesDisableCommand.class})
final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, enable or disable");
    }
}
