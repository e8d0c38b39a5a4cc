package dev.threatkit.cti.stix;

import java.util.List;
import java.util.Objects;

/**
 * One STIX object (SDO, SCO, SRO, meta object or a custom type), immutable and lossless: it keeps every
 * property it arrived with, in order, including custom and unknown ones.
 *
 * <p>A {@code StixObject} may break the rules of STIX (a missing id, a wrong value type): it is a container,
 * and {@link dev.threatkit.cti.validation.StixValidator} is what says whether it is valid. Typed accessors
 * return null when a property is absent or has another JSON type.
 */
public final class StixObject {
    private final StixProperties properties;

    private StixObject(StixProperties properties) {
        this.properties = properties;
    }

    /** Wraps the given properties. */
    public static StixObject of(StixProperties properties) {
        return new StixObject(Objects.requireNonNull(properties, "properties"));
    }

    /** A builder for a new object of {@code type}; {@code type} becomes its first property. */
    public static Builder builder(String type) {
        return new Builder(StixProperties.builder().put("type", type));
    }

    public Builder toBuilder() {
        return new Builder(properties.toBuilder());
    }

    public StixProperties properties() {
        return properties;
    }

    public String type() {
        return properties.getString("type");
    }

    public String id() {
        return properties.getString("id");
    }

    /** The {@code spec_version} property as given, or null. */
    public String specVersion() {
        return properties.getString("spec_version");
    }

    public String name() {
        return properties.getString("name");
    }

    public String created() {
        return properties.getString("created");
    }

    public String modified() {
        return properties.getString("modified");
    }

    public boolean revoked() {
        return Boolean.TRUE.equals(properties.get("revoked"));
    }

    public boolean has(String property) {
        return properties.containsKey(property);
    }

    /** The raw JSON value of {@code property} (see {@link StixProperties} for the value types). */
    public Object get(String property) {
        return properties.get(property);
    }

    public <T> T get(PropertyKey<T> key) {
        return key.read(properties);
    }

    public String getString(String property) {
        return properties.getString(property);
    }

    public List<Object> getList(String property) {
        return properties.getList(property);
    }

    public StixProperties getObject(String property) {
        return properties.getObject(property);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StixObject && ((StixObject) o).properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    /** Compact JSON in arrival order. */
    @Override
    public String toString() {
        return properties.toString();
    }

    /** Builds a {@link StixObject}; property order is the order of first {@code put}. */
    public static final class Builder {
        private final StixProperties.Builder props;

        private Builder(StixProperties.Builder props) {
            this.props = props;
        }

        public Builder id(String id) {
            props.put("id", id);
            return this;
        }

        public Builder put(String property, Object value) {
            props.put(property, value);
            return this;
        }

        public <T> Builder put(PropertyKey<T> key, T value) {
            props.put(key.name(), value);
            return this;
        }

        public Builder remove(String property) {
            props.remove(property);
            return this;
        }

        public StixObject build() {
            return new StixObject(props.build());
        }
    }
}
