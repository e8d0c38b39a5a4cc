package dev.threatkit.cti.graph;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which facts a rule may use. A derivation is made only when every stored fact it joins passes: confidence at least
 * {@code minConfidence} (a fact without confidence fails any minimum above 0), every marking among
 * {@code markings}, author among {@code sources}; and, when {@code entityTypes} is not empty, when one of the
 * objects it joins is of one of those types (a STIX type such as {@code intrusion-set}, or an OpenCTI entity type
 * such as {@code Sector}; {@code Stix-Cyber-Observable} names every observable). An empty set allows everything;
 * inferred facts feeding further rules passed their own rule's scope.
 */
public record RuleScope(Set<String> entityTypes, int minConfidence, Set<String> markings, Set<String> sources) {
    /** No restriction. */
    public static final RuleScope ALL = new RuleScope(Set.of(), 0, Set.of(), Set.of());

    public RuleScope {
        if (minConfidence < 0 || minConfidence > 100) {
            throw new IllegalArgumentException("minConfidence must be 0 to 100, got " + minConfidence);
        }
        entityTypes = sorted(entityTypes);
        markings = sorted(markings);
        sources = sorted(sources);
    }

    private static Set<String> sorted(Set<String> s) {
        return s == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(s));
    }

    /** True when the scope restricts nothing. */
    public boolean unrestricted() {
        return entityTypes.isEmpty() && minConfidence == 0 && markings.isEmpty() && sources.isEmpty();
    }
}
