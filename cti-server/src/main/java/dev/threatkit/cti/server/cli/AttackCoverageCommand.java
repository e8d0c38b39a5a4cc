package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.attack.AttackAnalytics;
import dev.threatkit.cti.attack.Coverage;
import dev.threatkit.cti.attack.CoveredTechnique;
import dev.threatkit.cti.attack.Via;
import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.store.Caller;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cti attack coverage ID}: the techniques an entity covers, one JSON object per line. */
@Command(
        name = "coverage",
        mixinStandardHelpOptions = true,
        description = {
            "Print each technique the intrusion set, campaign, threat actor, malware or tool known by ID covers,"
                    + " once, sorted by external_id: {\"id\", \"external_id\", \"name\", \"tactics\", \"via\"}.",
            "via lists, in this order: direct (ID uses it), subtechnique (it is the parent of a sub-technique"
                    + " covered), attribution (a campaign or intrusion set attributed to ID, transitively, uses it"
                    + " or one of its sub-techniques). Only stored relationships count, not inferred ones.",
            "Revoked and deprecated techniques, campaigns and relationships are left out unless --all. Exit 1 when"
                    + " ID is not found, 2 when it is of another type."
        })
final class AttackCoverageCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "a STIX id or ATT&CK id (G0016, C0024, S0154)")
    String id;

    @Option(names = "--direct", description = "only techniques ID uses itself")
    boolean direct;

    @Option(names = "--all", description = "include revoked and deprecated objects and relationships")
    boolean all;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Coverage> found;
        try (Cti cti = data.openForReading()) {
            found = AttackAnalytics.of(cti).coverage(id, direct, all, Caller.ADMIN);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("cti attack coverage: " + e.getMessage());
            return CtiCli.USAGE;
        }
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("cti attack coverage: " + id + " is not in the store in " + data.dir);
            return CtiCli.NEGATIVE;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (CoveredTechnique t : found.get().techniques()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", t.id());
            row.put("external_id", t.externalId());
            row.put("name", t.name());
            row.put("tactics", t.tactics());
            row.put("via", t.via().stream().map(Via::jsonName).toList());
            out.println(JsonOut.of(row));
        }
        out.flush();
        return CtiCli.OK;
    }
}
