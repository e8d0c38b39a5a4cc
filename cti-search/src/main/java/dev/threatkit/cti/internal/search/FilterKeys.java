package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.ExtensionDef;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.search.SearchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * Which filter keys exist: OpenCTI's special keys, every property a registered type (or extension, or category)
 * has, nested paths under those ({@code hashes.SHA-256}), custom {@code x_} properties, and any property present
 * in the index. Anything else is refused with the closest valid key, so a typo does not silently match nothing.
 */
final class FilterKeys {
    /** OpenCTI's special keys, in the order messages list them. */
    static final Map<String, FilterKey> SPECIAL = special();

    /** Properties whose keyword fields the mapper derives from external references (no {@code _has} term). */
    static final Set<String> DERIVED = Set.of("external_id", "x_mitre_id");

    private static final List<String> COMMON_KEYS = List.of(
            "name",
            "description",
            "aliases",
            "labels",
            "confidence",
            "created",
            "modified",
            "revoked",
            "value",
            "pattern",
            "valid_from",
            "external_references.external_id",
            "kill_chain_phases.phase_name",
            "hashes.SHA-256");

    private final StixRegistry registry;
    private final IndexReader reader;
    private Set<String> known;

    FilterKeys(StixRegistry registry, IndexReader reader) {
        this.registry = registry;
        this.reader = reader;
    }

    private static Map<String, FilterKey> special() {
        Map<String, FilterKey> m = new LinkedHashMap<>();
        m.put("ids", new FilterKey("ids", FilterKey.Kind.IDS, List.of(), null));
        m.put("entity_type", new FilterKey("entity_type", FilterKey.Kind.ENTITY_TYPE, List.of(), null));
        m.put("relationship_type", FilterKey.property("relationship_type"));
        m.put("fromId", reference("fromId", null, "source_ref", "sighting_of_ref"));
        m.put("toId", reference("toId", null, "target_ref", "where_sighted_refs"));
        m.put(
                "fromOrToId",
                reference("fromOrToId", null, "source_ref", "sighting_of_ref", "target_ref", "where_sighted_refs"));
        m.put("createdBy", reference("createdBy", "identity", "created_by_ref"));
        m.put(
                "objectMarking",
                new FilterKey("objectMarking", FilterKey.Kind.MARKING, List.of("object_marking_refs"), null));
        m.put("objectLabel", new FilterKey("objectLabel", FilterKey.Kind.LABEL, List.of("labels"), null));
        m.put("objects", reference("objects", null, "object_refs"));
        m.put(RegardingOf.KEY, new FilterKey(RegardingOf.KEY, FilterKey.Kind.REGARDING_OF, List.of(), null));
        m.put("id", new FilterKey("id", FilterKey.Kind.IDS, List.of(), null)); // the id property lives in _ids
        return m;
    }

    private static FilterKey reference(String name, String nameType, String... properties) {
        return new FilterKey(name, FilterKey.Kind.REFERENCE, List.of(properties), nameType);
    }

    /**
     * The key {@code name} resolves to.
     *
     * @throws SearchException when no type, extension or indexed object has such a property
     */
    FilterKey resolve(String name) {
        FilterKey special = SPECIAL.get(name);
        if (special != null) {
            return special;
        }
        if (isValidProperty(name)) {
            return FilterKey.property(name);
        }
        throw unknown(name);
    }

    private boolean isValidProperty(String name) {
        if (name.isBlank() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return false;
        }
        String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return head.startsWith("x_") || known().contains(head) || DERIVED.contains(head) || indexed(head);
    }

    private boolean indexed(String property) {
        try {
            return reader.docFreq(new Term(Fields.HAS, property)) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> known() {
        if (known == null) {
            Set<String> s = new TreeSet<>();
            for (TypeDef type : registry.types()) {
                s.addAll(type.properties().keySet());
            }
            for (Category c : Category.values()) {
                s.addAll(registry.commonProperties(c).keySet());
            }
            for (ExtensionDef e : registry.extensions()) {
                s.addAll(e.properties().keySet());
            }
            known = s;
        }
        return known;
    }

    private SearchException unknown(String name) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        Set<String> candidates = new TreeSet<>(known());
        candidates.addAll(SPECIAL.keySet());
        for (String candidate : candidates) {
            int d = distance(name, candidate, best);
            if (d < best) {
                best = d;
                closest = candidate;
            }
        }
        boolean close = closest != null && best <= Math.max(2, name.length() / 3);
        return new SearchException(
                "unknown filter key \"" + name + "\"" + (close ? "; did you mean \"" + closest + "\"?" : "")
                        + "; valid keys include " + String.join(", ", COMMON_KEYS)
                        + " (any property of a registered type, a nested path such as hashes.SHA-256, or a custom x_ "
                        + "property; special keys: " + String.join(", ", SPECIAL.keySet()) + ")");
    }

    /** Levenshtein distance, giving up (returning {@code limit}) once every path is at least {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) {
                return limit;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
