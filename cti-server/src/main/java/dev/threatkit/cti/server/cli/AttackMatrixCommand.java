package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.attack.AttackAnalytics;
import dev.threatkit.cti.attack.AttackMatrix;
import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.store.Caller;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cti attack matrix}: the tactics of a domain's matrix with their techniques, one tactic per line. */
@Command(
        name = "matrix",
        mixinStandardHelpOptions = true,
        description = {
            "Print the ATT&CK matrix of a domain, one JSON object per tactic in matrix order: {\"tactic\", \"name\","
                    + " \"techniques\": [{\"external_id\", \"name\", \"subtechniques\": [external ids]}]}.",
            "Techniques (not sub-techniques) are listed under every tactic their kill-chain phases name, sorted by"
                    + " name as the Navigator shows them; sub-technique ids are sorted. Several matrices of a domain"
                    + " print in turn, each tactic once. Revoked and deprecated matrices, tactics and techniques are"
                    + " left out unless --all. Exit 1 when the store holds no matrix of the domain."
        })
final class AttackMatrixCommand implements Callable<Integer> {
    @Option(
            names = "--domain",
            paramLabel = "enterprise|mobile|ics",
            defaultValue = "enterprise",
            description = "the domain (default: ${DEFAULT-VALUE})")
    String domain;

    @Option(names = "--all", description = "include revoked and deprecated objects")
    boolean all;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String d = AttackCommand.domain(spec, domain);
        Optional<AttackMatrix> found;
        try (Cti cti = data.openForReading()) {
            found = AttackAnalytics.of(cti).matrix(d, all, Caller.ADMIN);
        }
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("cti attack matrix: no " + d + " matrix in the store in " + data.dir);
            return CtiCli.NEGATIVE;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (AttackMatrix.Tactic tactic : found.get().tactics()) {
            List<Object> techniques = new ArrayList<>();
            for (AttackMatrix.Technique t : tactic.techniques()) {
                Map<String, Object> technique = new LinkedHashMap<>();
                technique.put("external_id", t.externalId());
                technique.put("name", t.name());
                technique.put("subtechniques", t.subtechniques());
                techniques.add(technique);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tactic", tactic.externalId());
            row.put("name", tactic.name());
            row.put("techniques", techniques);
            out.println(JsonOut.of(row));
        }
        out.flush();
        return CtiCli.OK;
    }
}
