package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.schema.PropertyKind;
import dev.threatkit.cti.schema.PropertySpec;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.Timestamps;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * Turns a stored object into its search document. Every top-level property becomes filterable by its own name
 * (see {@link Fields}), with the value kinds of the schema registry deciding between keyword, number and date;
 * a few properties also feed full text, exact-match and indicator fields. Extension members are flattened to the
 * top level, as OpenCTI's own attributes are, unless the object already has a property of that name.
 */
public final class DocumentMapper {
    /** String properties that can be sorted on, besides every number and date. */
    public static final Set<String> SORTABLE_STRINGS =
            Set.of("name", "value", "relationship_type", "pattern_type", "subject", "entity_type", "x_mitre_id");

    private static final Set<String> ALIASES = Set.of("aliases", "x_mitre_aliases", "x_opencti_aliases");
    private static final Set<String> DESCRIPTIONS = Set.of("description", "x_opencti_description");
    private static final Set<String> OTHER_TEXT = Set.of(
            "value",
            "pattern",
            "abstract",
            "content",
            "explanation",
            "opinion",
            "objective",
            "subject",
            "body",
            "path",
            "key",
            "display_name",
            "account_login",
            "persona_name",
            "x_mitre_detection",
            "x_opencti_additional_names");
    private static final Set<String> EXACT_STRINGS = Set.of("name", "value", "x_opencti_additional_names");
    private static final Set<String> IOC_SOURCES = Set.of("name", "value", "pattern", "description", "path", "key");
    private static final int MAX_DEPTH = 3;

    private final StixRegistry registry;
    // the names of a handful of (type, entity type) pairs, asked for with every document
    private final Map<String, Set<String>> typeNames = new ConcurrentHashMap<>();

    public DocumentMapper(StixRegistry registry) {
        this.registry = registry;
    }

    /** The document of {@code object}, stored under {@code storedId}. */
    public Document map(String storedId, StixObject object) {
        Document doc = new Document();
        String type = object.type() == null ? "unknown" : object.type();
        doc.add(new StringField(Fields.ID, storedId, Field.Store.YES));
        doc.add(new SortedDocValuesField(Fields.ID, new BytesRef(storedId)));
        doc.add(new StoredField(Fields.TYPE, type));
        doc.add(new SortedSetDocValuesField(Fields.TYPE_FACET, new BytesRef(type)));
        String display = object.name() != null ? object.name() : object.getString("value");
        if (display != null) {
            doc.add(new StoredField(Fields.NAME, display));
        }
        addIds(doc, storedId, object);
        String entityType = registry.entityType(object);
        for (String name : typeNames(type, entityType)) {
            doc.add(new StringField(Fields.ENTITY_TYPE, name, Field.Store.NO));
        }
        String sortType = Fields.normalize(entityType != null ? entityType : type);
        doc.add(new SortedDocValuesField(Fields.sort("entity_type"), new BytesRef(sortType)));
        if (object.revoked() || Boolean.TRUE.equals(object.getBoolean("x_mitre_deprecated"))) {
            doc.add(new StringField(Fields.INACTIVE, "1", Field.Store.NO));
        }
        for (String marking : object.objectMarkingRefs()) {
            doc.add(new SortedSetDocValuesField(Fields.MARKING_FACET, new BytesRef(marking)));
        }
        for (String label : object.labels()) {
            doc.add(new SortedSetDocValuesField(Fields.LABEL_FACET, new BytesRef(Fields.keywordValue(label))));
        }
        String author = object.createdByRef();
        if (author != null) {
            doc.add(new SortedSetDocValuesField(Fields.AUTHOR_FACET, new BytesRef(author)));
        }
        addEnds(doc, object);
        addExternalIds(doc, object);

        TypeDef def = registry.type(type);
        StixProperties props = object.properties();
        for (int i = 0; i < props.size(); i++) {
            addProperty(doc, def, props.keyAt(i), props.valueAt(i));
        }
        StixProperties extensions = object.getObject("extensions");
        Set<String> flattened = extensions == null ? Set.of() : new HashSet<>();
        for (int i = 0; extensions != null && i < extensions.size(); i++) {
            if (extensions.valueAt(i) instanceof StixProperties) {
                StixProperties ext = (StixProperties) extensions.valueAt(i);
                for (int j = 0; j < ext.size(); j++) {
                    String key = ext.keyAt(j);
                    if (!"extension_type".equals(key) && !props.containsKey(key) && flattened.add(key)) {
                        addProperty(doc, null, key, ext.valueAt(j));
                    }
                }
            }
        }
        return doc;
    }

    private Set<String> typeNames(String type, String entityType) {
        String key = entityType == null ? type : type + '|' + entityType;
        Set<String> names = typeNames.get(key);
        if (names == null) {
            names = Set.copyOf(EntityTypeHierarchy.namesOf(type, entityType, registry));
            if (typeNames.size() < 10_000) { // custom types are open-ended
                typeNames.put(key, names);
            }
        }
        return names;
    }

    private static void addIds(Document doc, String storedId, StixObject object) {
        if (storedId.equals(object.id()) && !object.has("x_opencti_stix_ids") && !object.has("x_opencti_id")) {
            return; // the common case: known by its stored id alone, which is _id
        }
        Set<String> ids = new HashSet<>();
        if (object.id() != null) {
            ids.add(object.id());
        }
        ids.addAll(object.getStrings("x_opencti_stix_ids"));
        String standard = object.getString("x_opencti_id");
        if (standard != null) {
            ids.add(standard);
        }
        ids.remove(storedId); // indexed as _id already
        for (String id : ids) {
            if (id.length() <= Fields.MAX_KEYWORD) { // an id longer than that is no STIX id anyone will look up
                doc.add(new StringField(Fields.IDS, id, Field.Store.NO));
            }
        }
    }

    private static void addEnds(Document doc, StixObject object) {
        String from = null;
        List<String> to = List.of();
        if ("relationship".equals(object.type())) {
            from = object.getString("source_ref");
            String target = object.getString("target_ref");
            to = target == null ? List.of() : List.of(target);
        } else if ("sighting".equals(object.type())) {
            from = object.getString("sighting_of_ref");
            to = object.getStrings("where_sighted_refs");
        }
        if (from != null) {
            doc.add(new SortedSetDocValuesField(Fields.FROM, new BytesRef(from)));
        }
        for (String t : to) {
            doc.add(new SortedSetDocValuesField(Fields.TO, new BytesRef(t)));
        }
    }

    private static void addExternalIds(Document doc, StixObject object) {
        for (StixProperties ref : object.externalReferences()) {
            String externalId = ref.getString("external_id");
            if (externalId != null && !externalId.isBlank()) {
                String value = Fields.keywordValue(externalId);
                doc.add(new StringField(Fields.EXACT, value, Field.Store.NO));
                doc.add(new StringField(Fields.keyword("external_id"), value, Field.Store.NO));
                if (isAttackSource(ref.getString("source_name"))) {
                    doc.add(new StringField(Fields.keyword("x_mitre_id"), value, Field.Store.NO));
                    doc.add(new SortedDocValuesField(Fields.sort("x_mitre_id"), new BytesRef(value)));
                    doc.add(new TextField(Fields.TEXT_NAME, externalId, Field.Store.NO));
                }
            }
        }
    }

    private static boolean isAttackSource(String source) {
        return "mitre-attack".equals(source)
                || "mitre-mobile-attack".equals(source)
                || "mitre-ics-attack".equals(source);
    }

    private void addProperty(Document doc, TypeDef def, String key, Object value) {
        if (value == null) {
            return;
        }
        doc.add(new StringField(Fields.HAS, key, Field.Store.NO));
        if ("id".equals(key)) {
            return; // in _ids already, with the other ids the object is known by
        }
        PropertySpec spec = def == null ? null : def.property(key);
        PropertyKind kind = spec == null ? null : spec.kind();
        if (kind == PropertyKind.LIST && spec.element() != null) {
            kind = spec.element().kind();
        }
        addText(doc, key, value);
        addValue(doc, key, key, kind, value, 0, true);
    }

    /** The full-text field a top-level property's strings are analysed into, or null when it has none. */
    static String textField(String property) {
        return "name".equals(property)
                ? Fields.TEXT_NAME
                : ALIASES.contains(property)
                        ? Fields.TEXT_ALIAS
                        : DESCRIPTIONS.contains(property)
                                ? Fields.TEXT_DESCRIPTION
                                : OTHER_TEXT.contains(property) ? Fields.TEXT_OTHER : null;
    }

    private static void addText(Document doc, String key, Object value) {
        if ("hashes".equals(key) && value instanceof StixProperties) {
            // a file is found by any of its hashes, exactly, like its name
            StixProperties hashes = (StixProperties) value;
            for (int i = 0; i < hashes.size(); i++) {
                if (hashes.valueAt(i) instanceof String
                        && ((String) hashes.valueAt(i)).length() <= Fields.MAX_KEYWORD) {
                    doc.add(new StringField(
                            Fields.EXACT, Fields.normalize((String) hashes.valueAt(i)), Field.Store.NO));
                }
            }
            return;
        }
        String field = textField(key);
        boolean exact = EXACT_STRINGS.contains(key) || ALIASES.contains(key);
        boolean ioc = IOC_SOURCES.contains(key);
        if (field == null && !exact && !ioc) {
            return;
        }
        for (String s : strings(value)) {
            if (field != null) {
                doc.add(new TextField(field, s, Field.Store.NO));
            }
            if (exact && s.length() <= Fields.MAX_KEYWORD) {
                doc.add(new StringField(Fields.EXACT, Fields.normalize(s), Field.Store.NO));
            }
            if (ioc) {
                IocTokens.extract(s, token -> doc.add(new StringField(Fields.IOC, token, Field.Store.NO)));
            }
        }
    }

    private static List<String> strings(Object value) {
        if (value instanceof String) {
            return List.of((String) value);
        }
        if (value instanceof List) {
            List<String> out = new java.util.ArrayList<>();
            for (Object o : (List<?>) value) {
                if (o instanceof String) {
                    out.add((String) o);
                }
            }
            return out;
        }
        return List.of();
    }

    /**
     * Indexes one value under {@code path}: strings as keywords (and as dates when the schema says timestamp or
     * the value is one), numbers as points, booleans as "true"/"false", lists element by element, nested objects
     * member by member down to a fixed depth.
     */
    private void addValue(
            Document doc, String property, String path, PropertyKind kind, Object value, int depth, boolean top) {
        if (value instanceof String) {
            String s = (String) value;
            if ((kind == PropertyKind.TIMESTAMP
                            || kind == null
                            || kind == PropertyKind.ANY
                            || kind == PropertyKind.STRING)
                    && looksLikeTimestamp(s)) {
                // dates are points only: every comparison on them is a range, and a keyword per instant would
                // fill the term dictionary with values nobody types
                long millis = Timestamps.parse(s).toEpochMilli();
                doc.add(new LongPoint(Fields.number(path), millis));
                doc.add(new SortedNumericDocValuesField(Fields.number(path), millis));
                return;
            }
            if (s.length() <= Fields.MAX_KEYWORD) {
                doc.add(new StringField(Fields.keyword(path), Fields.normalize(s), Field.Store.NO));
            }
            if (top && SORTABLE_STRINGS.contains(path)) {
                doc.add(new SortedDocValuesField(Fields.sort(path), new BytesRef(Fields.keywordValue(s))));
            }
        } else if (value instanceof Long || value instanceof Integer) {
            long v = ((Number) value).longValue();
            // ranges on numbers go through the double points, so integer and decimal values compare alike
            doc.add(new StringField(Fields.keyword(path), Long.toString(v), Field.Store.NO));
            doc.add(new DoublePoint(Fields.decimal(path), v));
            doc.add(new SortedNumericDocValuesField(Fields.number(path), v));
        } else if (value instanceof Number) {
            double v = ((Number) value).doubleValue();
            doc.add(new StringField(Fields.keyword(path), value.toString(), Field.Store.NO));
            doc.add(new DoublePoint(Fields.decimal(path), v));
            doc.add(new SortedNumericDocValuesField(Fields.decimal(path), NumericUtils.doubleToSortableLong(v)));
        } else if (value instanceof Boolean) {
            doc.add(new StringField(Fields.keyword(path), value.toString(), Field.Store.NO));
        } else if (value instanceof List) {
            for (Object element : (List<?>) value) {
                addValue(doc, property, path, kind, element, depth, false);
            }
        } else if (value instanceof StixProperties && depth < MAX_DEPTH && !"extensions".equals(property)) {
            StixProperties nested = (StixProperties) value;
            for (int i = 0; i < nested.size(); i++) {
                String member = nested.keyAt(i);
                if (!"description".equals(member)) { // citations and notes inside references: text, not keys
                    addValue(doc, property, path + "." + member, null, nested.valueAt(i), depth + 1, false);
                }
            }
        }
    }

    private static boolean looksLikeTimestamp(String s) {
        // cheap shape test before the full check: 2021-01-01T...
        return s.length() >= 20
                && s.length() <= 30
                && s.charAt(4) == '-'
                && s.charAt(10) == 'T'
                && Timestamps.isValid(s);
    }
}
