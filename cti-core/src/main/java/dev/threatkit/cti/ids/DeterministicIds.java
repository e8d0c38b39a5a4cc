package dev.threatkit.cti.ids;

import dev.threatkit.cti.internal.json.CanonicalJson;
import dev.threatkit.cti.markings.Tlp;
import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes deterministic ids. Two schemes, chosen by type:
 *
 * <ul>
 *   <li>SCO types that STIX 2.1 defines (and custom SCOs registered with id-contributing properties): the STIX
 *       rule, UUIDv5 in the STIX namespace of the RFC 8785 canonical JSON of the ID Contributing Properties
 *       present, with one hash chosen by MD5, SHA-1, SHA-256, SHA-512 after normalising algorithm names. A
 *       {@code process} has none: STIX gives it a UUIDv4.
 *   <li>Everything else with a rule (SDOs, relationships, sightings, marking definitions, OpenCTI's own SCOs,
 *       ATT&amp;CK data sources and components): OpenCTI's standard id, from the registry's standard-id ways with
 *       OpenCTI's resolvers (names lowercased and trimmed, hashes reduced to one, refs taken as given).
 * </ul>
 *
 * TLP markings, in any of their spellings, get the fixed ids OpenCTI uses. Thread-safe.
 */
public final class DeterministicIds {
    private static final Set<String> ATTACK_SOURCES = Set.of("mitre-attack", "mitre-mobile-attack", "mitre-ics-attack");
    private static final Map<String, String> IDENTITY_CLASS_OF_ENTITY = Map.of(
            "Individual", "individual",
            "Organization", "organization",
            "Sector", "class",
            "System", "system",
            "SecurityPlatform", "securityplatform");

    private final StixRegistry registry;

    public DeterministicIds(StixRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public static DeterministicIds builtIn() {
        return new DeterministicIds(StixRegistry.builtIn());
    }

    /** The deterministic id of {@code object}, whatever id it carries, or the reason it has none. */
    public IdResult compute(StixObject object) {
        String type = object.type();
        if (type == null) {
            return IdResult.none("the object has no type");
        }
        TypeDef def = registry.type(type);
        if (def == null) {
            return IdResult.none("no id rule for unregistered type \"" + type
                    + "\"; register it with id-contributing properties or standard-id ways");
        }
        if (def.category() == Category.SCO && !def.stixIdProperties().isEmpty()) {
            return stixId(object, def);
        }
        if (def.category() == Category.SCO && "stix-2.1".equals(def.module())) {
            return IdResult.none(type + " has no ID contributing properties in STIX 2.1: its id is a UUIDv4");
        }
        if (type.equals("marking-definition")) {
            Tlp.Level tlp = Tlp.of(object);
            if (tlp != null) {
                return IdResult.of(tlp.stixId(), IdResult.Scheme.FIXED, "");
            }
        }
        if (def.standardIdWays().isEmpty()) {
            return IdResult.none("no deterministic id rule for " + type + " in STIX 2.1 or OpenCTI");
        }
        return openctiId(object, def);
    }

    // ---- STIX 2.1 ------------------------------------------------------------------------------------------

    private IdResult stixId(StixObject object, TypeDef def) {
        Map<String, Object> data = new TreeMap<>();
        for (String p : def.stixIdProperties()) {
            Object v = object.get(p);
            if (v == null) {
                continue;
            }
            if (p.equals("hashes")) {
                v = oneHash(v, HashAlgorithms.STIX_ID_PREFERENCE, true);
                if (v == null) {
                    continue;
                }
            }
            data.put(p, v);
        }
        if (data.isEmpty()) {
            return IdResult.none("none of the ID contributing properties of " + def.type() + " ("
                    + String.join(", ", def.stixIdProperties()) + ") is present: STIX requires a UUIDv4 id");
        }
        return hashed(def.type(), data, IdResult.Scheme.STIX);
    }

    /**
     * One hash as {@code {ALGO: value}}: the first algorithm of {@code preference} present (names normalised),
     * else, when {@code fallbackToFirst}, the first entry as written.
     */
    private static Map<String, Object> oneHash(Object hashes, List<String> preference, boolean fallbackToFirst) {
        if (!(hashes instanceof StixProperties) || ((StixProperties) hashes).isEmpty()) {
            return null;
        }
        StixProperties h = (StixProperties) hashes;
        for (String algo : preference) {
            for (int i = 0; i < h.size(); i++) {
                if (HashAlgorithms.normalize(h.keyAt(i)).equals(algo) && h.valueAt(i) != null) {
                    return Map.of(algo, h.valueAt(i));
                }
            }
        }
        if (!fallbackToFirst || h.valueAt(0) == null) {
            return null;
        }
        return Map.of(HashAlgorithms.normalize(h.keyAt(0)), h.valueAt(0));
    }

    // ---- OpenCTI -------------------------------------------------------------------------------------------

    private IdResult openctiId(StixObject object, TypeDef def) {
        String entityType = registry.entityType(object);
        List<List<String>> ways = waysFor(def, entityType);
        for (List<String> way : ways) {
            Map<String, Object> data = new TreeMap<>();
            for (String member : way) {
                // "key=property": OpenCTI hashes the property's value under another key (objectCovered)
                int eq = member.indexOf('=');
                String key = eq < 0 ? member : member.substring(0, eq);
                Object v = resolve(eq < 0 ? member : member.substring(eq + 1), object, def, entityType);
                if (!isEmpty(v)) {
                    data.put(key, v);
                }
            }
            if (data.isEmpty() || !dependenciesMet(def, data)) {
                continue;
            }
            StixProperties extra = def.standardIdExtra();
            for (int i = 0; i < extra.size(); i++) {
                String key = extra.keyAt(i);
                data.put(key, key.equals("opencti_type") ? entityType : extra.valueAt(i));
            }
            return hashed(def.type(), data, IdResult.Scheme.OPENCTI);
        }
        return IdResult.none("none of the properties OpenCTI derives a " + def.type() + " id from " + describe(ways)
                + " is present");
    }

    private static boolean dependenciesMet(TypeDef def, Map<String, Object> data) {
        for (Map.Entry<String, List<String>> dep : def.standardIdDependencies().entrySet()) {
            if (data.containsKey(dep.getKey()) && !data.keySet().containsAll(dep.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static List<List<String>> waysFor(TypeDef def, String entityType) {
        if (def.type().equals("location")) {
            if ("Position".equals(entityType)) {
                return List.of(List.of("latitude", "longitude"), List.of("name"));
            }
            if ("Administrative-Area".equals(entityType)) {
                return List.of(List.of("name"));
            }
        }
        return def.standardIdWays();
    }

    private Object resolve(String property, StixObject o, TypeDef def, String entityType) {
        boolean sco = def.category() == Category.SCO;
        switch (property) {
            case "name":
                return sco ? o.get("name") : normalizeName(o.get("name"));
            case "identity_class": {
                String mapped = entityType == null ? null : IDENTITY_CLASS_OF_ENTITY.get(entityType);
                return mapped != null ? mapped : normalizeName(o.get("identity_class"));
            }
            case "x_opencti_location_type":
                return entityType;
            case "x_mitre_id":
                return mitreId(o);
            case "definition_type":
                return upper(o.get("definition_type"));
            case "definition": {
                Object d = o.get("definition");
                return d instanceof String ? upper(d) : d;
            }
            case "objects":
                return sortedRefs(o.get("object_refs"));
            case "pattern": {
                Object p = o.get("pattern");
                return p instanceof String ? ((String) p).trim() : p;
            }
            case "hashes":
                return oneHash(o.get("hashes"), HashAlgorithms.OPENCTI_PREFERENCE, false);
            default:
                return o.get(property);
        }
    }

    private static Object mitreId(StixObject o) {
        Object given = o.get("x_mitre_id");
        if (given instanceof String && !((String) given).isEmpty()) {
            return given;
        }
        for (Object ref : o.getList("external_references")) {
            if (ref instanceof StixProperties) {
                StixProperties r = (StixProperties) ref;
                String source = r.getString("source_name");
                if (source != null && ATTACK_SOURCES.contains(source) && r.getString("external_id") != null) {
                    return r.getString("external_id");
                }
            }
        }
        return null;
    }

    private static Object sortedRefs(Object refs) {
        if (!(refs instanceof List)) {
            return refs;
        }
        List<String> ids = new ArrayList<>();
        for (Object r : (List<?>) refs) {
            if (r instanceof String) {
                ids.add((String) r);
            }
        }
        ids.sort(null);
        return ids;
    }

    private static Object normalizeName(Object v) {
        return v instanceof String ? ((String) v).toLowerCase(Locale.ROOT).trim() : v;
    }

    private static Object upper(Object v) {
        return v instanceof String ? ((String) v).toUpperCase(Locale.ROOT) : v;
    }

    private static boolean isEmpty(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof String) {
            return ((String) v).isEmpty();
        }
        if (v instanceof List) {
            return ((List<?>) v).isEmpty();
        }
        return v instanceof Map && ((Map<?, ?>) v).isEmpty();
    }

    private static IdResult hashed(String type, Map<String, Object> data, IdResult.Scheme scheme) {
        String name = CanonicalJson.write(data);
        return IdResult.of(type + "--" + Uuids.v5(Uuids.STIX_NAMESPACE, name), scheme, name);
    }

    private static String describe(List<List<String>> ways) {
        List<String> parts = new ArrayList<>();
        for (List<String> way : ways) {
            parts.add("{" + String.join(", ", way) + "}");
        }
        return String.join(" or ", parts);
    }
}
