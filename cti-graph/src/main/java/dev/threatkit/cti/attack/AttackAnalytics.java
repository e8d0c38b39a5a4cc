package dev.threatkit.cti.attack;

import static dev.threatkit.cti.internal.attack.AttackObjects.EXTERNAL_IDS;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.Direction;
import dev.threatkit.cti.graph.Neighbor;
import dev.threatkit.cti.graph.Page;
import dev.threatkit.cti.internal.attack.AttackObjects;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.store.Caller;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ATT&amp;CK analytics over a store: matrices, coverage, overlap, mitigations and detections. Thread-safe. Every
 * call reads the store as it is, through the caller's eyes; the one thing kept between calls, the few properties
 * coverage reads from techniques, campaigns and groups (ATT&amp;CK id, name, phases, domains), belongs to one
 * {@linkplain Cti#lastEventId() store version} and is dropped as soon as the store changes.
 *
 * <pre>{@code
 * AttackAnalytics attack = AttackAnalytics.of(cti);
 * Coverage apt29 = attack.coverage("G0016", false, false, Caller.ADMIN).orElseThrow();
 * apt29.techniques().forEach(t -> System.out.println(t.externalId() + " " + t.via()));
 * }</pre>
 *
 * <p>Only stored facts count: relationships the rule engine inferred ({@link Neighbor#inferred()}) are skipped,
 * so an inferred {@code uses} never adds to what the stored ones give. Revoked and deprecated objects and
 * relationships are left out unless {@code all}. Ids may be STIX ids or ATT&amp;CK ids ({@code G0016},
 * {@code T1059.001}), as {@link Cti#get} resolves them.
 */
public final class AttackAnalytics {
    /** The types {@link #coverage} accepts. */
    public static final Set<String> COVERAGE_TYPES =
            Set.of("intrusion-set", "campaign", "threat-actor", "malware", "tool");

    private static final String COVERAGE_TYPES_TEXT = "intrusion-set, campaign, threat-actor, malware or tool";

    /** The types whose {@code attributed-to} relationships coverage follows to the entity. */
    private static final Set<String> ATTRIBUTABLE = Set.of("campaign", "intrusion-set");

    private static final String TECHNIQUE = "attack-pattern";
    private static final Comparator<CoveredTechnique> BY_EXTERNAL_ID =
            Comparator.comparing(CoveredTechnique::externalId, EXTERNAL_IDS).thenComparing(CoveredTechnique::id);

    private final Cti cti;
    private final AtomicReference<Facts.Cache> cache;

    private AttackAnalytics(Cti cti) {
        this.cti = cti;
        this.cache = new AtomicReference<>(new Facts.Cache(cti, Long.MIN_VALUE));
    }

    public static AttackAnalytics of(Cti cti) {
        return new AttackAnalytics(Objects.requireNonNull(cti, "cti"));
    }

    // ---------------------------------------------------------------- coverage

    /**
     * The techniques the intrusion set, campaign, threat actor, malware or tool known by {@code id} covers, each
     * once, sorted by ATT&amp;CK id:
     *
     * <ul>
     *   <li>{@link Via#DIRECT}: the entity {@code uses} the technique;
     *   <li>{@link Via#SUBTECHNIQUE}: the technique is the parent ({@code subtechnique-of} target) of a
     *       sub-technique the entity covers directly or through attribution;
     *   <li>{@link Via#ATTRIBUTION}: a campaign or intrusion set attributed to the entity ({@code attributed-to}
     *       relationships pointing at it, followed transitively, each source once) uses the technique or one of
     *       its sub-techniques.
     * </ul>
     *
     * {@code direct} restricts the answer to the entity's own {@code uses}. Empty when the id is unknown or hidden
     * from the caller.
     *
     * @throws IllegalArgumentException when the id names an object of another type (an attack-pattern ...)
     */
    public Optional<Coverage> coverage(String id, boolean direct, boolean all, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        Optional<StixObject> found = cti.get(Objects.requireNonNull(id, "id"), caller);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StixObject entity = found.get();
        if (!COVERAGE_TYPES.contains(entity.type())) {
            throw new IllegalArgumentException(
                    id + " is of type " + entity.type() + "; coverage takes " + COVERAGE_TYPES_TEXT);
        }
        Facts.Cache facts = facts();
        List<User> users = new ArrayList<>();
        users.add(new User(entity.id(), AttackObjects.externalId(entity), entity.name(), false));
        if (!direct) {
            users.addAll(attributed(entity.id(), all, caller, facts));
        }
        Map<String, Covered> covered = new LinkedHashMap<>();
        Map<String, List<String>> parents = new HashMap<>();
        for (User user : users) {
            for (Neighbor used : related(user.id, "uses", Direction.OUT, all, caller)) {
                if (!TECHNIQUE.equals(used.type())) {
                    continue;
                }
                covered.computeIfAbsent(used.id(), k -> new Covered())
                        .add(user.attributed ? Via.ATTRIBUTION : Via.DIRECT, user, null);
                if (direct) {
                    continue;
                }
                List<String> ofUsed = parents.computeIfAbsent(used.id(), k -> parents(k, all, caller));
                for (String parent : ofUsed) {
                    Covered c = covered.computeIfAbsent(parent, k -> new Covered());
                    c.add(Via.SUBTECHNIQUE, user, used.id());
                    if (user.attributed) {
                        c.via.add(Via.ATTRIBUTION);
                    }
                }
            }
        }
        List<CoveredTechnique> out = new ArrayList<>(covered.size());
        for (Map.Entry<String, Covered> e : covered.entrySet()) {
            Facts t = facts.get(e.getKey(), caller);
            if (t != null) {
                out.add(e.getValue().toRecord(t, facts, caller));
            }
        }
        out.sort(BY_EXTERNAL_ID);
        return Optional.of(new Coverage(
                entity.id(),
                users.get(0).externalId,
                entity.type(),
                entity.name(),
                AttackObjects.domains(entity),
                out));
    }

    /**
     * The facts cache of the store as it is now: a new one whenever the store has changed since the last call, so
     * an answer never mixes in what an older version of an object said.
     */
    private Facts.Cache facts() {
        long now = cti.lastEventId();
        Facts.Cache current = cache.get();
        if (current.eventId() == now) {
            return current;
        }
        Facts.Cache fresh = new Facts.Cache(cti, now);
        cache.compareAndSet(current, fresh);
        return fresh;
    }

    /** Who uses techniques on an entity's behalf (or the entity itself). */
    private record User(String id, String externalId, String name, boolean attributed) {}

    /** Campaigns and intrusion sets attributed to the entity, transitively, each once, the entity never. */
    private List<User> attributed(String entityId, boolean all, Caller caller, Facts.Cache facts) {
        Set<String> seen = new HashSet<>();
        seen.add(entityId);
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(entityId));
        List<User> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            for (Neighbor n : related(queue.poll(), "attributed-to", Direction.IN, all, caller)) {
                if (ATTRIBUTABLE.contains(n.type()) && seen.add(n.id())) {
                    Facts source = facts.get(n.id(), caller);
                    if (source != null) {
                        out.add(new User(n.id(), source.externalId(), n.name(), true));
                        queue.add(n.id());
                    }
                }
            }
        }
        return out;
    }

    /** The techniques a technique is a sub-technique of. */
    private List<String> parents(String techniqueId, boolean all, Caller caller) {
        List<String> out = new ArrayList<>(1);
        for (Neighbor n : related(techniqueId, "subtechnique-of", Direction.OUT, all, caller)) {
            if (TECHNIQUE.equals(n.type()) && !n.id().equals(techniqueId)) {
                out.add(n.id());
            }
        }
        return out;
    }

    /** The stored (not inferred) relationships of one type around an object; empty when it is unknown. */
    private List<Neighbor> related(String id, String type, Direction direction, boolean all, Caller caller) {
        List<Neighbor> list = cti.neighbors(id, type, direction, all, caller).orElse(List.of());
        List<Neighbor> out = new ArrayList<>(list.size());
        for (Neighbor n : list) {
            if (!n.inferred()) {
                out.add(n);
            }
        }
        return out;
    }

    /** How one technique is covered, gathered before it is decoded. */
    private static final class Covered {
        final EnumSet<Via> via = EnumSet.noneOf(Via.class);
        final Set<Draft> paths = new LinkedHashSet<>();

        void add(Via how, User user, String subtechniqueId) {
            via.add(how);
            paths.add(new Draft(user, subtechniqueId));
        }

        CoveredTechnique toRecord(Facts t, Facts.Cache facts, Caller caller) {
            List<UsePath> out = new ArrayList<>(paths.size());
            for (Draft d : paths) {
                Facts sub = d.subtechniqueId == null ? null : facts.get(d.subtechniqueId, caller);
                out.add(new UsePath(
                        d.user.id,
                        d.user.externalId,
                        d.user.name,
                        d.user.attributed,
                        d.subtechniqueId,
                        sub == null ? null : sub.externalId()));
            }
            return new CoveredTechnique(
                    t.id(), t.externalId(), t.name(), t.phases(), t.domains(), new ArrayList<>(via), out);
        }
    }

    private record Draft(User user, String subtechniqueId) {}

    /**
     * What two entities' coverages (through every path, not only direct use) share; empty when either id is
     * unknown.
     *
     * @throws IllegalArgumentException when an id names an object {@link #coverage} does not take
     */
    public Optional<Overlap> overlap(String a, String b, boolean all, Caller caller) {
        Optional<Coverage> first = coverage(a, false, all, caller);
        Optional<Coverage> second = coverage(b, false, all, caller);
        return first.isEmpty() || second.isEmpty()
                ? Optional.empty()
                : Optional.of(Overlap.of(first.get(), second.get()));
    }

    // ---------------------------------------------------------------- matrix

    /**
     * The matrix of a domain ({@code enterprise-attack}, {@code mobile-attack}, {@code ics-attack}): the tactics of
     * every {@code x-mitre-matrix} whose {@code x_mitre_domains} holds the domain, in {@code tactic_refs} order and
     * each once, and under each tactic the techniques (not sub-techniques) of the domain with a kill-chain phase
     * of the domain's kill chain ({@code mitre-attack}, {@code mitre-mobile-attack}, {@code mitre-ics-attack})
     * naming the tactic's {@code x_mitre_shortname}, sorted by name then ATT&amp;CK id as the Navigator shows
     * them. Empty when the store holds no matrix of the domain.
     */
    public Optional<AttackMatrix> matrix(String domain, boolean all, Caller caller) {
        Objects.requireNonNull(domain, "domain");
        List<StixObject> matrices = matrices(domain, all, caller);
        if (matrices.isEmpty()) {
            return Optional.empty();
        }
        Map<String, StixObject> tactics = new LinkedHashMap<>();
        for (StixObject matrix : matrices) {
            for (String ref : matrix.getStrings("tactic_refs")) {
                if (!tactics.containsKey(ref)) {
                    cti.get(ref, caller)
                            .filter(t -> t.type().equals("x-mitre-tactic") && (all || !AttackObjects.inactive(t)))
                            .ifPresent(t -> tactics.put(ref, t));
                }
            }
        }
        String killChain = AttackObjects.killChain(domain);
        Map<String, StixObject> patterns = new HashMap<>();
        List<StixObject> techniques = new ArrayList<>();
        for (StixObject t : listAll(TECHNIQUE, caller)) {
            patterns.put(t.id(), t);
            List<String> domains = AttackObjects.domains(t);
            if ((all || !AttackObjects.inactive(t))
                    && !Boolean.TRUE.equals(t.getBoolean("x_mitre_is_subtechnique"))
                    && (domains.isEmpty() || domains.contains(domain))) {
                techniques.add(t);
            }
        }
        techniques.sort(Comparator.comparing((StixObject t) -> t.name() == null ? "" : t.name())
                .thenComparing(AttackObjects::externalId, EXTERNAL_IDS)
                .thenComparing(StixObject::id));
        Map<String, AttackMatrix.Technique> rows = new HashMap<>();
        List<AttackMatrix.Tactic> out = new ArrayList<>(tactics.size());
        for (StixObject tactic : tactics.values()) {
            String shortname = tactic.getString("x_mitre_shortname");
            List<AttackMatrix.Technique> under = new ArrayList<>();
            if (shortname != null) {
                for (StixObject t : techniques) {
                    if (AttackObjects.inPhase(t, killChain, shortname)) {
                        under.add(rows.computeIfAbsent(t.id(), k -> row(t, patterns, all, caller)));
                    }
                }
            }
            out.add(new AttackMatrix.Tactic(
                    tactic.id(), AttackObjects.externalId(tactic), shortname, tactic.name(), under));
        }
        return Optional.of(
                new AttackMatrix(domain, matrices.stream().map(StixObject::id).toList(), out));
    }

    private AttackMatrix.Technique row(
            StixObject technique, Map<String, StixObject> patterns, boolean all, Caller caller) {
        List<String> subs = new ArrayList<>();
        for (Neighbor n : related(technique.id(), "subtechnique-of", Direction.IN, all, caller)) {
            StixObject sub = patterns.get(n.id());
            if (sub != null) {
                String externalId = AttackObjects.externalId(sub);
                if (externalId != null && !subs.contains(externalId)) {
                    subs.add(externalId);
                }
            }
        }
        subs.sort(null);
        return new AttackMatrix.Technique(technique.id(), AttackObjects.externalId(technique), technique.name(), subs);
    }

    private List<StixObject> matrices(String domain, boolean all, Caller caller) {
        List<StixObject> out = new ArrayList<>();
        for (StixObject m : listAll("x-mitre-matrix", caller)) {
            if (AttackObjects.domains(m).contains(domain) && (all || !AttackObjects.inactive(m))) {
                out.add(m);
            }
        }
        return out;
    }

    private List<StixObject> listAll(String type, Caller caller) {
        List<StixObject> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<StixObject> page = cti.list(type, cursor, 10_000, caller);
            out.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    /**
     * The ATT&amp;CK release of a domain's data as the Navigator's {@code versions.attack} wants it (the major
     * version, {@code "18"}), read from a stored {@code x-mitre-collection} whose {@code x_mitre_domains} holds the
     * domain or whose contents list one of the domain's matrices. Empty when no collection says (MITRE's
     * per-domain bundles of Enterprise and Mobile carry none).
     */
    public Optional<String> attackVersion(String domain, Caller caller) {
        List<StixObject> collections = listAll("x-mitre-collection", caller);
        if (collections.isEmpty()) {
            return Optional.empty();
        }
        Set<String> matrixIds = new HashSet<>();
        for (StixObject m : matrices(domain, true, caller)) {
            matrixIds.add(m.id());
        }
        for (StixObject c : collections) {
            String version = c.getString("x_mitre_version");
            if (version == null || version.isBlank()) {
                continue;
            }
            boolean ofDomain = AttackObjects.domains(c).contains(domain);
            for (StixProperties content : c.getObjects("x_mitre_contents")) {
                ofDomain = ofDomain || matrixIds.contains(content.getString("object_ref"));
            }
            if (ofDomain) {
                int dot = version.indexOf('.');
                return Optional.of(dot < 0 ? version : version.substring(0, dot));
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- mitigations and detections

    /**
     * The courses of action that {@code mitigate} the technique known by {@code technique}, sorted by ATT&amp;CK
     * id. Empty when the technique is unknown.
     *
     * @throws IllegalArgumentException when the id names something other than an attack-pattern
     */
    public Optional<List<Mitigation>> mitigations(String technique, boolean all, Caller caller) {
        Optional<StixObject> t = technique(technique, caller);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        List<Mitigation> out = new ArrayList<>();
        for (Neighbor n : related(t.get().id(), "mitigates", Direction.IN, all, caller)) {
            Optional<StixObject> coa = cti.get(n.id(), caller);
            if (coa.isEmpty() || !coa.get().type().equals("course-of-action")) {
                continue;
            }
            String description = cti.get(n.relationship(), caller)
                    .map(StixObject::description)
                    .orElse(null);
            out.add(new Mitigation(
                    n.id(), AttackObjects.externalId(coa.get()), coa.get().name(), n.relationship(), description));
        }
        out.sort(Comparator.comparing(Mitigation::externalId, EXTERNAL_IDS)
                .thenComparing(Mitigation::id)
                .thenComparing(Mitigation::relationship));
        return Optional.of(out);
    }

    /**
     * What {@code detects} the technique known by {@code technique}: ATT&amp;CK 18's detection strategies with
     * their analytics and the log sources (data components) those read, and the data components of earlier
     * releases; sorted by ATT&amp;CK id. Empty when the technique is unknown.
     *
     * @throws IllegalArgumentException when the id names something other than an attack-pattern
     */
    public Optional<List<Detection>> detections(String technique, boolean all, Caller caller) {
        Optional<StixObject> t = technique(technique, caller);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> componentNames = new HashMap<>();
        List<Detection> out = new ArrayList<>();
        for (Neighbor n : related(t.get().id(), "detects", Direction.IN, all, caller)) {
            Optional<StixObject> source = cti.get(n.id(), caller);
            if (source.isEmpty()) {
                continue;
            }
            StixObject s = source.get();
            List<Detection.Analytic> analytics = new ArrayList<>();
            for (String ref : s.getStrings("x_mitre_analytic_refs")) {
                cti.get(ref, caller)
                        .filter(a -> all || !AttackObjects.inactive(a))
                        .ifPresent(a -> analytics.add(analytic(a, componentNames, caller)));
            }
            out.add(new Detection(
                    s.id(), s.type(), AttackObjects.externalId(s), s.name(), n.relationship(), analytics));
        }
        out.sort(Comparator.comparing(Detection::externalId, EXTERNAL_IDS)
                .thenComparing(Detection::id)
                .thenComparing(Detection::relationship));
        return Optional.of(out);
    }

    private Detection.Analytic analytic(StixObject a, Map<String, String> componentNames, Caller caller) {
        List<Detection.LogSource> sources = new ArrayList<>();
        for (StixProperties ref : a.getObjects("x_mitre_log_source_references")) {
            String component = ref.getString("x_mitre_data_component_ref");
            String componentName = component == null
                    ? null
                    : componentNames.computeIfAbsent(
                            component,
                            k -> cti.get(k, caller).map(StixObject::name).orElse(null));
            sources.add(
                    new Detection.LogSource(component, componentName, ref.getString("name"), ref.getString("channel")));
        }
        return new Detection.Analytic(
                a.id(), AttackObjects.externalId(a), a.name(), a.getStrings("x_mitre_platforms"), sources);
    }

    private Optional<StixObject> technique(String id, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        Optional<StixObject> found = cti.get(Objects.requireNonNull(id, "id"), caller);
        if (found.isPresent() && !found.get().type().equals(TECHNIQUE)) {
            throw new IllegalArgumentException(
                    id + " is of type " + found.get().type() + ", not a technique (attack-pattern)");
        }
        return found;
    }
}
