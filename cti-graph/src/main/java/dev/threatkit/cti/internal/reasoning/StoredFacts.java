package dev.threatkit.cti.internal.reasoning;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * How a stored object becomes the premises rules read: a relationship one, a sighting one per place sighted, a
 * report or observed data one per reference, observed data one more for its author. Revoked and deprecated objects
 * give none.
 */
public final class StoredFacts {
    private StoredFacts() {}

    /** Relationship types, and the premise types rules read at all: other relationships give no premise. */
    public static Set<String> read() {
        Set<String> read = new java.util.HashSet<>();
        for (Rule r : RuleCatalog.all()) {
            read.addAll(r.reads());
        }
        return read;
    }

    /**
     * The premises of the object stored under {@code id}; {@code canonical} maps a reference to the stored id of
     * what it names (an object may be referred to by a previous id); {@code read} is {@link #read()}.
     */
    public static List<Premise> of(String id, StixObject o, UnaryOperator<String> canonical, Set<String> read) {
        if (o.revoked() || Boolean.TRUE.equals(o.getBoolean("x_mitre_deprecated"))) {
            return List.of();
        }
        List<Premise> out = new ArrayList<>(1);
        int confidence = confidence(o);
        String[] markings = markings(o);
        String author = o.createdByRef() == null ? null : canonical.apply(o.createdByRef());
        switch (o.type()) {
            case "relationship": {
                String type = o.getString("relationship_type");
                String from = o.getString("source_ref");
                String to = o.getString("target_ref");
                if (type != null && from != null && to != null && read.contains(type)) {
                    out.add(new Premise(
                            id,
                            id,
                            type,
                            canonical.apply(from),
                            canonical.apply(to),
                            confidence,
                            time(o, "start_time", Long.MIN_VALUE),
                            time(o, "stop_time", Long.MAX_VALUE),
                            0,
                            markings,
                            author));
                }
                break;
            }
            case "sighting": {
                String of = o.getString("sighting_of_ref");
                List<String> where = o.getStrings("where_sighted_refs");
                Long count = o.getLong("count");
                if (of != null && where != null) {
                    for (String w : new LinkedHashSet<>(where)) {
                        out.add(new Premise(
                                id + '|' + w,
                                id,
                                Conclusion.SIGHTING,
                                canonical.apply(of),
                                canonical.apply(w),
                                confidence,
                                time(o, "first_seen", Long.MIN_VALUE),
                                time(o, "last_seen", Long.MAX_VALUE),
                                count == null ? 1 : Math.max(0, count),
                                markings,
                                author));
                    }
                }
                break;
            }
            case "report":
            case "observed-data": {
                List<String> refs = o.getStrings("object_refs");
                if (refs != null) {
                    for (String ref : new LinkedHashSet<>(refs)) {
                        out.add(new Premise(
                                id + "#object:" + ref,
                                id,
                                Conclusion.OBJECT,
                                id,
                                canonical.apply(ref),
                                confidence,
                                Long.MIN_VALUE,
                                Long.MAX_VALUE,
                                0,
                                markings,
                                author));
                    }
                }
                if (o.type().equals("observed-data") && author != null) {
                    Long n = o.getLong("number_observed");
                    out.add(new Premise(
                            id + "#created-by",
                            id,
                            Conclusion.CREATED_BY,
                            id,
                            author,
                            confidence,
                            time(o, "first_observed", Long.MIN_VALUE),
                            time(o, "last_observed", Long.MAX_VALUE),
                            n == null ? 0 : Math.max(0, n),
                            markings,
                            author));
                }
                break;
            }
            default:
                break;
        }
        return out;
    }

    /** True for the types {@link #of} may give premises for. */
    public static boolean mayHold(String type) {
        return type.equals("relationship")
                || type.equals("sighting")
                || type.equals("report")
                || type.equals("observed-data");
    }

    private static int confidence(StixObject o) {
        Long c = o.confidence();
        return c == null ? -1 : (int) Math.max(0, Math.min(100, c));
    }

    private static String[] markings(StixObject o) {
        List<String> m = o.objectMarkingRefs();
        return m == null || m.isEmpty() ? null : new TreeSet<>(m).toArray(new String[0]);
    }

    private static long time(StixObject o, String property, long absent) {
        String s = o.getString(property);
        if (s == null || !Timestamps.isValid(s)) {
            return absent;
        }
        return Timestamps.parse(s).toEpochMilli();
    }
}
