package dev.threatkit.cti.schema;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A STIX vocabulary: an open vocabulary ({@code -ov}), whose other values are allowed but worth a warning, or a
 * closed enumeration ({@code -enum}), whose other values are errors.
 */
public final class Vocabulary {
    private final String name;
    private final boolean open;
    private final List<String> values;
    private final Set<String> lookup;

    public Vocabulary(String name, boolean open, List<String> values) {
        this.name = Objects.requireNonNull(name, "name");
        this.open = open;
        this.values = List.copyOf(values);
        this.lookup = Set.copyOf(values);
    }

    public String name() {
        return name;
    }

    public boolean open() {
        return open;
    }

    /** The values in their defined order. */
    public List<String> values() {
        return values;
    }

    public boolean contains(String value) {
        return lookup.contains(value);
    }

    @Override
    public String toString() {
        return name + (open ? " (open)" : " (closed)");
    }
}
