package dev.threatkit.cti.attack;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.internal.attack.AttackObjects;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What coverage reads from a stored object, so that it decodes each object once per store version. */
record Facts(String id, String externalId, String name, List<String> phases, List<String> domains) {
    static Facts of(StixObject o) {
        return new Facts(
                o.id(), AttackObjects.externalId(o), o.name(), AttackObjects.phases(o), AttackObjects.domains(o));
    }

    /**
     * Facts of one store version ({@link Cti#lastEventId()}). It holds only what callers were shown: an id gets in
     * through {@link Cti#get} with the caller's eyes, and coverage asks only for ids the caller's own neighbour
     * listings returned.
     */
    record Cache(Cti cti, long eventId, ConcurrentHashMap<String, Facts> facts) {
        Cache(Cti cti, long eventId) {
            this(cti, eventId, new ConcurrentHashMap<>());
        }

        /** The facts of the stored object {@code id}, or null when it is not stored or hidden from the caller. */
        Facts get(String id, Caller caller) {
            Facts f = facts.get(id);
            if (f == null) {
                Optional<StixObject> o = cti.get(id, caller);
                if (o.isEmpty()) {
                    return null;
                }
                f = of(o.get());
                facts.put(id, f);
            }
            return f;
        }
    }
}
