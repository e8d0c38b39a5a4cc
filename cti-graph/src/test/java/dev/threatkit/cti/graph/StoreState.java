package dev.threatkit.cti.graph;

import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a store holds, compact enough to compare two opens of the same data directory: the counts by type, the last
 * event id, the merge suggestions, and per stored id a hash of its JSON and the relationships and sightings
 * around it (so the graph projection is compared, not only the catalog).
 */
record StoreState(Map<String, Integer> stats, long lastEventId, List<String> suggestions, Map<String, Long> objects) {

    static StoreState of(Cti cti) {
        Map<String, Long> objects = new TreeMap<>();
        cti.forEachObject(Caller.ADMIN, o -> objects.put(o.id(), fingerprint(cti, o)));
        List<String> suggestions = cti.suggestions().stream()
                .map(s -> String.join(" + ", s.ids()) + ": " + s.reason())
                .collect(Collectors.toList());
        return new StoreState(new TreeMap<>(cti.stats()), cti.lastEventId(), suggestions, objects);
    }

    private static long fingerprint(Cti cti, StixObject o) {
        long h = StixJson.toJson(o).hashCode();
        List<Neighbor> around =
                cti.neighbors(o.id(), null, Direction.BOTH, true, Caller.ADMIN).orElseThrow();
        for (Neighbor n : around) {
            h = h * 31 + (n.relationship() + n.direction() + n.id()).hashCode();
        }
        return h * 31 + around.size();
    }
}
