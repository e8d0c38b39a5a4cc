package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.pattern.MatchResult;
import dev.threatkit.cti.pattern.ObservedData;
import dev.threatkit.cti.pattern.Pattern;
import dev.threatkit.cti.pattern.PatternException;
import dev.threatkit.cti.pattern.PatternMatcher;
import dev.threatkit.cti.pattern.PatternVersion;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixParseException;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.StixReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cti pattern match [--spec 2.0|2.1] PATTERN FILE}: prints {@code match} or {@code nomatch} and exits 0; a
 * pattern that cannot be parsed or evaluated exits 1; an unreadable FILE exits 2.
 */
@Command(
        name = "match",
        mixinStandardHelpOptions = true,
        description = {
            "Match PATTERN against the observed data of FILE; print match or nomatch.",
            "FILE holds one bundle or a JSON array of bundles (2.1: the objects are pooled and each observed-data"
                    + " reaches the objects its object_refs lists), or a JSON array of observed-data with"
                    + " embedded objects (2.0).",
            "Exit 0 with match or nomatch; 1 when the pattern cannot be parsed or evaluated; 2 when FILE cannot"
                    + " be read."
        })
final class PatternMatchCommand implements Callable<Integer> {
    @CommandLine.Mixin
    SpecOption spec;

    @Parameters(index = "0", paramLabel = "PATTERN", description = "the pattern, quoted for the shell")
    String pattern;

    @Parameters(index = "1", paramLabel = "FILE", description = "observed data, .json or .json.gz")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PatternVersion version = spec.version();
        List<StixObject> objects = new ArrayList<>();
        try (StixReader reader = StixReader.open(file)) {
            while (reader.hasNext()) {
                StixObject o = reader.next();
                if ("bundle".equals(o.type())) { // an array of bundles: pool their objects
                    List<Object> inner = o.properties().getList("objects");
                    if (inner != null) {
                        for (Object x : inner) {
                            if (x instanceof StixProperties p) {
                                objects.add(StixObject.of(p));
                            }
                        }
                    }
                } else {
                    objects.add(o);
                }
            }
        } catch (StixParseException e) {
            commandSpec.commandLine().getErr().println("cti pattern match: " + e.getMessage());
            return CtiCli.USAGE;
        }
        try {
            Pattern parsed = Pattern.parse(pattern, version);
            List<ObservedData> data = version == PatternVersion.V2_0
                    ? ObservedData.fromStix20(objects)
                    : ObservedData.fromStix21(objects);
            MatchResult result = PatternMatcher.match(parsed, data);
            commandSpec.commandLine().getOut().println(result.matched() ? "match" : "nomatch");
            commandSpec.commandLine().getOut().flush();
            return CtiCli.OK;
        } catch (PatternException e) {
            commandSpec.commandLine().getErr().println("cti pattern match: " + e.getMessage());
            return CtiCli.NEGATIVE;
        }
    }
}
