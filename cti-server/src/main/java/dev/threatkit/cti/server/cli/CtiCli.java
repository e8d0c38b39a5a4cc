package dev.threatkit.cti.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cti} command line. Exit codes: 0 success, 1 a negative result (invalid, not found, rejected), 2 a
 * usage error or unreadable input. Results go to stdout, diagnostics to stderr.
 */
@Command(
        name = "cti",
        mixinStandardHelpOptions = true,
        versionProvider = CtiCli.Version.class,
        description = "Cyber-threat intelligence on the JVM: STIX 2.1, ATT&CK and OpenCTI-compatible knowledge.",
        subcommands = {
            ValidateCommand.class,
            IdCommand.class,
            ConvertCommand.class,
            PatternCommand.class,
            ImportCommand.class,
            GetCommand.class,
            NeighborsCommand.class,
            PathCommand.class,
            PivotCommand.class,
            StatsCommand.class,
            DeleteCommand.class,
            BackupCommand.class,
            SuggestionsCommand.class,
            SearchCommand.class,
            ReindexCommand.class,
            RulesCommand.class,
            AttackCommand.class
        })
public final class CtiCli implements Runnable {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a negative result. */
    public static final int NEGATIVE = 1;
    /** Exit code for a usage error or unreadable input. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CtiCli());
        cl.setExpandAtFiles(false); // "@file" arguments are ours to read (--filters @file), not picocli's
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("cti: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return USAGE;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CtiCli.class.getPackage().getImplementationVersion();
            return new String[] {"cti " + (v == null ? "development build" : v)};
        }
    }
}
