package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.RuleChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cti rules disable RULE_ID...}: remove what the rules alone inferred. */
@Command(
        name = "disable",
        mixinStandardHelpOptions = true,
        description = {
            "Disable rules, in the order given; returns once every fact they inferred that no enabled rule still"
                    + " explains is removed. Prints one {\"rule\", \"enabled\", \"inferred\"} per rule: inferred"
                    + " objects and container references removed.",
            "Exit 1, changing nothing, when a RULE_ID is unknown (`cti rules list` names them)."
        })
final class RulesDisableCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RULE_ID")
    List<String> rules;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!known(rules, spec)) {
            return CtiCli.NEGATIVE;
        }
        try (Workspace store = data.openForWriting()) {
            for (String rule : rules) {
                JsonOut.println(spec, json(store.cti.disableRule(rule)));
            }
        }
        return CtiCli.OK;
    }

    /** True when the catalog has every rule; else names the unknown ones on stderr. */
    static boolean known(List<String> rules, CommandLine.Model.CommandSpec spec) {
        boolean all = true;
        for (String rule : rules) {
            if (!Cti.isRule(rule)) {
                spec.commandLine()
                        .getErr()
                        .println("cti rules: unknown rule \"" + rule + "\"; `cti rules list` names the rules");
                all = false;
            }
        }
        return all;
    }

    static Map<String, Object> json(RuleChange change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", change.rule());
        json.put("enabled", change.enabled());
        json.put("inferred", change.inferred());
        return json;
    }
}
