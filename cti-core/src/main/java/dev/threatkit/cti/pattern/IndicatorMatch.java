package dev.threatkit.cti.pattern;

import dev.threatkit.cti.stix.StixProperties;
import java.util.List;

/**
 * One indicator that an event matched, with what matched: for a single-observation pattern the event's objects
 * that satisfy it; for a pattern over several observations, the events (as observed data) that completed it,
 * the current one included.
 */
public record IndicatorMatch(
        String indicatorId, Pattern pattern, List<StixProperties> objects, List<ObservedData> observations) {
    public IndicatorMatch {
        objects = List.copyOf(objects);
        observations = List.copyOf(observations);
    }
}
