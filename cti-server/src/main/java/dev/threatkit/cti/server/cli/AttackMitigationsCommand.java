package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.attack.AttackAnalytics;
import dev.threatkit.cti.attack.Mitigation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

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
final class AttackMitigationsCommand extends AttackTechniqueListing<Mitigation> {
    @Override
    Optional<List<Mitigation>> find(AttackAnalytics attack, String technique, boolean all) {
        return attack.mitigations(technique, all, caller());
    }

    @Override
    Map<String, Object> row(Mitigation m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", m.id());
        row.put("external_id", m.externalId());
        row.put("name", m.name());
        row.put("relationship", m.relationship());
        return row;
    }
}
