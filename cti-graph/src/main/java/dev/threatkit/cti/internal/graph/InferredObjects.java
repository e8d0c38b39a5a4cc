package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.internal.reasoning.Attributes;
import dev.threatkit.cti.internal.reasoning.Conclusion;
import dev.threatkit.cti.internal.reasoning.Derived;
import dev.threatkit.cti.internal.reasoning.Explanation;
import dev.threatkit.cti.internal.reasoning.Premise;
import dev.threatkit.cti.internal.reasoning.Reasoner;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The STIX objects that store inferred facts: a relationship, a sighting or an incident, with its attributes and its
 * explanations in {@value GraphStore#INFERENCE}.
 */
final class InferredObjects {
    private final GraphStore store;
    private final Reasoner reasoner;

    InferredObjects(GraphStore store, Reasoner reasoner) {
        this.store = store;
        this.reasoner = reasoner;
    }

    static StixObject withoutModified(StixObject o) {
        return o.toBuilder().remove("modified").remove("created").build();
    }

    /** Rule id to explanations, each the list of ids of the facts it joined. */
    Map<String, Object> explanations(Derived d) {
        Map<String, Object> out = new LinkedHashMap<>();
        d.explanations().forEach((rule, es) -> {
            List<Object> list = new ArrayList<>(es.size());
            for (Explanation e : es) {
                List<String> ids = new ArrayList<>(e.premises().size());
                for (String uid : e.premises()) {
                    Premise p = reasoner.held(uid);
                    ids.add(p == null ? uid : p.id);
                }
                list.add(ids);
            }
            out.put(rule, list);
        });
        return out;
    }

    /** The inferred object of an active fact; created and modified kept from {@code before} when unchanged. */
    StixObject build(Derived d, Attributes.Calculator calc, StixObject before, Instant now) {
        Conclusion c = d.conclusion;
        Attributes a = calc.of(d);
        String stamp = Timestamps.format(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        StixObject.Builder b;
        switch (c.type()) {
            case Conclusion.SIGHTING:
                b = StixObject.builder("sighting").id(c.citedId()).put("spec_version", "2.1");
                b.put("created", stamp).put("modified", stamp);
                b.put("sighting_of_ref", c.from()).put("where_sighted_refs", List.of(c.to()));
                period(b, a, "first_seen", "last_seen", true);
                if (a.count() > 0) {
                    b.put("count", Math.min(999_999_999L, a.count()));
                }
                break;
            case Conclusion.INCIDENT:
                b = incident(c, a, stamp);
                break;
            default:
                b = StixObject.builder("relationship").id(c.citedId()).put("spec_version", "2.1");
                b.put("created", stamp).put("modified", stamp);
                b.put("relationship_type", c.type()).put("source_ref", c.from()).put("target_ref", c.to());
                period(b, a, "start_time", "stop_time", false);
                break;
        }
        if (a.confidence() >= 0) {
            b.put("confidence", (long) a.confidence());
        }
        if (!a.markings().isEmpty()) {
            b.put("object_marking_refs", new ArrayList<>(a.markings()));
        }
        b.put(GraphStore.INFERENCE, StixProperties.copyOf(explanations(d)));
        StixObject built = b.build();
        if (before != null) {
            StixObject same = built.toBuilder()
                    .put("created", before.created())
                    .put("modified", before.modified())
                    .build();
            if (withoutModified(same).equals(withoutModified(before))) {
                return before;
            }
            return built.toBuilder()
                    .put("created", before.created())
                    .put("modified", StoreEngine.newer(before.modified(), now))
                    .build();
        }
        return built;
    }

    private StixObject.Builder incident(Conclusion c, Attributes a, String stamp) {
        Premise sighting = reasoner.held(c.to());
        String indicator = sighting == null ? null : sighting.from;
        Entry ind = indicator == null ? null : store.byId(indicator);
        String name = ind != null && ind.name != null ? ind.name : indicator;
        String pattern = ind == null ? null : store.object(ind).getString("pattern");
        StixObject.Builder b = StixObject.builder("incident").id(c.citedId()).put("spec_version", "2.1");
        b.put("created", stamp).put("modified", stamp);
        b.put("name", "Sighting of indicator " + name);
        b.put(
                "description",
                "Raised by the sighting_incident rule: indicator " + name
                        + (pattern == null ? "" : " (" + pattern + ")") + " was sighted in "
                        + (sighting == null ? "an identity" : sighting.to) + ".");
        period(b, a, "first_seen", "last_seen", true);
        return b;
    }

    /** Start and stop when bounded; a stop not after the start is left out ({@code equalAllowed} for sightings). */
    private static void period(StixObject.Builder b, Attributes a, String startKey, String stopKey, boolean equal) {
        boolean hasStart = a.start() != Long.MIN_VALUE;
        boolean hasStop = a.stop() != Long.MAX_VALUE;
        if (hasStart) {
            b.put(startKey, Timestamps.format(Instant.ofEpochMilli(a.start())));
        }
        if (hasStop && (!hasStart || a.stop() > a.start() || (equal && a.stop() == a.start()))) {
            b.put(stopKey, Timestamps.format(Instant.ofEpochMilli(a.stop())));
        }
    }
}
