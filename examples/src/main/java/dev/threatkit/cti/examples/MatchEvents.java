package dev.threatkit.cti.examples;

import dev.threatkit.cti.pattern.IndicatorIndex;
import dev.threatkit.cti.pattern.IndicatorMatch;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.StixReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Embedding scenario of a SIEM: load the indicators of a STIX bundle into an {@link IndicatorIndex}, then check
 * each incoming event (the observables one log line yields) against all of them at once.
 */
public final class MatchEvents {
    private MatchEvents() {}

    /** Loads the STIX indicators of {@code bundle}; returns the index and how many were loaded. */
    public static IndicatorIndex load(Path bundle) {
        IndicatorIndex index = new IndicatorIndex();
        try (StixReader reader = StixReader.open(bundle)) {
            while (reader.hasNext()) {
                StixObject o = reader.next();
                Object patternType = o.properties().get("pattern_type");
                // STIX patterns only (2.0 indicators have no pattern_type); Sigma, Snort, YARA... are for other tools
                if ("indicator".equals(o.type()) && (patternType == null || "stix".equals(patternType))) {
                    index.add(o); // parses its pattern (pattern_type stix), 2.0 or 2.1 by its spec_version
                }
            }
        }
        return index;
    }

    /** Matches one event and prints what matched; returns the number of indicators hit. */
    public static int onEvent(IndicatorIndex index, List<StixProperties> observables, Instant time, PrintStream out) {
        List<IndicatorMatch> hits = index.match(observables, time);
        for (IndicatorMatch hit : hits) {
            out.println("ALERT " + hit.indicatorId() + " " + hit.pattern() + " on " + hit.objects());
        }
        return hits.size();
    }
}
