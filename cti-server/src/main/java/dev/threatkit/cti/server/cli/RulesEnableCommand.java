package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.RuleScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cti rules enable RULE_ID...}: derive everything the rules can, then keep deriving on every write. */
@Command(
        name = "enable",
        mixinStandardHelpOptions = true,
        description = {
            "Enable rules (or change the scope of enabled ones), in the order given; returns once what they derive"
                    + " from the stored facts is written. Prints one {\"rule\", \"enabled\", \"inferred\"} per rule:"
                    + " inferred objects and container references created.",
            "Exit 1, changing nothing, when a RULE_ID is unknown (`cti rules list` names them)."
        })
final class RulesEnableCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RULE_ID")
    List<String> rules;

    @Option(
            names = "--entity-type",
            paramLabel = "TYPE",
            split = ",",
            description = "Only derivations joining an object of one of these types (STIX or OpenCTI entity types).")
    List<String> entityTypes = new ArrayList<>();

    @Option(
            names = "--min-confidence",
            paramLabel = "N",
            description = "Only facts with at least this confidence (0 to 100; default 0).")
    int minConfidence;

    @Option(
            names = "--marking",
            paramLabel = "ID",
            split = ",",
            description = "Only facts whose markings are all among these marking-definition ids.")
    List<String> markings = new ArrayList<>();

    @Option(
            names = "--source",
            paramLabel = "ID",
            split = ",",
            description = "Only facts created by one of these identities.")
    List<String> sources = new ArrayList<>();

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (minConfidence < 0 || minConfidence > 100) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--min-confidence must be 0 to 100, got " + minConfidence);
        }
        if (!RulesDisableCommand.known(rules, spec)) {
            return CtiCli.NEGATIVE;
        }
        RuleScope scope = new RuleScope(
                new HashSet<>(entityTypes), minConfidence, new HashSet<>(markings), new HashSet<>(sources));
        try (Workspace store = data.openForWriting()) {
            for (String rule : rules) {
                JsonOut.println(spec, RulesDisableCommand.json(store.cti.enableRule(rule, scope)));
            }
        }
        return CtiCli.OK;
    }

    static Map<String, Object> scopeJson(RuleScope scope) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entity_types", new ArrayList<>(scope.entityTypes()));
        json.put("min_confidence", scope.minConfidence());
        json.put("markings", new ArrayList<>(scope.markings()));
        json.put("sources", new ArrayList<>(scope.sources()));
        return json;
    }
}
