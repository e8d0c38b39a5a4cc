package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;

/**
 * What the store derives from an object before it takes its write lock: identity keys and the compact JSON
 * the journal will hold. Computed on the import's reading thread, so the writing thread only looks up and
 * links. Valid for {@link #object} only (the same instance).
 *
 * @param object the object the rest was computed from
 * @param standardId its standard id, or null
 * @param aliasIds its alias ids, or null
 * @param hashes its lower-case hash values (observables), or null
 * @param json its compact UTF-8 JSON
 */
record Prepared(StixObject object, String standardId, String[] aliasIds, String[] hashes, byte[] json) {
    static Prepared of(StixObject o, ObjectFacts facts) {
        boolean relationship = "relationship".equals(o.type()) || "sighting".equals(o.type());
        String standardId = relationship ? null : facts.standardId(o);
        String[] aliasIds = relationship ? null : facts.aliasIds(o, standardId);
        ByteSink sink = new ByteSink(1024);
        StixJson.writeJson(o, sink);
        return new Prepared(
                o, standardId, aliasIds, facts.hashes(o), java.util.Arrays.copyOf(sink.array(), sink.size()));
    }

    /** This, when it was computed from {@code o}; else null. */
    Prepared forObject(StixObject o) {
        return o == object ? this : null;
    }
}
