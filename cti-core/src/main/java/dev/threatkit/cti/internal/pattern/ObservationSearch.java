package dev.threatkit.cti.internal.pattern;

import dev.threatkit.cti.pattern.ObservationExpression;
import dev.threatkit.cti.pattern.ObservedData;
import dev.threatkit.cti.pattern.PatternException;
import dev.threatkit.cti.pattern.Qualifier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds one binding of a pattern's observation expressions to distinct observations (STIX 2.1 sections 9.1 and
 * 9.5), by depth-first search with continuations: each expression, once bound, hands over to what follows it,
 * and backs out when that fails. An observed-data with number_observed k can be bound k times. Qualifiers and
 * FOLLOWEDBY act as constraints checked as soon as an observation is chosen, so hopeless branches die early;
 * repetitions of one observation expression take observations in non-decreasing order, which removes the
 * permutations of the same choice. A step budget turns a combinatorial explosion into an error, not a hang.
 *
 * <p>Readings, where the specification and the reference matcher differ: WITHIN n SECONDS holds when some times
 * within the observations' intervals are at most n seconds apart (the reference matcher's closed reading);
 * START x STOP y needs every interval to overlap [x, y); FOLLOWEDBY needs the latest first_observed on the left
 * to be no later than the earliest last_observed on the right.
 */
final class ObservationSearch {
    static final long STEP_BUDGET = 20_000_000L;

    private final List<ObservedData> observations;
    private final Map<ObservationExpression.Observation, int[]> candidates;
    private final long[] remaining;
    private final IntStack trail = new IntStack();
    private final List<Frame> frames = new ArrayList<>();
    private long steps;

    ObservationSearch(List<ObservedData> observations, Map<ObservationExpression.Observation, int[]> candidates) {
        this.observations = observations;
        this.candidates = new IdentityHashMap<>(candidates);
        this.remaining = new long[observations.size()];
        for (int i = 0; i < remaining.length; i++) {
            remaining[i] = observations.get(i).numberObserved();
        }
    }

    /** The observations of the first binding found, in binding order, or null when there is none. */
    List<ObservedData> find(ObservationExpression root) {
        if (!search(root, () -> true)) {
            return null;
        }
        List<ObservedData> out = new ArrayList<>(trail.size);
        for (int i = 0; i < trail.size; i++) {
            out.add(observations.get(trail.items[i]));
        }
        return out;
    }

    /** What to do once an expression is bound; true ends the search with success. */
    @FunctionalInterface
    private interface Next {
        boolean run();
    }

    private boolean search(ObservationExpression e, Next next) {
        if (e instanceof ObservationExpression.Observation o) {
            return leaf(candidates.get(o), next);
        }
        if (e instanceof ObservationExpression.Junction j) {
            if (j.logic() == dev.threatkit.cti.pattern.ComparisonExpression.Logic.OR) {
                for (ObservationExpression operand : j.operands()) {
                    if (search(operand, next)) {
                        return true;
                    }
                }
                return false;
            }
            return all(j.operands(), 0, next);
        }
        if (e instanceof ObservationExpression.FollowedBy f) {
            int start = trail.size;
            return search(f.left(), () -> {
                Instant latestFirst = Instant.MIN;
                for (int i = start; i < trail.size; i++) {
                    Instant t = observations.get(trail.items[i]).firstObserved();
                    latestFirst = t.isAfter(latestFirst) ? t : latestFirst;
                }
                return constrained(new NotBefore(latestFirst), f.right(), next);
            });
        }
        ObservationExpression.Qualified q = (ObservationExpression.Qualified) e;
        if (q.qualifier() instanceof Qualifier.Repeats r) {
            if (q.expression() instanceof ObservationExpression.Observation o) {
                return repeatLeaf(candidates.get(o), r.times(), 0, 0, next);
            }
            return repeat(q.expression(), r.times(), next);
        }
        if (q.qualifier() instanceof Qualifier.Within w) {
            return constrained(new Window(trail.size, nanos(w.seconds())), q.expression(), next);
        }
        Qualifier.StartStop s = (Qualifier.StartStop) q.qualifier();
        if (!s.start().isBefore(s.stop())) {
            return false;
        }
        return constrained(new Interval(s.start(), s.stop()), q.expression(), next);
    }

    /** Binds {@code e} with {@code frame} in force, and lifts the frame for what follows. */
    private boolean constrained(Frame frame, ObservationExpression e, Next next) {
        frames.add(frame);
        boolean found = search(e, () -> {
            frames.remove(frames.size() - 1);
            boolean ok = next.run();
            frames.add(frame);
            return ok;
        });
        frames.remove(frames.size() - 1);
        return found;
    }

    private boolean all(List<ObservationExpression> operands, int from, Next next) {
        if (from == operands.size()) {
            return next.run();
        }
        return search(operands.get(from), () -> all(operands, from + 1, next));
    }

    private boolean repeat(ObservationExpression e, int left, Next next) {
        if (left == 0) {
            return next.run();
        }
        return search(e, () -> repeat(e, left - 1, next));
    }

    /** n bindings of one observation, chosen in non-decreasing order of observation. */
    private boolean repeatLeaf(int[] choices, int times, int done, int fromChoice, Next next) {
        if (done == times) {
            return next.run();
        }
        long left = 0; // uses still available from here on: fewer than the repetitions to go is hopeless
        for (int c = fromChoice; c < choices.length && left < times - done; c++) {
            left += remaining[choices[c]];
        }
        if (left < times - done) {
            return false;
        }
        for (int c = fromChoice; c < choices.length; c++) {
            int chosen = c;
            if (take(choices[c], () -> repeatLeaf(choices, times, done + 1, chosen, next))) {
                return true;
            }
        }
        return false;
    }

    private boolean leaf(int[] choices, Next next) {
        for (int i : choices) {
            if (take(i, next)) {
                return true;
            }
        }
        return false;
    }

    /** Binds observation i if it has a use left and fits every constraint in force, then runs next. */
    private boolean take(int i, Next next) {
        if (++steps > STEP_BUDGET) {
            throw new PatternException(
                    null,
                    "the pattern needs more than " + STEP_BUDGET + " steps to decide on these observations; "
                            + "narrow its REPEATS, AND or WITHIN");
        }
        if (remaining[i] == 0) {
            return false;
        }
        ObservedData o = observations.get(i);
        for (Frame f : frames) {
            if (!f.admits(o, this)) {
                return false;
            }
        }
        remaining[i]--;
        trail.push(i);
        if (next.run()) {
            return true; // success ends the search: the trail holds the binding
        }
        trail.pop();
        remaining[i]++;
        return false;
    }

    private static long nanos(BigDecimal seconds) {
        BigDecimal n = seconds.movePointRight(9);
        return n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : n.longValue();
    }

    // ---- constraints ---------------------------------------------------------------------------------------

    private interface Frame {
        boolean admits(ObservedData candidate, ObservationSearch search);
    }

    /** WITHIN: the observations bound since {@code start}, with the candidate, fit in the window. */
    private record Window(int start, long nanos) implements Frame {
        @Override
        public boolean admits(ObservedData candidate, ObservationSearch s) {
            Instant latestFirst = candidate.firstObserved();
            Instant earliestLast = candidate.lastObserved();
            for (int i = start; i < s.trail.size; i++) {
                ObservedData o = s.observations.get(s.trail.items[i]);
                latestFirst = o.firstObserved().isAfter(latestFirst) ? o.firstObserved() : latestFirst;
                earliestLast = o.lastObserved().isBefore(earliestLast) ? o.lastObserved() : earliestLast;
            }
            if (!latestFirst.isAfter(earliestLast)) {
                return true; // the intervals share a moment
            }
            Duration gap = Duration.between(earliestLast, latestFirst);
            return gap.getSeconds() < Long.MAX_VALUE / 1_000_000_000L - 1 && gap.toNanos() <= nanos;
        }
    }

    /** START/STOP: the candidate's interval overlaps [start, stop). */
    private record Interval(Instant start, Instant stop) implements Frame {
        @Override
        public boolean admits(ObservedData o, ObservationSearch s) {
            return o.firstObserved().isBefore(stop) && !o.lastObserved().isBefore(start);
        }
    }

    /** The right side of FOLLOWEDBY: no earlier than the left side's latest first_observed. */
    private record NotBefore(Instant time) implements Frame {
        @Override
        public boolean admits(ObservedData o, ObservationSearch s) {
            return !o.lastObserved().isBefore(time);
        }
    }

    /** A growable int stack without boxing. */
    private static final class IntStack {
        int[] items = new int[16];
        int size;

        void push(int v) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        void pop() {
            size--;
        }
    }
}
