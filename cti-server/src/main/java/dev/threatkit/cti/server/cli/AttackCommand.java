package dev.threatkit.cti.server.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cti attack coverage|layer|matrix|overlap|mitigations|detections}: ATT&amp;CK analytics over the store. */
@Command(
        name = "attack",
        mixinStandardHelpOptions = true,
        description = {
            "ATT&CK analytics over the store: the techniques a group, campaign or software covers (directly, through"
                    + " sub-techniques and through attributed campaigns and intrusion sets), Navigator layers, the"
                    + " matrix of a domain, the overlap of two coverages, and the mitigations and detections of a"
                    + " technique.",
            "IDs are STIX ids or ATT&CK ids (G0016, C0024, S0154, T1003). Exit 1 when an ID is not found, 2 when it"
                    + " names an object of the wrong type."
        },
        subcommands = {
            AttackCoverageCommand.class,
            AttackLayerCommand.class,
            AttackMatrixCommand.class,
            AttackOverlapCommand.class,
            AttackMitigationsCommand.class,
            AttackDetectionsCommand.class
        })
final class AttackCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "name a subcommand: coverage, layer, matrix, overlap, mitigations or detections");
    }

    /** {@code enterprise}, {@code mobile}, {@code ics} or a full domain name to the domain name. */
    static String domain(CommandLine.Model.CommandSpec spec, String value) {
        String d = value.trim().toLowerCase(Locale.ROOT);
        if (d.equals("enterprise") || d.equals("mobile") || d.equals("ics")) {
            return d + "-attack";
        }
        if (d.equals("enterprise-attack") || d.equals("mobile-attack") || d.equals("ics-attack")) {
            return d;
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(), "--domain " + value + " is not a domain; use enterprise, mobile or ics");
    }
}
