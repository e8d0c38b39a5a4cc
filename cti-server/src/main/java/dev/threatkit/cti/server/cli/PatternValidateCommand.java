package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.pattern.Pattern;
import dev.threatkit.cti.pattern.PatternException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cti pattern validate [--spec 2.0|2.1] PATTERN}: exit 0 when valid, 1 with the reason when not. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check that PATTERN is a valid STIX pattern: syntax, and the rules the grammar cannot say (hash lengths,"
                    + " qualifiers, timestamps, regular expressions).",
            "Exit 0 when valid; 1 when not, with line:column and the reason on stderr."
        })
final class PatternValidateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    SpecOption spec;

    @Parameters(index = "0", paramLabel = "PATTERN", description = "the pattern, quoted for the shell")
    String pattern;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        try {
            Pattern.parse(pattern, spec.version());
            return CtiCli.OK;
        } catch (PatternException e) {
            commandSpec.commandLine().getErr().println("invalid pattern " + e.getMessage());
            return CtiCli.NEGATIVE;
        }
    }
}
