package dev.threatkit.cti.internal.reasoning;

import dev.threatkit.cti.graph.RuleScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the inferred facts of the enabled rules exact while stored facts come and go. New premises are joined
 * forward; a retraction first removes everything that depended on the retracted premise, then re-derives, from
 * what remains, whatever still has another derivation (delete and re-derive), so facts that only support each other
 * through a cycle go away. An inferred fact the same explicit fact states is kept with its explanations but stays
 * inactive (it is neither stored nor used by rules) until the explicit fact goes.
 *
 * <p>Not thread-safe: the store calls it under its write lock.
 */
public final class Reasoner {
    private final Premises facts;
    private final Map<String, Derived> derived = new HashMap<>();
    /** Premise uid to the inferred facts with an explanation citing it. */
    private final Map<String, Set<Derived>> dependents = new HashMap<>();
    /** Fact key to the number of explicit premises stating it. */
    private final Map<String, int[]> explicit = new HashMap<>();

    private final Map<String, Rule> enabled = new LinkedHashMap<>();
    private final Map<String, RuleScope> scopes = new HashMap<>();
    private final Map<String, List<Rule>> readers = new HashMap<>();
    private final ArrayDeque<Premise> queue = new ArrayDeque<>();
    private final ArrayDeque<Derived> toActivate = new ArrayDeque<>();
    private final Set<Derived> dirty = new LinkedHashSet<>();

    public Reasoner(World world) {
        this.facts = new Premises(world);
    }

    // ---------------------------------------------------------------- rules

    public boolean enabled(String ruleId) {
        return enabled.containsKey(ruleId);
    }

    /** Enables a rule (or changes its scope): derives everything it can from what is held. */
    public void enable(Rule rule, RuleScope scope) {
        if (enabled.containsKey(rule.id())) {
            disable(rule.id());
        }
        Map<String, Rule> ordered = new LinkedHashMap<>();
        for (Rule r : RuleCatalog.all()) {
            if (r == rule || enabled.containsKey(r.id())) {
                ordered.put(r.id(), r);
            }
        }
        enabled.clear();
        enabled.putAll(ordered);
        scopes.put(rule.id(), scope);
        readers.clear();
        Rule.Sink sink = sink(rule);
        for (Premise p : new ArrayList<>(facts.all())) {
            if (rule.reads().contains(p.type)) {
                rule.forward(p, facts, sink);
            }
        }
        drain();
    }

    /** Disables a rule: its explanations go, and with them every fact that had no other. */
    public void disable(String ruleId) {
        if (enabled.remove(ruleId) == null) {
            return;
        }
        scopes.remove(ruleId);
        readers.clear();
        List<Derived> seeds = new ArrayList<>();
        List<Premise> roots = new ArrayList<>();
        for (Derived d : derived.values()) {
            if (d.explanations().containsKey(ruleId)) {
                seeds.add(d);
            }
        }
        for (Derived d : seeds) {
            overdelete(d, roots);
        }
        retract(roots, seeds);
    }

    // ---------------------------------------------------------------- explicit facts

    /** A stored fact arrived. */
    public void assertExplicit(Premise p) {
        if (!p.explicit()) {
            throw new IllegalArgumentException("not an explicit premise: " + p.uid);
        }
        facts.add(p);
        explicit.computeIfAbsent(p.triple(), k -> new int[1])[0]++;
        Derived shadowed = derived.get(p.triple());
        if (shadowed != null && shadowed.premise != null) {
            Premise was = shadowed.premise;
            shadowed.premise = null;
            dirty.add(shadowed);
            retract(List.of(was), List.of());
        }
        queue.add(p);
        drain();
    }

    /** A stored fact went (or changed: retract it, then assert its new state). */
    public void retractExplicit(String uid) {
        Premise p = facts.get(uid);
        if (p == null || !p.explicit()) {
            return;
        }
        int[] n = explicit.get(p.triple());
        if (--n[0] == 0) {
            explicit.remove(p.triple());
        }
        retract(List.of(p), List.of());
        Derived unshadowed = derived.get(p.triple());
        if (unshadowed != null && unshadowed.supported() && unshadowed.premise == null) {
            toActivate.add(unshadowed);
        }
        drain();
    }

    /** Joins again the premises touching {@code id}, whose type the rules may now know (it just arrived). */
    public void revisit(String id) {
        if (enabled.isEmpty()) {
            return;
        }
        queue.addAll(facts.touching(id));
        queue.addAll(facts.citing(id));
        drain();
    }

    /** The explicit premise with this uid, or null. */
    public Premise premise(String uid) {
        Premise p = facts.get(uid);
        return p != null && p.explicit() ? p : null;
    }

    /** The premises touching {@code id} (both explicit and inferred). */
    public List<Premise> touching(String id) {
        return List.copyOf(facts.touching(id));
    }

    public int premiseCount() {
        return facts.size();
    }

    // ---------------------------------------------------------------- results

    /**
     * The inferred facts that changed since the last call (explanations, activity), with every inferred fact
     * depending on them (their attributes follow), and forgets those left without explanations.
     */
    public List<Derived> takeDirty() {
        ArrayDeque<Derived> work = new ArrayDeque<>(dirty);
        Set<Derived> out = new LinkedHashSet<>(dirty);
        while (!work.isEmpty()) {
            Derived d = work.poll();
            Set<Derived> deps = dependents.get(d.conclusion.key());
            if (deps != null) {
                for (Derived x : deps) {
                    if (out.add(x)) {
                        work.add(x);
                    }
                }
            }
        }
        dirty.clear();
        for (Derived d : out) {
            if (!d.supported()) {
                derived.remove(d.conclusion.key(), d);
            }
        }
        return new ArrayList<>(out);
    }

    /** Every inferred fact held, active or not. */
    public Collection<Derived> all() {
        return derived.values();
    }

    /** The fact a premise uid names, for explanations: the premise held now, or null. */
    public Premise held(String uid) {
        return facts.get(uid);
    }

    // ---------------------------------------------------------------- engine

    private Rule.Sink sink(Rule rule) {
        return (c, ps) -> derive(rule, c, ps);
    }

    private void derive(Rule rule, Conclusion c, Premise[] ps) {
        if (c.selfLoop() || !admitted(rule, ps)) {
            return;
        }
        String key = c.key();
        List<String> uids = new ArrayList<>(ps.length);
        for (Premise p : ps) {
            if (p.uid.equals(key)) {
                return; // a fact never explains itself
            }
            uids.add(p.uid);
        }
        Derived d = derived.computeIfAbsent(key, k -> new Derived(c));
        Explanation e = new Explanation(rule.id(), uids);
        if (!d.add(e)) {
            return;
        }
        for (String uid : uids) {
            dependents.computeIfAbsent(uid, k -> new HashSet<>(2)).add(d);
        }
        dirty.add(d);
        if (d.premise == null) {
            toActivate.add(d);
        }
    }

    private boolean admitted(Rule rule, Premise[] ps) {
        RuleScope scope = scopes.get(rule.id());
        if (scope == null || scope.unrestricted()) {
            return true;
        }
        boolean typed = scope.entityTypes().isEmpty();
        for (Premise p : ps) {
            if (p.explicit()) {
                if (scope.minConfidence() > 0 && p.confidence < scope.minConfidence()) {
                    return false;
                }
                if (!scope.markings().isEmpty()) {
                    for (String m : p.markings) {
                        if (!scope.markings().contains(m)) {
                            return false;
                        }
                    }
                }
                if (!scope.sources().isEmpty()
                        && (p.createdBy == null || !scope.sources().contains(p.createdBy))) {
                    return false;
                }
            }
            typed = typed || ofType(p.from, scope) || ofType(p.to, scope);
        }
        return typed;
    }

    private boolean ofType(String id, RuleScope scope) {
        World w = facts.world();
        String type = w.type(id);
        String entityType = w.entityType(id);
        for (String t : scope.entityTypes()) {
            if (t.equalsIgnoreCase(type)
                    || (entityType != null && t.equalsIgnoreCase(entityType))
                    || ("stix-cyber-observable".equals(t.toLowerCase(Locale.ROOT)) && w.observable(id))) {
                return true;
            }
        }
        return false;
    }

    /** Joins queued premises and activates supported facts until nothing is left to do. */
    private void drain() {
        while (true) {
            Derived d = toActivate.poll();
            if (d != null) {
                activate(d);
                continue;
            }
            Premise p = queue.poll();
            if (p == null) {
                return;
            }
            if (facts.get(p.uid) != p) {
                continue; // retracted since it was queued
            }
            for (Rule r : readers(p.type)) {
                r.forward(p, facts, sink(r));
            }
        }
    }

    private List<Rule> readers(String type) {
        return readers.computeIfAbsent(type, t -> {
            List<Rule> out = new ArrayList<>();
            for (Rule r : enabled.values()) {
                if (r.reads().contains(t)) {
                    out.add(r);
                }
            }
            return out;
        });
    }

    private void activate(Derived d) {
        if (d.premise != null || !d.supported() || explicit.containsKey(d.conclusion.key())) {
            return;
        }
        if (derived.get(d.conclusion.key()) != d) {
            return; // forgotten since
        }
        d.premise = Premise.of(d);
        facts.add(d.premise);
        dirty.add(d);
        queue.add(d.premise);
    }

    /** Clears every explanation of {@code d}; its premise, if active, joins {@code roots}. */
    private void overdelete(Derived d, List<Premise> roots) {
        for (Explanation e : d.clear()) {
            forget(e, d);
        }
        dirty.add(d);
        if (d.premise != null) {
            roots.add(d.premise);
            d.premise = null;
        }
    }

    private void forget(Explanation e, Derived d) {
        for (String uid : e.premises()) {
            Set<Derived> s = dependents.get(uid);
            if (s != null) {
                s.remove(d);
                if (s.isEmpty()) {
                    dependents.remove(uid);
                }
            }
        }
    }

    /**
     * Removes {@code roots} and, transitively, every inferred fact with an explanation citing a removed one; then
     * re-derives those (and {@code seeds}, already cleared) from what is left.
     */
    private void retract(Collection<Premise> roots, Collection<Derived> seeds) {
        ArrayDeque<Premise> work = new ArrayDeque<>(roots);
        Set<Derived> over = new LinkedHashSet<>(seeds);
        List<Premise> more = new ArrayList<>();
        while (!work.isEmpty()) {
            Premise q = work.poll();
            facts.remove(q);
            Set<Derived> deps = dependents.remove(q.uid);
            if (deps == null) {
                continue;
            }
            for (Derived d : new ArrayList<>(deps)) {
                if (over.add(d)) {
                    more.clear();
                    overdelete(d, more);
                    work.addAll(more);
                }
            }
        }
        for (Derived d : over) {
            for (Rule r : enabled.values()) {
                if (r.concludes().contains(d.conclusion.type())) {
                    r.backward(d.conclusion, facts, sink(r));
                }
            }
        }
        drain();
    }
}
