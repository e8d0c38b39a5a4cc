package dev.threatkit.cti.stix;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

    public String description() {
        return properties.getString("description");
    }

    public String createdByRef() {
        return properties.getString("created_by_ref");
    }

    /** {@code created} as an instant, or null when absent or not a valid timestamp. */
    public Instant createdAt() {
        return getTimestamp("created");
    }

    /** {@code modified} as an instant, or null when absent or not a valid timestamp. */
    public Instant modifiedAt() {
        return getTimestamp("modified");
    }

    /** {@code confidence}, or null. */
    public Long confidence() {
        return getLong("confidence");
    }

    public List<String> labels() {
        return getStrings("labels");
    }

    /** {@code aliases}, or OpenCTI's {@code x_opencti_aliases} for the types that use it. */
    public List<String> aliases() {
        List<String> aliases = getStrings("aliases");
        return aliases.isEmpty() ? getStrings("x_opencti_aliases") : aliases;
    }

    public List<String> objectMarkingRefs() {
        return getStrings("object_marking_refs");
    }

    /** Every {@code external_references} entry that is a JSON object. */
    public List<StixProperties> externalReferences() {
        return getObjects("external_references");
    }

    /** Every {@code kill_chain_phases} entry that is a JSON object. */
    public List<StixProperties> killChainPhases() {
        return getObjects("kill_chain_phases");
    }

    /**
     * The {@code external_id} of the first external reference from {@code sourceName} ("mitre-attack", "cve",
     * "capec" ...), or null.
     */
    public String externalId(String sourceName) {
        for (StixProperties ref : externalReferences()) {
            if (sourceName.equals(ref.getString("source_name")) && ref.getString("external_id") != null) {
                return ref.getString("external_id");
            }
        }
        return null;
    }

    /** The value if it is a JSON integer that fits a long, else null. */
    public Long getLong(String property) {
        Object v = properties.get(property);
        return v instanceof Long ? (Long) v : null;
    }

    /** The value if it is a JSON boolean, else null. */
    public Boolean getBoolean(String property) {
        Object v = properties.get(property);
        return v instanceof Boolean ? (Boolean) v : null;
    }

    /** The value as an instant if it is a valid STIX timestamp, else null. */
    public Instant getTimestamp(String property) {
        Object v = properties.get(property);
        return v instanceof String && Timestamps.isValid((String) v) ? Timestamps.parse((String) v) : null;
    }

    /** The string elements of a list property (others are skipped); empty when absent. */
    public List<String> getStrings(String property) {
        return elements(property, String.class);
    }

    /** The object elements of a list property (others are skipped); empty when absent. */
    public List<StixProperties> getObjects(String property) {
        return elements(property, StixProperties.class);
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

    private <T> List<T> elements(String property, Class<T> type) {
        List<Object> list = properties.getList(property);
        List<T> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (type.isInstance(o)) {
                out.add(type.cast(o));
            }
        }
        return Collections.unmodifiableList(out);
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
