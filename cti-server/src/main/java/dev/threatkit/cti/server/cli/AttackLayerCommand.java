package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.attack.AttackAnalytics;
import dev.threatkit.cti.attack.Coverage;
import dev.threatkit.cti.attack.NavigatorLayer;
import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.store.Caller;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cti attack layer ID -o FILE}: an entity's coverage as an ATT&amp;CK Navigator layer. */
@Command(
        name = "layer",
        mixinStandardHelpOptions = true,
        description = {
            "Write the coverage of ID (see coverage) as an ATT&CK Navigator layer, format 4.5: one technique entry"
                    + " per covered technique of the domain, score 1 for direct use and 0.5 otherwise, a comment"
                    + " naming every path, the technique's STIX id in metadata.",
            "Prints {\"file\", \"techniques\"}. Exit 1 when ID is not found, 2 when it is of another type or FILE"
                    + " cannot be written."
        })
final class AttackLayerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "a STIX id or ATT&CK id (G0016, C0024, S0154)")
    String id;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            required = true,
            description = "where to write the layer")
    Path output;

    @Option(names = "--direct", description = "only techniques ID uses itself")
    boolean direct;

    @Option(names = "--all", description = "include revoked and deprecated objects and relationships")
    boolean all;

    @Option(
            names = "--domain",
            paramLabel = "enterprise|mobile|ics",
            description = "the layer's domain (default: the first of ID's x_mitre_domains, else enterprise)")
    String domain;

    @Option(
            names = "--attack-version",
            paramLabel = "VERSION",
            description = "versions.attack of the layer (default: from a stored x-mitre-collection of the domain,"
                    + " else left out, which the Navigator reads as its current version)")
    String attackVersion;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String layerDomain = domain == null ? null : AttackCommand.domain(spec, domain);
        Optional<Coverage> found;
        String version = attackVersion;
        try (Cti cti = data.openForReading()) {
            AttackAnalytics analytics = AttackAnalytics.of(cti);
            found = analytics.coverage(id, direct, all, Caller.ADMIN);
            if (found.isPresent()) {
                if (layerDomain == null) {
                    layerDomain = NavigatorLayer.defaultDomain(found.get());
                }
                if (version == null) {
                    version = analytics.attackVersion(layerDomain, Caller.ADMIN).orElse(null);
                }
            }
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("cti attack layer: " + e.getMessage());
            return CtiCli.USAGE;
        }
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("cti attack layer: " + id + " is not in the store in " + data.dir);
            return CtiCli.NEGATIVE;
        }
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            NavigatorLayer.write(found.get(), layerDomain, version, w);
            w.write('\n');
        } catch (IOException e) {
            spec.commandLine().getErr().println("cti attack layer: cannot write " + output + ": " + e);
            return CtiCli.USAGE;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("file", output.toString());
        summary.put(
                "techniques",
                NavigatorLayer.techniques(found.get(), layerDomain).size());
        JsonOut.println(spec, summary);
        return CtiCli.OK;
    }
}
