package dev.threatkit.cti.pattern;

import dev.threatkit.cti.internal.pattern.PatternEvaluation;
import java.util.List;

/**
 * Matches patterns against observed data (STIX 2.1 section 9): which observed-data, if any, satisfy a pattern.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * List<ObservedData> data = ObservedData.fromStix21(objectsOfTheBundles);
 * MatchResult r = PatternMatcher.match(Pattern.parse("[file:name = 'a.exe'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.1']"), data);
 * }</pre>
 */
public final class PatternMatcher {
    private PatternMatcher() {}

    /**
     * Matches {@code pattern} against {@code observations}.
     *
     * @throws PatternException when the pattern cannot be evaluated on this data (a timestamp constant against a
     *     property that is not a timestamp, a set of mixed types, a search beyond its step budget)
     */
    public static MatchResult match(Pattern pattern, List<ObservedData> observations) {
        List<ObservedData> binding = PatternEvaluation.firstBinding(pattern, observations);
        return binding == null ? MatchResult.NO_MATCH : new MatchResult(true, binding);
    }
}
