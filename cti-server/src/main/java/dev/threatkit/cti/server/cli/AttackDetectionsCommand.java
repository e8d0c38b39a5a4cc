package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.attack.AttackAnalytics;
import dev.threatkit.cti.attack.Detection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code cti attack detections TECH}: what detects a technique, with ATT&amp;CK 18's analytics. */
@Command(
        name = "detections",
        mixinStandardHelpOptions = true,
        description = {
            "Print what detects the technique TECH, sorted by external_id, one JSON object per line: {\"id\","
                    + " \"type\", \"external_id\", \"name\", \"analytics\": [{\"id\", \"external_id\", \"name\","
                    + " \"platforms\", \"log_sources\": [{\"data_component_id\", \"data_component\", \"name\","
                    + " \"channel\"}]}]}.",
            "ATT&CK 18 relates detection strategies (DET0001) to techniques, each with its analytics (AN0001) and the"
                    + " data components they read; earlier releases relate data components (DC0001), whose"
                    + " analytics are empty. Revoked and deprecated ones are left out unless --all. Exit 1 when TECH"
                    + " is not found, 2 when it is not a technique."
        })
final class AttackDetectionsCommand extends AttackTechniqueListing<Detection> {
    @Override
    Optional<List<Detection>> find(AttackAnalytics attack, String technique, boolean all) {
        return attack.detections(technique, all, caller());
    }

    @Override
    Map<String, Object> row(Detection d) {
        List<Object> analytics = new ArrayList<>();
        for (Detection.Analytic a : d.analytics()) {
            List<Object> sources = new ArrayList<>();
            for (Detection.LogSource s : a.logSources()) {
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("data_component_id", s.dataComponentId());
                source.put("data_component", s.dataComponent());
                source.put("name", s.name());
                source.put("channel", s.channel());
                sources.add(source);
            }
            Map<String, Object> analytic = new LinkedHashMap<>();
            analytic.put("id", a.id());
            analytic.put("external_id", a.externalId());
            analytic.put("name", a.name());
            analytic.put("platforms", a.platforms());
            analytic.put("log_sources", sources);
            analytics.add(analytic);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", d.id());
        row.put("type", d.type());
        row.put("external_id", d.externalId());
        row.put("name", d.name());
        row.put("analytics", analytics);
        return row;
    }
}
