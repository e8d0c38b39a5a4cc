package dev.threatkit.cti.schema;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.StixReader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one schema module file (docs/schema-format.md) into a registry builder. */
final class SchemaModuleReader {
    private final StixRegistry.Builder target;
    private final String source;

    SchemaModuleReader(StixRegistry.Builder target, String source) {
        this.target = target;
        this.source = source;
    }

    void read(InputStream in) {
        StixProperties root;
        try (StixReader reader = StixReader.open(in, source)) {
            if (reader.shape() != StixReader.Shape.SINGLE || !reader.hasNext()) {
                throw error("", "a schema module is one JSON object");
            }
            StixObject o = reader.next();
            root = o.properties();
        }
        String module = root.getString("module");
        if (module == null) {
            throw error("module", "missing: name the module (\"module\": \"acme\")");
        }
        target.module(module);
        StixProperties vocabularies = object(root, "vocabularies");
        for (int i = 0; i < vocabularies.size(); i++) {
            readVocabulary(
                    vocabularies.keyAt(i), asObject(vocabularies.valueAt(i), "vocabularies." + vocabularies.keyAt(i)));
        }
        StixProperties common = object(root, "common");
        for (int i = 0; i < common.size(); i++) {
            Category category = category(common.keyAt(i), "common." + common.keyAt(i));
            StixProperties props = asObject(common.valueAt(i), "common." + common.keyAt(i));
            for (int j = 0; j < props.size(); j++) {
                String path = "common." + common.keyAt(i) + "." + props.keyAt(j);
                target.commonProperty(category, props.keyAt(j), spec(props.valueAt(j), path));
            }
        }
        StixProperties types = object(root, "types");
        for (int i = 0; i < types.size(); i++) {
            target.register(readType(module, types.keyAt(i), asObject(types.valueAt(i), "types." + types.keyAt(i))));
        }
        StixProperties aliases = object(root, "type_aliases");
        for (int i = 0; i < aliases.size(); i++) {
            if (!(aliases.valueAt(i) instanceof String)) {
                throw error("type_aliases." + aliases.keyAt(i), "expected the name of the type it stands for");
            }
            target.alias(aliases.keyAt(i), (String) aliases.valueAt(i));
        }
        StixProperties typeProperties = object(root, "type_properties");
        for (int i = 0; i < typeProperties.size(); i++) {
            String type = typeProperties.keyAt(i);
            StixProperties props = asObject(typeProperties.valueAt(i), "type_properties." + type);
            for (int j = 0; j < props.size(); j++) {
                target.typeProperty(
                        type, props.keyAt(j), spec(props.valueAt(j), "type_properties." + type + "." + props.keyAt(j)));
            }
        }
        StixProperties extensions = object(root, "extensions");
        for (int i = 0; i < extensions.size(); i++) {
            String name = extensions.keyAt(i);
            StixProperties ext = asObject(extensions.valueAt(i), "extensions." + name);
            List<String> appliesTo = strings(ext.get("applies_to"), "extensions." + name + ".applies_to");
            Map<String, PropertySpec> props = properties(ext, "extensions." + name);
            target.register(new ExtensionDef(name, appliesTo, props));
        }
    }

    private void readVocabulary(String name, StixProperties v) {
        Object open = v.get("open");
        boolean isOpen = open == null || Boolean.TRUE.equals(open);
        target.register(new Vocabulary(name, isOpen, strings(v.get("values"), "vocabularies." + name + ".values")));
    }

    private TypeDef readType(String module, String type, StixProperties t) {
        String path = "types." + type;
        String cat = t.getString("category");
        if (cat == null) {
            throw error(path + ".category", "missing: use sdo, sco, sro, meta or bundle");
        }
        TypeDef.Builder b =
                TypeDef.builder(type, category(cat, path + ".category")).module(module);
        b.description(t.getString("description"));
        Object entityType = t.get("entity_type");
        if (entityType instanceof String) {
            b.entityType(EntityTypeRule.fixed((String) entityType));
        } else if (entityType instanceof StixProperties) {
            StixProperties e = (StixProperties) entityType;
            Map<String, String> map = new LinkedHashMap<>();
            StixProperties m = object(e, "map");
            for (int i = 0; i < m.size(); i++) {
                map.put(m.keyAt(i), String.valueOf(m.valueAt(i)));
            }
            String by = e.getString("by");
            if (by == null) {
                throw error(path + ".entity_type.by", "missing: name the deciding property");
            }
            b.entityType(EntityTypeRule.byProperty(by, map, e.getString("default")));
        }
        b.aliasesProperty(t.getString("aliases_property"));
        Object ways = t.get("standard_id");
        if (ways != null) {
            if (!(ways instanceof List)) {
                throw error(path + ".standard_id", "expected a list of property lists");
            }
            int i = 0;
            for (Object way : (List<?>) ways) {
                b.standardIdWay(strings(way, path + ".standard_id[" + i++ + "]"));
            }
        }
        Object extra = t.get("standard_id_extra");
        if (extra != null) {
            b.standardIdExtra(asObject(extra, path + ".standard_id_extra"));
        }
        StixProperties deps = object(t, "standard_id_dependencies");
        for (int i = 0; i < deps.size(); i++) {
            b.standardIdDependency(
                    deps.keyAt(i), strings(deps.valueAt(i), path + ".standard_id_dependencies." + deps.keyAt(i)));
        }
        properties(t, path).forEach(b::property);
        return b.build();
    }

    private Map<String, PropertySpec> properties(StixProperties owner, String path) {
        Map<String, PropertySpec> out = new LinkedHashMap<>();
        StixProperties props = object(owner, "properties");
        for (int i = 0; i < props.size(); i++) {
            out.put(props.keyAt(i), spec(props.valueAt(i), path + ".properties." + props.keyAt(i)));
        }
        return out;
    }

    private PropertySpec spec(Object value, String path) {
        if (value instanceof String) {
            return PropertySpec.of(kind((String) value, path));
        }
        StixProperties s = asObject(value, path);
        String kindName = s.getString("kind");
        if (kindName == null) {
            throw error(path + ".kind", "missing: every property spec needs a kind");
        }
        PropertyKind kind = kind(kindName, path + ".kind");
        PropertySpec.Builder b = PropertySpec.builder(kind)
                .required(Boolean.TRUE.equals(s.get("required")))
                .idContributing(Boolean.TRUE.equals(s.get("id")))
                .deprecated(Boolean.TRUE.equals(s.get("deprecated")))
                .vocabulary(s.getString("vocab"))
                .min(number(s.get("min"), path + ".min"))
                .max(number(s.get("max"), path + ".max"));
        if (s.containsKey("refs")) {
            b.refs(strings(s.get("refs"), path + ".refs"));
        }
        if (s.containsKey("of")) {
            b.of(spec(s.get("of"), path + ".of"));
        } else if (kind == PropertyKind.LIST) {
            throw error(path + ".of", "missing: a list needs an element spec");
        }
        if (s.containsKey("values")) {
            b.values(spec(s.get("values"), path + ".values"));
        }
        properties(s, path).forEach(b::property);
        return b.build();
    }

    private PropertyKind kind(String name, String path) {
        try {
            return PropertyKind.parse(name);
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    private Category category(String name, String path) {
        try {
            return Category.parse(name);
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    private Double number(Object v, String path) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw error(path, "expected a number");
    }

    private StixProperties object(StixProperties owner, String key) {
        Object v = owner.get(key);
        return v == null ? StixProperties.empty() : asObject(v, key);
    }

    private StixProperties asObject(Object v, String path) {
        if (v instanceof StixProperties) {
            return (StixProperties) v;
        }
        throw error(path, "expected a JSON object");
    }

    private List<String> strings(Object v, String path) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw error(path, "expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            if (!(o instanceof String)) {
                throw error(path, "expected a list of strings");
            }
            out.add((String) o);
        }
        return out;
    }

    private SchemaException error(String path, String message) {
        return new SchemaException(source + " at " + path + ": " + message);
    }
}
