package dev.threatkit.cti.schema;

import dev.threatkit.cti.stix.StixProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the registry knows about one STIX type: its category, properties (common ones included), the
 * OpenCTI entity type and standard-id rule. Immutable; obtain from {@link StixRegistry#type(String)}, or build
 * one to register a custom type.
 */
public final class TypeDef {
    private final String type;
    private final Category category;
    private final String module;
    private final String description;
    private final EntityTypeRule entityType;
    private final String aliasesProperty;
    private final List<List<String>> standardIdWays;
    private final StixProperties standardIdExtra;
    private final Map<String, List<String>> standardIdDependencies;
    private final Map<String, PropertySpec> properties;
    private final NameTable lookup;
    private final List<String> stixIdProperties;
    private final List<String> requiredProperties;

    private TypeDef(Builder b) {
        this.type = Objects.requireNonNull(b.type, "type");
        this.category = Objects.requireNonNull(b.category, "category of " + b.type);
        this.module = b.module;
        this.description = b.description;
        this.entityType = b.entityType;
        this.aliasesProperty = b.aliasesProperty;
        List<List<String>> ways = new ArrayList<>();
        for (List<String> way : b.standardIdWays) {
            ways.add(List.copyOf(way));
        }
        this.standardIdWays = List.copyOf(ways);
        this.standardIdExtra = b.standardIdExtra;
        this.standardIdDependencies = Map.copyOf(b.standardIdDependencies);
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.lookup = new NameTable(properties);
        List<String> id = new ArrayList<>();
        List<String> req = new ArrayList<>();
        properties.forEach((name, spec) -> {
            if (spec.idContributing()) {
                id.add(name);
            }
            if (spec.required()) {
                req.add(name);
            }
        });
        this.stixIdProperties = List.copyOf(id);
        this.requiredProperties = List.copyOf(req);
    }

    public static Builder builder(String type, Category category) {
        return new Builder(type, category);
    }

    public String type() {
        return type;
    }

    public Category category() {
        return category;
    }

    /** The schema module that defined the type (stix-2.1, mitre-attack, opencti, or a custom one). */
    public String module() {
        return module;
    }

    public String description() {
        return description;
    }

    /** How this type maps to OpenCTI entity types; null when OpenCTI has no such entity. */
    public EntityTypeRule entityType() {
        return entityType;
    }

    /** The aliases property ({@code aliases} or {@code x_opencti_aliases}) for OpenCTI's aliased types, or null. */
    public String aliasesProperty() {
        return aliasesProperty;
    }

    /** OpenCTI standard-id ways: the first way that yields data wins. Empty when OpenCTI has no rule. */
    public List<List<String>> standardIdWays() {
        return standardIdWays;
    }

    /** Constant members OpenCTI adds to the standard-id data ({@code opencti_type}); empty if none. */
    public StixProperties standardIdExtra() {
        return standardIdExtra;
    }

    /**
     * Standard-id members that count only together with others: {@code created -> [content]} for a note. When a
     * member is present without its dependencies, OpenCTI derives no id from that way.
     */
    public Map<String, List<String>> standardIdDependencies() {
        return standardIdDependencies;
    }

    /** All properties, common ones first, in definition order. */
    public Map<String, PropertySpec> properties() {
        return properties;
    }

    public PropertySpec property(String name) {
        return lookup.get(name);
    }

    /** STIX 2.1 ID-contributing properties; empty when STIX defines no deterministic id for the type. */
    public List<String> stixIdProperties() {
        return stixIdProperties;
    }

    public List<String> requiredProperties() {
        return requiredProperties;
    }

    public Builder toBuilder() {
        Builder b = new Builder(type, category);
        b.module = module;
        b.description = description;
        b.entityType = entityType;
        b.aliasesProperty = aliasesProperty;
        b.standardIdWays = new ArrayList<>(standardIdWays);
        b.standardIdExtra = standardIdExtra;
        b.standardIdDependencies = new LinkedHashMap<>(standardIdDependencies);
        b.properties = new LinkedHashMap<>(properties);
        return b;
    }

    @Override
    public String toString() {
        return type + " (" + category.jsonName() + ", " + module + ")";
    }

    public static final class Builder {
        private final String type;
        private final Category category;
        private String module = "custom";
        private String description;
        private EntityTypeRule entityType;
        private String aliasesProperty;
        private List<List<String>> standardIdWays = new ArrayList<>();
        private StixProperties standardIdExtra = StixProperties.empty();
        private Map<String, List<String>> standardIdDependencies = new LinkedHashMap<>();
        private Map<String, PropertySpec> properties = new LinkedHashMap<>();

        private Builder(String type, Category category) {
            this.type = type;
            this.category = category;
        }

        public Builder module(String module) {
            this.module = module;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder entityType(EntityTypeRule rule) {
            this.entityType = rule;
            return this;
        }

        public Builder aliasesProperty(String property) {
            this.aliasesProperty = property;
            return this;
        }

        public Builder standardIdWay(List<String> properties) {
            this.standardIdWays.add(List.copyOf(properties));
            return this;
        }

        public Builder standardIdExtra(StixProperties extra) {
            this.standardIdExtra = extra;
            return this;
        }

        public Builder standardIdDependency(String property, List<String> requires) {
            this.standardIdDependencies.put(property, List.copyOf(requires));
            return this;
        }

        /** Adds or replaces a property. */
        public Builder property(String name, PropertySpec spec) {
            this.properties.put(name, spec);
            return this;
        }

        /** Adds properties that are not defined yet (used for the common properties of a category). */
        Builder propertiesFirst(Map<String, PropertySpec> common) {
            Map<String, PropertySpec> merged = new LinkedHashMap<>(common);
            merged.putAll(properties);
            properties = merged;
            return this;
        }

        public TypeDef build() {
            return new TypeDef(this);
        }
    }
}
