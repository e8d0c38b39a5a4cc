package dev.threatkit.cti.internal.pattern;

import dev.threatkit.cti.pattern.ObservationExpression;
import dev.threatkit.cti.pattern.ObservedData;
import dev.threatkit.cti.pattern.Pattern;
import dev.threatkit.cti.pattern.PatternException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates a pattern against observed data: comparisons per observation first, then the binding search. */
public final class PatternEvaluation {
    private PatternEvaluation() {}

    /** The observations of the first binding, or null when the pattern does not match. */
    public static List<ObservedData> firstBinding(Pattern pattern, List<ObservedData> observations) {
        Map<ObservationExpression.Observation, int[]> candidates = new IdentityHashMap<>();
        for (ObservationExpression.Observation o : pattern.observations()) {
            int[] matching = new int[observations.size()];
            int n = 0;
            for (int i = 0; i < observations.size(); i++) {
                if (ComparisonEvaluator.test(o.comparison(), observations.get(i))) {
                    matching[n++] = i;
                }
            }
            candidates.put(o, java.util.Arrays.copyOf(matching, n));
        }
        try {
            return new ObservationSearch(observations, candidates).find(pattern.root());
        } catch (StackOverflowError tooDeep) {
            // the search recurses once per bound observation; REPEATS 100000 TIMES over as many observations
            // goes deeper than a thread's stack
            throw new PatternException(
                    null,
                    "the pattern binds more observations than this thread's stack can search; "
                            + "lower its REPEATS or split its AND chain");
        }
    }
}
