package dev.threatkit.cti.stix;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A typed name for a property, so that custom properties read as cleanly as spec ones:
 * {@code PropertyKey.of("x_acme_score", Long.class)} then {@code object.get(SCORE)}.
 *
 * @param <T> the Java type of the value: String, Long, Double, Boolean, List or StixProperties
 */
public final class PropertyKey<T> {
    private final String name;
    private final Class<T> type;

    private PropertyKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    public static <T> PropertyKey<T> of(String name, Class<T> type) {
        if (type != String.class
                && type != Long.class
                && type != Double.class
                && type != Boolean.class
                && type != List.class
                && type != BigInteger.class
                && type != StixProperties.class) {
            throw new IllegalArgumentException("JSON values are String, Long, Double, Boolean, BigInteger, List "
                    + "or StixProperties, not " + type.getName());
        }
        return new PropertyKey<>(name, type);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** The value in {@code props}, or null when absent or of another JSON type. */
    T read(StixProperties props) {
        Object v = props.get(name);
        if (type == Double.class && v instanceof Long) {
            return type.cast(((Long) v).doubleValue());
        }
        return type.isInstance(v) ? type.cast(v) : null;
    }

    @Override
    public String toString() {
        return name + ":" + type.getSimpleName();
    }
}
