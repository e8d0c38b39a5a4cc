package dev.threatkit.cti.pattern;

import java.util.List;

/**
 * The outcome of matching a pattern: whether it matched and, if so, the observed data of the first binding found
 * (each observation expression bound to distinct observations), in binding order.
 */
public record MatchResult(boolean matched, List<ObservedData> observedData) {
    public MatchResult {
        observedData = List.copyOf(observedData);
    }

    static final MatchResult NO_MATCH = new MatchResult(false, List.of());

    /** The ids of the matched observed-data, without repeats. */
    public List<String> observedDataIds() {
        return observedData.stream().map(ObservedData::id).distinct().toList();
    }
}
