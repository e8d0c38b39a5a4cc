package dev.threatkit.cti.internal.reasoning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An inferred fact: its conclusion, its explanations by rule (at most {@link #MAX_EXPLANATIONS} kept per rule), and
 * its premise while it is active (supported and not shadowed by the same explicit fact). Mutable; owned by the
 * {@link Reasoner}.
 */
public final class Derived {
    /** Explanations kept per rule; others still count, found again by re-derivation when needed. */
    public static final int MAX_EXPLANATIONS = 100;

    public final Conclusion conclusion;
    private final Map<String, LinkedHashSet<Explanation>> byRule = new TreeMap<>();
    Premise premise;

    Derived(Conclusion conclusion) {
        this.conclusion = conclusion;
    }

    public boolean supported() {
        return !byRule.isEmpty();
    }

    /** True when it stands as a fact: supported, and no explicit fact states the same. */
    public boolean active() {
        return premise != null;
    }

    /** Rule id to explanations, rules sorted. */
    public Map<String, ? extends Collection<Explanation>> explanations() {
        return byRule;
    }

    /** Adds an explanation; false when it was known or the rule's quota is full. */
    boolean add(Explanation e) {
        LinkedHashSet<Explanation> set = byRule.computeIfAbsent(e.rule(), r -> new LinkedHashSet<>());
        return set.size() < MAX_EXPLANATIONS && set.add(e);
    }

    /** Removes every explanation and returns them. */
    List<Explanation> clear() {
        List<Explanation> all = new ArrayList<>();
        byRule.values().forEach(all::addAll);
        byRule.clear();
        return all;
    }

    /** Removes the explanations of {@code rule} and returns them. */
    List<Explanation> clear(String rule) {
        LinkedHashSet<Explanation> gone = byRule.remove(rule);
        return gone == null ? List.of() : new ArrayList<>(gone);
    }

    @Override
    public String toString() {
        return conclusion.key();
    }
}
