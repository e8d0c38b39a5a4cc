package dev.threatkit.cti.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the schema says about one property value: its kind, whether it is required, whether it contributes to
 * the STIX deterministic id, which types a reference may point to, its vocabulary and bounds. Nested specs
 * describe list elements ({@link #of()}), object members ({@link #properties()}) and dictionary values
 * ({@link #values()}). Immutable.
 */
public final class PropertySpec {
    private final PropertyKind kind;
    private final boolean required;
    private final boolean idContributing;
    private final boolean deprecated;
    private final List<String> refs;
    private final PropertySpec of;
    private final PropertySpec values;
    private final Map<String, PropertySpec> properties;
    private final List<String> requiredMembers;
    private final String vocabulary;
    private final Double min;
    private final Double max;

    private PropertySpec(Builder b) {
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.required = b.required;
        this.idContributing = b.idContributing;
        this.deprecated = b.deprecated;
        this.refs = List.copyOf(b.refs);
        this.of = b.of;
        this.values = b.values;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.requiredMembers = b.properties.entrySet().stream()
                .filter(e -> e.getValue().required())
                .map(Map.Entry::getKey)
                .toList();
        this.vocabulary = b.vocabulary;
        this.min = b.min;
        this.max = b.max;
        if (kind == PropertyKind.LIST && of == null) {
            throw new IllegalArgumentException("a list property needs an element spec (\"of\")");
        }
    }

    public static Builder builder(PropertyKind kind) {
        return new Builder(kind);
    }

    public static PropertySpec of(PropertyKind kind) {
        return new Builder(kind).build();
    }

    public PropertyKind kind() {
        return kind;
    }

    public boolean required() {
        return required;
    }

    /** True if STIX 2.1 lists this property among the ID Contributing Properties of its SCO type. */
    public boolean idContributing() {
        return idContributing;
    }

    public boolean deprecated() {
        return deprecated;
    }

    /** For identifiers: the allowed target types; empty means any type. */
    public List<String> refs() {
        return refs;
    }

    /** For lists: the element spec; null otherwise. */
    public PropertySpec of() {
        return of;
    }

    /** For dictionaries: the spec of every value, or null when values are free. */
    public PropertySpec values() {
        return values;
    }

    /** For objects: the known members. */
    public Map<String, PropertySpec> properties() {
        return properties;
    }

    /** For objects: the names of the required members, in schema order. */
    public List<String> requiredMembers() {
        return requiredMembers;
    }

    /** Name of the vocabulary values are drawn from, or null. For lists it applies to the elements. */
    public String vocabulary() {
        return vocabulary;
    }

    public Double min() {
        return min;
    }

    public Double max() {
        return max;
    }

    /** The innermost element spec: {@code of()} through every list level. */
    public PropertySpec element() {
        PropertySpec s = this;
        while (s.kind == PropertyKind.LIST) {
            s = s.of;
        }
        return s;
    }

    public Builder toBuilder() {
        Builder b = new Builder(kind);
        b.required = required;
        b.idContributing = idContributing;
        b.deprecated = deprecated;
        b.refs = refs;
        b.of = of;
        b.values = values;
        b.properties = new LinkedHashMap<>(properties);
        b.vocabulary = vocabulary;
        b.min = min;
        b.max = max;
        return b;
    }

    @Override
    public String toString() {
        return kind.jsonName() + (required ? " required" : "") + (of != null ? " of " + of : "");
    }

    public static final class Builder {
        private final PropertyKind kind;
        private boolean required;
        private boolean idContributing;
        private boolean deprecated;
        private List<String> refs = List.of();
        private PropertySpec of;
        private PropertySpec values;
        private Map<String, PropertySpec> properties = new LinkedHashMap<>();
        private String vocabulary;
        private Double min;
        private Double max;

        private Builder(PropertyKind kind) {
            this.kind = kind;
        }

        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        public Builder idContributing(boolean id) {
            this.idContributing = id;
            return this;
        }

        public Builder deprecated(boolean deprecated) {
            this.deprecated = deprecated;
            return this;
        }

        public Builder refs(List<String> refs) {
            this.refs = List.copyOf(refs);
            return this;
        }

        public Builder of(PropertySpec element) {
            this.of = element;
            return this;
        }

        public Builder values(PropertySpec values) {
            this.values = values;
            return this;
        }

        public Builder property(String name, PropertySpec spec) {
            this.properties.put(name, spec);
            return this;
        }

        public Builder vocabulary(String name) {
            this.vocabulary = name;
            return this;
        }

        public Builder min(Double min) {
            this.min = min;
            return this;
        }

        public Builder max(Double max) {
            this.max = max;
            return this;
        }

        public PropertySpec build() {
            return new PropertySpec(this);
        }
    }
}
