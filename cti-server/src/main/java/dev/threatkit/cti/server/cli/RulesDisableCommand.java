package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.RuleChange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cti rules disable RULE_ID}: remove what the rule alone inferred. */
@Command(
        name = "disable",
        mixinStandardHelpOptions = true,
        description = {
            "Disable a rule; returns once every fact it inferred that no enabled rule still explains is removed."
                    + " Prints {\"rule\", \"enabled\", \"inferred\"}: inferred objects and container references"
                    + " removed.",
            "Exit 1 for an unknown RULE_ID (`cti rules list` names them)."
        })
final class RulesDisableCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RULE_ID")
    String rule;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!known(rule, data, spec)) {
            return CtiCli.NEGATIVE;
        }
        RuleChange change;
        try (Workspace store = data.openForWriting()) {
            change = store.cti.disableRule(rule);
        }
        JsonOut.println(spec, json(change));
        return CtiCli.OK;
    }

    /** True when the catalog has the rule; else says so on stderr. */
    static boolean known(String rule, DataOption data, CommandLine.Model.CommandSpec spec) {
        if (Cti.isRule(rule)) {
            return true;
        }
        spec.commandLine()
                .getErr()
                .println("cti rules: unknown rule \"" + rule + "\"; `cti rules list` names the rules");
        return false;
    }

    static Map<String, Object> json(RuleChange change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", change.rule());
        json.put("enabled", change.enabled());
        json.put("inferred", change.inferred());
        return json;
    }
}
