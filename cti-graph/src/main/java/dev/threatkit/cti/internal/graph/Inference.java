package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.graph.RuleChange;
import dev.threatkit.cti.graph.RuleInfo;
import dev.threatkit.cti.graph.RuleScope;
import dev.threatkit.cti.internal.reasoning.Attributes;
import dev.threatkit.cti.internal.reasoning.Conclusion;
import dev.threatkit.cti.internal.reasoning.Derived;
import dev.threatkit.cti.internal.reasoning.Premise;
import dev.threatkit.cti.internal.reasoning.Reasoner;
import dev.threatkit.cti.internal.reasoning.Rule;
import dev.threatkit.cti.internal.reasoning.RuleCatalog;
import dev.threatkit.cti.internal.reasoning.StoredFacts;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import dev.threatkit.cti.store.StoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The store's side of the rule engine: turns change events into premises for the {@link Reasoner}, and what the
 * reasoner derives into inferred objects and container references, written through the journal like any change
 * (events flagged inferred). Runs inside each write, under the store's write lock, so a write is acknowledged with
 * its inferences. Holds nothing while no rule is enabled.
 */
final class Inference {
    private static final Set<String> CONTAINERS = Set.of("report", "observed-data");

    private final GraphStore store;
    private final Path dataDir;
    private final boolean readOnly;
    private final Map<String, RuleScope> enabled;
    /** Premise types some rule reads: only those are held. */
    private final Set<String> read = new HashSet<>();

    private Reasoner reasoner;
    /** Stored id to the uids of the premises it stands for. */
    private final Map<String, List<String>> premisesOf = new HashMap<>();
    /** Inferred object id to the fact it stores. */
    private final Map<String, Derived> byObjectId = new HashMap<>();
    /** Container id to the references inferred for it, by content id. */
    private final Map<String, Map<String, Derived>> refsOf = new HashMap<>();

    Inference(GraphStore store, Path dataDir, boolean readOnly) {
        this.store = store;
        this.dataDir = dataDir;
        this.readOnly = readOnly;
        this.enabled = RuleSettings.load(dataDir);
        read.addAll(StoredFacts.read());
    }

    List<RuleInfo> rules() {
        List<RuleInfo> out = new ArrayList<>();
        for (Rule r : RuleCatalog.all()) {
            RuleScope scope = enabled.get(r.id());
            out.add(new RuleInfo(
                    r.id(), r.name(), r.description(), scope != null, scope == null ? RuleScope.ALL : scope));
        }
        return out;
    }

    /**
     * Brings stored inferences in line with the enabled rules after an open: derives everything afresh, and removes
     * inferred objects no rule accounts for (a crash between the settings file and the journal). Caller holds the
     * write lock; returns the events written.
     */
    List<ChangeEvent> recover() {
        if (readOnly || (enabled.isEmpty() && store.inferredCountsByType().isEmpty() && !anyInferredRefs())) {
            return List.of();
        }
        List<ChangeEvent> events = new ArrayList<>();
        Set<String> containers = new LinkedHashSet<>();
        if (!enabled.isEmpty()) {
            load();
            enabled.forEach((id, scope) -> reasoner.enable(RuleCatalog.get(id), scope));
        }
        Set<String> wanted = new HashSet<>();
        if (reasoner != null) {
            for (Derived d : reasoner.all()) {
                if (d.active()) {
                    wanted.add(d.conclusion.citedId());
                }
            }
        }
        List<Entry> orphans = new ArrayList<>();
        for (Entry en : store.entries()) {
            if (en.inferred && !wanted.contains(en.id)) {
                orphans.add(en);
            }
            if (en.inferredRefs) {
                containers.add(en.id);
            }
        }
        List<Derived> dirty = reasoner == null ? List.of() : reasoner.takeDirty();
        write(dirty, containers, orphans, events);
        return events;
    }

    private boolean anyInferredRefs() {
        for (Entry en : store.entries()) {
            if (en.inferredRefs) {
                return true;
            }
        }
        return false;
    }

    /**
     * Builds the premises of every stored fact some rule reads. A relationship's premise comes from the catalog;
     * its JSON is parsed only when it has a period (few do), containers and sightings are parsed.
     */
    private void load() {
        if (reasoner != null) {
            return;
        }
        reasoner = new Reasoner(new StoreWorld(store));
        for (Entry en : store.entries()) {
            if (en.inferred || en.revoked || en.deprecated) {
                continue;
            }
            if ("relationship".equals(en.type)) {
                if (read.contains(en.relationshipType)) {
                    byte[] payload = store.journal().read(en.pointer);
                    if (contains(payload, START) || contains(payload, STOP)) {
                        replace(en.id, EventCodec.decode(payload, en.id).object());
                    } else {
                        relationship(en);
                    }
                }
            } else if ("sighting".equals(en.type) || CONTAINERS.contains(en.type)) {
                replace(en.id, store.object(en));
            }
        }
    }

    private static final byte[] START = "\"start_time\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] STOP = "\"stop_time\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The premise of a stored relationship without a period, from its catalog entry. */
    private void relationship(Entry en) {
        if (en.from == null || en.to == null || en.to.length == 0) {
            return;
        }
        String[] markings = en.markings == null ? null : en.markings.clone();
        if (markings != null) {
            java.util.Arrays.sort(markings);
        }
        Premise p = new Premise(
                en.id,
                en.id,
                en.relationshipType,
                canonical(en.from),
                canonical(en.to[0]),
                en.confidence,
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                0,
                markings,
                en.createdBy);
        premisesOf.put(en.id, new ArrayList<>(List.of(p.uid)));
        reasoner.assertExplicit(p);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- rule settings

    RuleChange enable(String ruleId, RuleScope scope, List<ChangeEvent> events) {
        Rule rule = rule(ruleId);
        enabled.put(ruleId, scope);
        RuleSettings.save(dataDir, ordered());
        load();
        reasoner.enable(rule, scope);
        long n = write(reasoner.takeDirty(), Set.of(), List.of(), events);
        return new RuleChange(ruleId, true, n);
    }

    RuleChange disable(String ruleId, List<ChangeEvent> events) {
        rule(ruleId);
        if (!enabled.containsKey(ruleId)) {
            return new RuleChange(ruleId, false, 0);
        }
        enabled.remove(ruleId);
        RuleSettings.save(dataDir, ordered());
        reasoner.disable(ruleId);
        long n = write(reasoner.takeDirty(), Set.of(), List.of(), events);
        if (enabled.isEmpty()) {
            forget(); // nothing left to reason with: free the premises
        }
        return new RuleChange(ruleId, false, n);
    }

    private void forget() {
        reasoner = null;
        premisesOf.clear();
        byObjectId.clear();
        refsOf.clear();
    }

    private static Rule rule(String ruleId) {
        Rule rule = RuleCatalog.get(ruleId);
        if (rule == null) {
            // The facade checks first; this guards other callers.
            throw new StoreException("unknown rule \"" + ruleId + "\"; `cti rules list` names the rules");
        }
        return rule;
    }

    private Map<String, RuleScope> ordered() {
        Map<String, RuleScope> out = new LinkedHashMap<>();
        for (Rule r : RuleCatalog.all()) {
            if (enabled.containsKey(r.id())) {
                out.put(r.id(), enabled.get(r.id()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- live changes

    /**
     * Derives from, or retracts after, the events of one write (already applied), and appends the inferred changes
     * to the journal and to {@code events}. Caller holds the write lock.
     */
    void react(List<ChangeEvent> events) {
        if (reasoner == null || events.isEmpty()) {
            return;
        }
        Set<String> containers = new LinkedHashSet<>();
        List<Entry> touched = new ArrayList<>();
        for (ChangeEvent e : List.copyOf(events)) {
            observe(e, containers, touched);
        }
        write(reasoner.takeDirty(), containers, touched, events);
    }

    private void observe(ChangeEvent e, Set<String> containers, List<Entry> touched) {
        StixObject o = e.object();
        if (o.has(GraphStore.INFERENCE)) {
            // An inferred object another write changed (a cascading delete, a merge): check it against the model.
            Entry en = store.byId(e.objectId());
            if (en != null) {
                touched.add(en);
            }
            return;
        }
        String id = e.objectId();
        for (String merged : e.mergedIds()) {
            replace(merged, null);
            gone(merged);
        }
        replace(id, e.kind() == ChangeKind.DELETE ? null : o);
        if (CONTAINERS.contains(o.type())) {
            containers.add(id);
        }
        if (o.type().equals("relationship") || o.type().equals("sighting")) {
            return;
        }
        switch (e.kind()) {
            case CREATE:
                reasoner.revisit(id);
                break;
            case DELETE:
                gone(id);
                break;
            default:
                String reverse = e.reversePatch();
                if (reverse != null && (reverse.contains("\"/revoked\"") || reverse.contains("/x_mitre_deprecated"))) {
                    refresh(id);
                }
                break;
        }
    }

    /** The object {@code id} is no longer stored: the facts that named it go. */
    private void gone(String id) {
        for (Premise p : reasoner.touching(id)) {
            if (p.explicit()) {
                retract(p.id, p.uid);
            }
        }
    }

    /** Rules may judge the object {@code id} differently now (revoked, deprecated): join its facts again. */
    private void refresh(String id) {
        for (Premise p : reasoner.touching(id)) {
            if (p.explicit()) {
                reasoner.retractExplicit(p.uid);
                reasoner.assertExplicit(p);
            }
        }
    }

    private void retract(String owner, String uid) {
        reasoner.retractExplicit(uid);
        List<String> uids = premisesOf.get(owner);
        if (uids != null) {
            uids.remove(uid);
            if (uids.isEmpty()) {
                premisesOf.remove(owner);
            }
        }
    }

    /** Replaces the premises of stored object {@code id} with those of its new state (null when deleted). */
    private void replace(String id, StixObject now) {
        List<String> old = premisesOf.remove(id);
        Map<String, Premise> next = new LinkedHashMap<>();
        if (now != null) {
            for (Premise p : premises(id, now)) {
                next.put(p.uid, p);
            }
        }
        if (old != null) {
            for (String uid : old) {
                Premise was = reasoner.premise(uid);
                Premise is = next.get(uid);
                if (was != null && is != null && was.sameAs(is)) {
                    next.remove(uid);
                    next.put(uid, null); // unchanged: keep it
                    continue;
                }
                reasoner.retractExplicit(uid);
            }
        }
        List<String> uids = new ArrayList<>(next.size());
        for (Map.Entry<String, Premise> p : next.entrySet()) {
            uids.add(p.getKey());
            if (p.getValue() != null) {
                reasoner.assertExplicit(p.getValue());
            }
        }
        if (!uids.isEmpty()) {
            premisesOf.put(id, uids);
        }
    }

    /** The premises a stored object stands for. */
    private List<Premise> premises(String id, StixObject o) {
        return StoredFacts.of(id, o, this::canonical, read);
    }

    private String canonical(String id) {
        if (id == null) {
            return null;
        }
        Entry e = store.byId(id);
        return e != null ? e.id : id;
    }

    // ---------------------------------------------------------------- writing inferences

    /**
     * Writes what changed: inferred objects created, updated or deleted, and containers whose inferred references
     * changed; {@code touched} are inferred objects to check against the model. Returns the number of inferred
     * objects and references created or removed.
     */
    private long write(Collection<Derived> dirty, Set<String> containers, List<Entry> touched, List<ChangeEvent> out) {
        Attributes.Calculator attributes = reasoner == null ? null : new Attributes.Calculator(reasoner);
        InferredObjects builder = reasoner == null ? null : new InferredObjects(store, reasoner);
        Map<String, Derived> objects = new LinkedHashMap<>();
        Set<String> holders = new LinkedHashSet<>(containers);
        for (Derived d : dirty) {
            Conclusion c = d.conclusion;
            if (c.type().equals(Conclusion.OBJECT)) {
                Map<String, Derived> refs = refsOf.computeIfAbsent(c.from(), k -> new TreeMap<>());
                if (d.active()) {
                    refs.put(c.to(), d);
                } else {
                    refs.remove(c.to(), d);
                    if (refs.isEmpty()) {
                        refsOf.remove(c.from());
                    }
                }
                holders.add(c.from());
            } else {
                String id = c.citedId();
                if (d.active()) {
                    byObjectId.put(id, d);
                } else {
                    byObjectId.remove(id, d);
                }
                objects.put(id, d);
            }
        }
        for (Entry en : touched) {
            objects.putIfAbsent(en.id, byObjectId.get(en.id));
        }
        Instant now = Instant.now();
        List<StixObject> creates = new ArrayList<>();
        List<StixObject[]> updates = new ArrayList<>();
        List<Entry> deletes = new ArrayList<>();
        for (Map.Entry<String, Derived> x : objects.entrySet()) {
            Entry have = store.byId(x.getKey());
            Derived d = x.getValue();
            if (have != null && !have.inferred) {
                continue; // an explicit object with this id states it
            }
            if (d == null || !d.active()) {
                if (have != null) {
                    deletes.add(have);
                }
                continue;
            }
            if (have == null) {
                creates.add(builder.build(d, attributes, null, now));
            } else {
                StixObject before = store.object(have);
                StixObject after = builder.build(d, attributes, before, now);
                if (!InferredObjects.withoutModified(before).equals(InferredObjects.withoutModified(after))) {
                    updates.add(new StixObject[] {before, after});
                }
            }
        }
        creates.sort((a, b) ->
                Boolean.compare(!a.type().equals("incident"), !b.type().equals("incident")));
        deletes.sort((a, b) -> Boolean.compare(a.type.equals("incident"), b.type.equals("incident")));
        long changed = 0;
        for (StixObject o : creates) {
            append(new ChangeEvent(next(), ChangeKind.CREATE, now, source(o), o.id(), o, null, null, null, true), out);
            changed++;
        }
        for (StixObject[] u : updates) {
            append(update(u[0], u[1], now), out);
        }
        for (String holder : holders) {
            changed += writeRefs(holder, builder, now, out);
        }
        for (Entry en : deletes) {
            StixObject last = store.object(en);
            append(
                    new ChangeEvent(next(), ChangeKind.DELETE, now, source(last), en.id, last, null, null, null, true),
                    out);
            changed++;
        }
        return changed;
    }

    private long writeRefs(String holder, InferredObjects builder, Instant now, List<ChangeEvent> out) {
        Entry en = store.byId(holder);
        if (en == null || en.inferred) {
            return 0;
        }
        StixObject before = store.object(en);
        Map<String, Derived> refs = refsOf.getOrDefault(holder, Map.of());
        Map<String, Object> want = new LinkedHashMap<>();
        for (Map.Entry<String, Derived> r : refs.entrySet()) {
            want.put(r.getKey(), builder.explanations(r.getValue()));
        }
        StixProperties had = before.getObject(GraphStore.INFERRED_REFS);
        StixObject after = want.isEmpty()
                ? before.toBuilder().remove(GraphStore.INFERRED_REFS).build()
                : before.toBuilder()
                        .put(GraphStore.INFERRED_REFS, StixProperties.copyOf(want))
                        .build();
        if (after.equals(before)) {
            return 0;
        }
        append(update(before, after, now), out);
        Set<String> was = had == null ? Set.of() : new HashSet<>(had.keys());
        Set<String> is = want.keySet();
        long n = 0;
        for (String k : is) {
            n += was.contains(k) ? 0 : 1;
        }
        for (String k : was) {
            n += is.contains(k) ? 0 : 1;
        }
        return n;
    }

    private ChangeEvent update(StixObject before, StixObject after, Instant now) {
        return new ChangeEvent(
                next(),
                ChangeKind.UPDATE,
                now,
                source(after),
                before.id(),
                after,
                JsonPatch.diff(before, after),
                JsonPatch.diff(after, before),
                null,
                true);
    }

    private long next() {
        return store.lastEventId() + 1;
    }

    private void append(ChangeEvent e, List<ChangeEvent> out) {
        store.append(e);
        out.add(e);
    }

    /** "rule:&lt;id&gt;" of the first rule explaining the object, for history. */
    private static String source(StixObject o) {
        StixProperties inference = o.getObject(GraphStore.INFERENCE);
        return inference == null || inference.isEmpty() ? "rule engine" : "rule:" + inference.keyAt(0);
    }
}
