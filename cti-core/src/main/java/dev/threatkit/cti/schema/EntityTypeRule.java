package dev.threatkit.cti.schema;

import dev.threatkit.cti.stix.StixObject;
import java.util.Map;
import java.util.Objects;

/**
 * How a STIX type maps to an OpenCTI entity type: fixed ({@code malware} is Malware), or decided by one
 * property ({@code identity} by {@code identity_class}: class is Sector, system is System ...).
 */
public final class EntityTypeRule {
    private final String fixed;
    private final String property;
    private final Map<String, String> map;
    private final String fallback;

    private EntityTypeRule(String fixed, String property, Map<String, String> map, String fallback) {
        this.fixed = fixed;
        this.property = property;
        this.map = map;
        this.fallback = fallback;
    }

    public static EntityTypeRule fixed(String entityType) {
        return new EntityTypeRule(Objects.requireNonNull(entityType), null, Map.of(), entityType);
    }

    public static EntityTypeRule byProperty(String property, Map<String, String> map, String fallback) {
        return new EntityTypeRule(null, Objects.requireNonNull(property), Map.copyOf(map), fallback);
    }

    /** The property that decides, or null for a fixed mapping. */
    public String property() {
        return property;
    }

    /** The entity type this rule gives {@code value} of the deciding property (null value: the fallback). */
    public String resolve(String value) {
        if (fixed != null) {
            return fixed;
        }
        String mapped = value == null ? null : map.get(value);
        return mapped != null ? mapped : fallback;
    }

    /** The entity type of {@code object}. */
    public String resolve(StixObject object) {
        return fixed != null ? fixed : resolve(object.getString(property));
    }

    /** The fallback (or the fixed type). */
    public String fallback() {
        return fallback;
    }

    /** Every entity type this rule can give. */
    public java.util.Set<String> all() {
        java.util.Set<String> all = new java.util.TreeSet<>(map.values());
        if (fallback != null) {
            all.add(fallback);
        }
        return all;
    }
}
