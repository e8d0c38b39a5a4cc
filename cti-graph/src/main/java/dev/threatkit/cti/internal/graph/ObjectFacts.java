package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.ids.DeterministicIds;
import dev.threatkit.cti.ids.IdResult;
import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Derives what the store indexes from an object: its standard id, alias ids, hash values and reference
 * edges. Identity rules (opencti.md section 3.3): alias ids are the standard id computed with each alias as
 * the name, for aliased types only, never for revoked objects nor for ATT&amp;CK objects whose standard id
 * comes from their ATT&amp;CK id.
 */
final class ObjectFacts {
    /** A reference edge: the property it comes from and the id (or meta-vertex name) it points to. */
    record Ref(String label, String target) {}

    static final String KILL_CHAIN_PHASES = "kill_chain_phases";
    static final String EXTERNAL_REFERENCES = "external_references";
    private static final Set<String> ATTACK_SOURCES = Set.of("mitre-attack", "mitre-mobile-attack", "mitre-ics-attack");

    private final StixRegistry registry;
    private final DeterministicIds ids;

    ObjectFacts(StixRegistry registry) {
        this.registry = registry;
        this.ids = new DeterministicIds(registry);
    }

    StixRegistry registry() {
        return registry;
    }

    /**
     * OpenCTI's entity type of the object, or null when its type has none. One of a handful of shared strings: a
     * location's comes from the object itself, so it is interned.
     */
    String entityType(StixObject o) {
        String t = registry.entityType(o);
        return t != null && "location".equals(o.type()) ? t.intern() : t;
    }

    /** The standard id, or null when the type has no rule or the object lacks every contributing property. */
    String standardId(StixObject o) {
        IdResult r = ids.compute(o);
        return r.present() ? r.id() : null;
    }

    /** Alias ids, excluding the standard id itself; null when the rules give none. Thread-safe. */
    String[] aliasIds(StixObject o, String standardId) {
        if (o.revoked() || hasAttackId(o)) {
            return null;
        }
        TypeDef def = registry.type(o.type());
        if (def == null || def.aliasesProperty() == null) {
            return null;
        }
        Set<String> aliases = new LinkedHashSet<>();
        addStrings(aliases, o.getList(def.aliasesProperty()));
        addStrings(aliases, o.getList("x_mitre_aliases"));
        if (aliases.isEmpty()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String alias : aliases) {
            String trimmed = alias.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String id = standardId(o.toBuilder().put("name", trimmed).build());
            if (id != null && !id.equals(standardId)) {
                out.add(id);
            }
        }
        return out.isEmpty() ? null : out.toArray(new String[0]);
    }

    /** True for objects identified by their ATT&amp;CK id (x_mitre_id): never matched by name. */
    static boolean hasAttackId(StixObject o) {
        if (o.has("x_mitre_id")) {
            return true;
        }
        String type = o.type();
        if (!"attack-pattern".equals(type) && !"course-of-action".equals(type)) {
            return false;
        }
        for (StixProperties ref : o.externalReferences()) {
            if (ATTACK_SOURCES.contains(ref.getString("source_name")) && ref.getString("external_id") != null) {
                return true;
            }
        }
        return false;
    }

    /** Sources whose external id names the object itself when it comes first (G0016, T1059.001, CVE-...). */
    private static final Set<String> NAMING_SOURCES =
            Set.of("mitre-attack", "mitre-mobile-attack", "mitre-ics-attack", "capec", "cve");

    /**
     * The object's own external id (ATT&amp;CK, CAPEC, CVE), from its first external reference, or null.
     * Only the first counts: later references are citations of other things.
     */
    static String namingExternalId(StixObject o) {
        List<StixProperties> refs = o.externalReferences();
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        StixProperties first = refs.get(0);
        return NAMING_SOURCES.contains(first.getString("source_name")) ? first.getString("external_id") : null;
    }

    /** Lower-case hash values of an observable, or null. */
    String[] hashes(StixObject o) {
        TypeDef def = registry.type(o.type());
        if (def == null || def.category() != Category.SCO) {
            return null;
        }
        StixProperties hashes = o.getObject("hashes");
        if (hashes == null || hashes.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            if (hashes.valueAt(i) instanceof String) {
                String v = ((String) hashes.valueAt(i)).trim().toLowerCase(Locale.ROOT);
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
        }
        return out.isEmpty() ? null : out.toArray(new String[0]);
    }

    /** Every reference of the object, top level: *_ref, *_refs, kill-chain phases, external references. */
    static List<Ref> refs(StixObject o) {
        StixProperties p = o.properties();
        List<Ref> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            String key = p.keyAt(i);
            Object value = p.valueAt(i);
            if (key.endsWith("_ref") && value instanceof String) {
                if (!((String) value).isEmpty()) { // ATT&CK writes "" for "no data source"
                    out.add(new Ref(key, (String) value));
                }
            } else if (key.endsWith("_refs") && value instanceof List) {
                for (Object v : (List<?>) value) {
                    if (v instanceof String && !((String) v).isEmpty()) {
                        out.add(new Ref(key, (String) v));
                    }
                }
            } else if (key.equals(KILL_CHAIN_PHASES) && value instanceof List) {
                for (Object v : (List<?>) value) {
                    String name = killChainPhase(v);
                    if (name != null) {
                        out.add(new Ref(key, name));
                    }
                }
            } else if (key.equals(EXTERNAL_REFERENCES) && value instanceof List) {
                for (Object v : (List<?>) value) {
                    String name = externalReference(v);
                    if (name != null) {
                        out.add(new Ref(key, name));
                    }
                }
            }
        }
        return out;
    }

    /** True for the names of kill-chain-phase and external-reference vertices (not STIX ids). */
    static boolean isMeta(String target) {
        return target.startsWith("kill-chain-phase:") || target.startsWith("external-reference:");
    }

    /** Meta-vertex name of a kill-chain phase, or null when it lacks its two parts. */
    static String killChainPhase(Object v) {
        if (!(v instanceof StixProperties)) {
            return null;
        }
        StixProperties k = (StixProperties) v;
        String chain = k.getString("kill_chain_name");
        String phase = k.getString("phase_name");
        return chain == null || phase == null ? null : "kill-chain-phase:" + chain + ":" + phase;
    }

    /** Meta-vertex name of an external reference (by source and external id, else url), or null. */
    static String externalReference(Object v) {
        if (!(v instanceof StixProperties)) {
            return null;
        }
        StixProperties r = (StixProperties) v;
        String source = r.getString("source_name");
        String externalId = r.getString("external_id");
        if (source != null && externalId != null) {
            return "external-reference:" + source + ":" + externalId;
        }
        String url = r.getString("url");
        return url == null ? null : "external-reference:" + url;
    }

    /** Name, else value, else null. */
    static String displayName(StixObject o) {
        String name = o.getString("name");
        if (name != null) {
            return name;
        }
        Object value = o.get("value");
        return value == null ? null : value.toString();
    }

    private static void addStrings(Set<String> into, List<Object> values) {
        if (values == null) {
            return;
        }
        for (Object v : values) {
            if (v instanceof String) {
                into.add((String) v);
            }
        }
    }
}
