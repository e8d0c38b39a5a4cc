package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.attack.AttackAnalytics;
import dev.threatkit.cti.attack.Mitigation;
import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.store.Caller;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cti attack mitigations TECH}: the courses of action that mitigate a technique. */
@Command(
        name = "mitigations",
        mixinStandardHelpOptions = true,
        description = {
            "Print each course of action that mitigates the technique TECH, sorted by external_id, one JSON object"
                    + " per line: {\"id\", \"external_id\", \"name\", \"relationship\"}.",
            "Revoked and deprecated ones are left out unless --all. Exit 1 when TECH is not found, 2 when it is not"
                    + " a technique."
        })
final class AttackMitigationsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TECH", description = "a STIX id or ATT&CK id (T1003, T1059.001)")
    String technique;

    @Option(names = "--all", description = "include revoked and deprecated objects and relationships")
    boolean all;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<List<Mitigation>> found;
        try (Cti cti = data.openForReading()) {
            found = AttackAnalytics.of(cti).mitigations(technique, all, Caller.ADMIN);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("cti attack mitigations: " + e.getMessage());
            return CtiCli.USAGE;
        }
        if (found.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println("cti attack mitigations: " + technique + " is not in the store in " + data.dir);
            return CtiCli.NEGATIVE;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Mitigation m : found.get()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", m.id());
            row.put("external_id", m.externalId());
            row.put("name", m.name());
            row.put("relationship", m.relationship());
            out.println(JsonOut.of(row));
        }
        out.flush();
        return CtiCli.OK;
    }
}
