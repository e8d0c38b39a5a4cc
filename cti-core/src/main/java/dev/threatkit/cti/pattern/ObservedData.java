package dev.threatkit.cti.pattern;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One observed-data as a pattern sees it: its time interval, how many observations it stands for, and the
 * cyber-observable objects a pattern may reach, keyed as references name them (the 2.0 local keys "0", "1", or
 * the 2.1 ids listed in object_refs). Immutable.
 */
public final class ObservedData {
    private final String id;
    private final Instant firstObserved;
    private final Instant lastObserved;
    private final long numberObserved;
    private final Map<String, StixProperties> objects;

    public ObservedData(
            String id,
            Instant firstObserved,
            Instant lastObserved,
            long numberObserved,
            Map<String, StixProperties> objects) {
        this.id = id;
        this.firstObserved = Objects.requireNonNull(firstObserved, "firstObserved");
        this.lastObserved = Objects.requireNonNull(lastObserved, "lastObserved");
        this.numberObserved = numberObserved;
        this.objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
    }

    /** For the index's events: {@code objects} is immutable and not shared, so it is taken as it is. */
    ObservedData(Instant time, Map<String, StixProperties> objects) {
        this.id = null;
        this.firstObserved = time;
        this.lastObserved = time;
        this.numberObserved = 1;
        this.objects = objects;
    }

    /** The observed-data's id; may be null in test data. */
    public String id() {
        return id;
    }

    public Instant firstObserved() {
        return firstObserved;
    }

    public Instant lastObserved() {
        return lastObserved;
    }

    public long numberObserved() {
        return numberObserved;
    }

    /** The observable objects by the key references use. */
    public Map<String, StixProperties> objects() {
        return objects;
    }

    /**
     * STIX 2.0: observed-data objects with their {@code objects} dictionary embedded (any object with that
     * dictionary and the observation times is taken as one).
     *
     * @throws PatternException when an observed-data lacks its times or objects
     */
    public static List<ObservedData> fromStix20(List<StixObject> observedData) {
        List<ObservedData> out = new ArrayList<>(observedData.size());
        for (StixObject o : observedData) {
            StixProperties embedded = o.properties().getObject("objects");
            if (embedded == null) { // the type is not checked: test data uses containers of other names
                throw new PatternException(
                        null, "expected observed-data with an objects dictionary, not " + describe(o));
            }
            Map<String, StixProperties> objects = new LinkedHashMap<>();
            for (int i = 0; i < embedded.size(); i++) {
                if (embedded.valueAt(i) instanceof StixProperties p) {
                    objects.put(embedded.keyAt(i), p);
                }
            }
            out.add(of(o, objects));
        }
        return out;
    }

    /**
     * STIX 2.1: a pool of objects (the objects of one or more bundles). Each observed-data in it is one entry,
     * with the pool objects its object_refs lists; anything else is out of a pattern's reach.
     */
    public static List<ObservedData> fromStix21(List<StixObject> pool) {
        Map<String, StixProperties> byId = new LinkedHashMap<>();
        for (StixObject o : pool) {
            if (o.id() != null) {
                byId.put(o.id(), o.properties());
            }
        }
        List<ObservedData> out = new ArrayList<>();
        for (StixObject o : pool) {
            if (!"observed-data".equals(o.type())) {
                continue;
            }
            Map<String, StixProperties> objects = new LinkedHashMap<>();
            List<Object> refs = o.properties().getList("object_refs");
            if (refs != null) {
                for (Object ref : refs) {
                    if (ref instanceof String s && byId.containsKey(s)) {
                        objects.put(s, byId.get(s));
                    }
                }
            }
            out.add(of(o, objects));
        }
        return out;
    }

    private static ObservedData of(StixObject o, Map<String, StixProperties> objects) {
        Instant first = time(o, "first_observed");
        Instant last = time(o, "last_observed");
        Long count = o.properties().get("number_observed") instanceof Long n ? n : null;
        if (count == null || count < 1) {
            throw new PatternException(null, describe(o) + " needs number_observed, an integer of at least 1");
        }
        return new ObservedData(o.id(), first, last, count, objects);
    }

    private static Instant time(StixObject o, String property) {
        String value = o.properties().getString(property);
        if (value == null || !Timestamps.isValid(value)) {
            throw new PatternException(null, describe(o) + " needs " + property + ", a STIX timestamp");
        }
        return Timestamps.parse(value);
    }

    private static String describe(StixObject o) {
        return o.id() != null ? o.id() : "an object of type " + o.type();
    }

    @Override
    public String toString() {
        return "ObservedData[" + id + ", " + firstObserved + " .. " + lastObserved + ", x" + numberObserved + ", "
                + objects.size() + " objects]";
    }
}
