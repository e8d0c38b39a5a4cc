package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.RuleInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cti rules list}: one line per rule. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "Print one JSON object per rule, in catalog order: {\"id\", \"name\", \"enabled\"}.",
            "With --details, also \"description\" and, for an enabled rule, its \"scope\"."
        })
final class RulesListCommand implements Callable<Integer> {
    @Option(names = "--details", description = "Add each rule's description and scope.")
    boolean details;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<RuleInfo> rules;
        try (Cti cti = data.openForReading()) {
            rules = cti.rules();
        }
        for (RuleInfo r : rules) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", r.id());
            json.put("name", r.name());
            json.put("enabled", r.enabled());
            if (details) {
                json.put("description", r.description());
                if (r.enabled()) {
                    json.put("scope", RulesEnableCommand.scopeJson(r.scope()));
                }
            }
            JsonOut.println(spec, json);
        }
        return CtiCli.OK;
    }
}
