package dev.threatkit.cti.pattern;

import dev.threatkit.cti.internal.pattern.ArrayMap;
import dev.threatkit.cti.internal.pattern.ComparisonEvaluator;
import dev.threatkit.cti.internal.pattern.IndicatorTable;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.StampedLock;

/**
 * Many indicators compiled into one structure, so that one event (a set of observables) is checked against all
 * of them at once. Equality comparisons are hash lookups, ISSUBSET a prefix trie, numeric bounds an ordered
 * map, LIKE and MATCHES literals a lookup by five-character piece; only the indicators found that way are
 * evaluated in full. Patterns over several observations (AND, OR, FOLLOWEDBY of observations, WITHIN, REPEATS)
 * are completed by a sequence matcher: each keeps the recent events that satisfied one of its observation
 * expressions (at most {@code maxEventsPerIndicator}, none older than the retention window) and is decided on
 * them when a new one arrives; a completed sequence is reported once and its events are consumed.
 *
 * <p>Thread-safe: any number of threads may match while others add and remove indicators.
 *
 * <pre>{@code
 * IndicatorIndex index = new IndicatorIndex();
 * index.add("indicator--1", Pattern.parse("[ipv4-addr:value ISSUBSET '198.51.100.0/24']"));
 * List<IndicatorMatch> hits = index.match(List.of(observable));
 * }</pre>
 */
public final class IndicatorIndex {
    // readers share, writers exclude; StampedLock keeps no per-thread hold count, which matters at this rate
    private final StampedLock lock = new StampedLock();
    private final IndicatorTable table = new IndicatorTable();
    private final Map<String, Indicator> indicators = new HashMap<>();
    private final Duration retention;
    private final int maxEventsPerIndicator;

    /** An index whose sequences keep events for one hour, at most 256 per indicator. */
    public IndicatorIndex() {
        this(Duration.ofHours(1), 256);
    }

    public IndicatorIndex(Duration retention, int maxEventsPerIndicator) {
        this.retention = Objects.requireNonNull(retention, "retention");
        if (maxEventsPerIndicator < 1) {
            throw new IllegalArgumentException("maxEventsPerIndicator must be at least 1");
        }
        this.maxEventsPerIndicator = maxEventsPerIndicator;
    }

    private static final class Indicator {
        final String id;
        final Pattern pattern;
        final List<IndicatorTable.Entry> entries = new ArrayList<>();
        final ArrayDeque<ObservedData> recent; // null for single-observation patterns

        Indicator(String id, Pattern pattern) {
            this.id = id;
            this.pattern = pattern;
            this.recent = pattern.isSingleObservation() ? null : new ArrayDeque<>();
        }
    }

    /** Adds (or replaces) an indicator by id. */
    public void add(String id, Pattern pattern) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pattern, "pattern");
        long stamp = lock.writeLock();
        try {
            removeLocked(id);
            Indicator indicator = new Indicator(id, pattern);
            for (ObservationExpression.Observation o : pattern.observations()) {
                indicator.entries.add(table.add(id, pattern, o));
            }
            indicators.put(id, indicator);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Adds a STIX indicator whose pattern_type is stix (its spec_version picks 2.0 or 2.1 rules).
     *
     * @throws PatternException when it has no STIX pattern or the pattern is invalid
     */
    public void add(StixObject indicator) {
        String type = indicator.properties().getString("pattern_type");
        String text = indicator.properties().getString("pattern");
        if (indicator.id() == null || text == null || (type != null && !type.equals("stix"))) {
            throw new PatternException(
                    null, "indicator " + indicator.id() + " has no STIX pattern (pattern_type stix, pattern, id)");
        }
        // a 2.0 indicator says so, or has neither spec_version nor pattern_type (both new in 2.1)
        boolean stix20 = "2.0".equals(indicator.specVersion()) || (indicator.specVersion() == null && type == null);
        PatternVersion version = stix20 ? PatternVersion.V2_0 : PatternVersion.V2_1;
        add(indicator.id(), Pattern.parse(text, version));
    }

    /** Removes an indicator; false when it was not there. */
    public boolean remove(String id) {
        long stamp = lock.writeLock();
        try {
            return removeLocked(id);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private boolean removeLocked(String id) {
        Indicator old = indicators.remove(id);
        if (old == null) {
            return false;
        }
        old.entries.forEach(table::remove);
        return true;
    }

    public int size() {
        long stamp = lock.readLock();
        try {
            return indicators.size();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Matches an event observed now. */
    public List<IndicatorMatch> match(Collection<StixProperties> observables) {
        return match(observables, Instant.now());
    }

    /**
     * Matches one event: {@code observables} seen together at {@code time}. References between them resolve by
     * id. Returns the indicators matched, each with what matched.
     */
    public List<IndicatorMatch> match(Collection<StixProperties> observables, Instant time) {
        ObservedData event = event(observables, time);
        List<IndicatorMatch> out = new ArrayList<>();
        long stamp = lock.readLock();
        try {
            List<IndicatorTable.Entry> candidates = new ArrayList<>();
            table.candidates(event, candidates::add);
            if (candidates.isEmpty()) {
                return out;
            }
            Set<IndicatorTable.Entry> seen = Collections.newSetFromMap(new IdentityHashMap<>(candidates.size() * 2));
            Map<Indicator, Boolean> sequences = new LinkedHashMap<>(4);
            for (IndicatorTable.Entry entry : candidates) {
                if (!seen.add(entry) || !holds(entry, event)) {
                    continue;
                }
                Indicator indicator = indicators.get(entry.indicatorId);
                if (indicator == null || indicator.pattern != entry.pattern) {
                    continue;
                }
                if (indicator.recent == null) {
                    out.add(new IndicatorMatch(
                            indicator.id, indicator.pattern, satisfying(entry, event), List.of(event)));
                } else {
                    sequences.put(indicator, Boolean.TRUE);
                }
            }
            for (Indicator indicator : sequences.keySet()) {
                IndicatorMatch m = advance(indicator, event);
                if (m != null) {
                    out.add(m);
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
        return out;
    }

    /** Evaluates one candidate in full; an evaluation error counts as no match for that indicator. */
    private static boolean holds(IndicatorTable.Entry entry, ObservedData event) {
        try {
            return ComparisonEvaluator.test(entry.observation.comparison(), event);
        } catch (PatternException evaluationError) {
            return false;
        }
    }

    private static List<StixProperties> satisfying(IndicatorTable.Entry entry, ObservedData event) {
        List<StixProperties> out = new ArrayList<>(1);
        for (StixProperties o : event.objects().values()) {
            try {
                if (ComparisonEvaluator.holds(entry.observation.comparison(), o, event)) {
                    out.add(o);
                }
            } catch (PatternException evaluationError) {
                // this object cannot be evaluated (a malformed timestamp): it is not among what matched
            }
        }
        return out;
    }

    /** Adds the event to an indicator's recent events and decides its pattern on them. */
    private IndicatorMatch advance(Indicator indicator, ObservedData event) {
        synchronized (indicator) {
            ArrayDeque<ObservedData> recent = indicator.recent;
            recent.addLast(event);
            Instant horizon = event.lastObserved().minus(retention);
            while (!recent.isEmpty()
                    && (recent.size() > maxEventsPerIndicator
                            || recent.peekFirst().lastObserved().isBefore(horizon))) {
                recent.removeFirst();
            }
            MatchResult r;
            try {
                r = PatternMatcher.match(indicator.pattern, new ArrayList<>(recent));
            } catch (PatternException evaluationError) {
                recent.removeLast(); // an event the pattern cannot be evaluated on must not block the others
                return null;
            }
            if (!r.matched()) {
                return null;
            }
            recent.removeIf(e -> r.observedData().contains(e)); // a completed sequence is reported once
            return new IndicatorMatch(indicator.id, indicator.pattern, List.of(), r.observedData());
        }
    }

    private static ObservedData event(Collection<StixProperties> observables, Instant time) {
        StixProperties[] values = observables.toArray(new StixProperties[0]);
        for (StixProperties o : values) {
            Objects.requireNonNull(o, "observable");
        }
        return new ObservedData(time, new ArrayMap(values));
    }
}
