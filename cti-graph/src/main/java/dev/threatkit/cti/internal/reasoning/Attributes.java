package dev.threatkit.cti.internal.reasoning;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The attributes of an inferred fact, as OpenCTI derives them: per explanation, the rounded average confidence of
 * its facts, the intersection of their periods (when disjoint, from the earliest start to the latest stop) and the
 * union of their markings; over explanations, the highest confidence, the earliest start, the latest stop and the
 * union of markings. Sighting counts add up within an explanation and take the highest over explanations.
 *
 * @param confidence 0 to 100, or -1 when no fact had one
 * @param start epoch milliseconds, {@link Long#MIN_VALUE} when open
 * @param stop epoch milliseconds, {@link Long#MAX_VALUE} when open
 */
public record Attributes(int confidence, long start, long stop, SortedSet<String> markings, long count) {
    private static final Attributes NEUTRAL = new Attributes(-1, Long.MIN_VALUE, Long.MAX_VALUE, new TreeSet<>(), 0);

    /** Computes attributes of inferred facts, each once per instance (build one per reconciliation). */
    public static final class Calculator {
        private final Reasoner reasoner;
        private final Map<Derived, Attributes> done = new HashMap<>();

        public Calculator(Reasoner reasoner) {
            this.reasoner = reasoner;
        }

        public Attributes of(Derived d) {
            Attributes a = done.get(d);
            if (a != null) {
                return a;
            }
            done.put(d, NEUTRAL); // a cycle back to d contributes nothing
            int confidence = -1;
            long start = Long.MAX_VALUE;
            long stop = Long.MIN_VALUE;
            long count = 0;
            SortedSet<String> markings = new TreeSet<>();
            boolean any = false;
            for (Collection<Explanation> es : d.explanations().values()) {
                for (Explanation e : es) {
                    Attributes x = of(e);
                    any = true;
                    confidence = Math.max(confidence, x.confidence);
                    start = Math.min(start, x.start);
                    stop = Math.max(stop, x.stop);
                    count = Math.max(count, x.count);
                    markings.addAll(x.markings);
                }
            }
            a = any ? new Attributes(confidence, start, stop, markings, count) : NEUTRAL;
            done.put(d, a);
            return a;
        }

        private Attributes of(Explanation e) {
            long sum = 0;
            int known = 0;
            long start = Long.MIN_VALUE;
            long stop = Long.MAX_VALUE;
            long minStart = Long.MAX_VALUE;
            long maxStop = Long.MIN_VALUE;
            long count = 0;
            SortedSet<String> markings = new TreeSet<>();
            for (String uid : e.premises()) {
                Premise p = reasoner.held(uid);
                if (p == null) {
                    continue;
                }
                Attributes x = p.explicit() ? of(p) : of(p.derived);
                if (x.confidence >= 0) {
                    sum += x.confidence;
                    known++;
                }
                start = Math.max(start, x.start);
                stop = Math.min(stop, x.stop);
                minStart = Math.min(minStart, x.start);
                maxStop = Math.max(maxStop, x.stop);
                count = saturatedAdd(count, x.count);
                markings.addAll(x.markings);
            }
            if (start > stop) {
                start = minStart;
                stop = maxStop;
            }
            int confidence = known == 0 ? -1 : (int) Math.round((double) sum / known);
            return new Attributes(confidence, start, stop, markings, count);
        }

        private static Attributes of(Premise p) {
            SortedSet<String> markings = new TreeSet<>(java.util.Arrays.asList(p.markings));
            return new Attributes(p.confidence, p.start, p.stop, markings, p.count);
        }

        private static long saturatedAdd(long a, long b) {
            long r = a + b;
            return r < 0 ? Long.MAX_VALUE : r;
        }
    }
}
