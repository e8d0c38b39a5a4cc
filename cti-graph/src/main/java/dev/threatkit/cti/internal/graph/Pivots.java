package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.graph.Direction;
import dev.threatkit.cti.graph.Neighbor;
import dev.threatkit.cti.graph.PivotKind;
import dev.threatkit.cti.graph.PivotMatch;
import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.store.Caller;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * From one entity to the domain objects that share something with it: observables or infrastructure related
 * to both (directly, by any relationship or sighting), or attack patterns both {@code uses}. Inferred
 * relationships do not count; revoked and deprecated ones, and revoked-by, only with {@code all}.
 */
final class Pivots {
    private final GraphStore store;
    private final Traversals traversals;

    Pivots(GraphStore store, Traversals traversals) {
        this.store = store;
        this.traversals = traversals;
    }

    /**
     * The domain objects sharing objects of {@code kinds} (every kind when empty) with the object known by
     * {@code id}, most shared first, then by id; at most {@code limit}. Null when the id is unknown or hidden.
     */
    List<PivotMatch> pivot(String id, Set<PivotKind> kinds, int limit, boolean all, Caller caller) {
        store.readLock().lock();
        try {
            Entry self = store.resolve(id);
            if (self == null || !self.visibleTo(caller)) {
                return null;
            }
            Map<Entry, Map<PivotKind, Set<String>>> found = new HashMap<>();
            for (PivotKind kind : kinds.isEmpty() ? EnumSet.allOf(PivotKind.class) : EnumSet.copyOf(kinds)) {
                for (Entry shared : linked(self, kind, true, all, caller)) {
                    for (Entry other : linked(shared, kind, false, all, caller)) {
                        if (other != self && is(other, Category.SDO)) {
                            found.computeIfAbsent(other, k -> new EnumMap<>(PivotKind.class))
                                    .computeIfAbsent(kind, k -> new TreeSet<>())
                                    .add(shared.id);
                        }
                    }
                }
            }
            List<PivotMatch> out = new ArrayList<>(found.size());
            found.forEach((e, shared) -> out.add(new PivotMatch(
                    e.id,
                    e.type,
                    e.name,
                    List.copyOf(shared.getOrDefault(PivotKind.OBSERVABLES, Set.of())),
                    List.copyOf(shared.getOrDefault(PivotKind.INFRASTRUCTURE, Set.of())),
                    List.copyOf(shared.getOrDefault(PivotKind.TECHNIQUES, Set.of())))));
            out.sort(Comparator.comparingInt(PivotMatch::shared).reversed().thenComparing(PivotMatch::id));
            return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
        } finally {
            store.readLock().unlock();
        }
    }

    /**
     * With {@code towardsShared}, the observables, infrastructure or attack patterns ({@code kind}) that the
     * entity {@code e} is related to or uses; without, the stored objects related to, or using, the shared
     * object {@code e}.
     */
    private List<Entry> linked(Entry e, PivotKind kind, boolean towardsShared, boolean all, Caller caller) {
        boolean uses = kind == PivotKind.TECHNIQUES;
        Set<Entry> out = new LinkedHashSet<>();
        for (Neighbor n : traversals.around(e, uses ? "uses" : null, all, caller)) {
            if (n.inferred() || (uses && n.direction() != (towardsShared ? Direction.OUT : Direction.IN))) {
                continue;
            }
            Entry other = store.byId(n.id());
            if (other != null && (!towardsShared || isShareable(other, kind))) {
                out.add(other);
            }
        }
        return new ArrayList<>(out);
    }

    private boolean isShareable(Entry e, PivotKind kind) {
        return switch (kind) {
            case OBSERVABLES -> is(e, Category.SCO);
            case INFRASTRUCTURE -> "infrastructure".equals(e.type);
            case TECHNIQUES -> "attack-pattern".equals(e.type);
        };
    }

    private boolean is(Entry e, Category category) {
        TypeDef def = store.facts().registry().type(e.type);
        return def != null && def.category() == category;
    }
}
