package dev.threatkit.cti.graph;

import java.util.List;

/**
 * An entity that shares observables, infrastructure or techniques with the one a {@linkplain Cti#pivot pivot}
 * started from.
 *
 * @param id its stored id
 * @param type its STIX type
 * @param name its name, or null
 * @param observables the stored ids of the observables both are related to, sorted
 * @param infrastructure the stored ids of the infrastructure objects both are related to, sorted
 * @param techniques the stored ids of the attack patterns both use, sorted
 */
public record PivotMatch(
        String id,
        String type,
        String name,
        List<String> observables,
        List<String> infrastructure,
        List<String> techniques) {
    public PivotMatch {
        observables = List.copyOf(observables);
        infrastructure = List.copyOf(infrastructure);
        techniques = List.copyOf(techniques);
    }

    /** How many objects are shared, of every kind. */
    public int shared() {
        return observables.size() + infrastructure.size() + techniques.size();
    }

    /** The stored ids of the shared objects of one kind. */
    public List<String> sharedIds(PivotKind kind) {
        return switch (kind) {
            case OBSERVABLES -> observables;
            case INFRASTRUCTURE -> infrastructure;
            case TECHNIQUES -> techniques;
        };
    }
}
