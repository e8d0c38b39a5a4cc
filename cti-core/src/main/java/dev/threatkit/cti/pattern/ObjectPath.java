package dev.threatkit.cti.pattern;

import java.util.List;
import java.util.Objects;

/**
 * {@code type:property.step[0]...}: the object type, its first property and the steps below it. Steps through a
 * {@code _ref} or {@code _refs} property continue on the referenced object.
 */
public record ObjectPath(String objectType, String property, List<PathStep> steps) {
    public ObjectPath {
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(property, "property");
        steps = List.copyOf(steps);
    }

    /** True when the path is {@code type:property} with no further step. */
    public boolean isSimple() {
        return steps.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(objectType).append(':').append(PatternText.key(property));
        for (PathStep s : steps) {
            sb.append(s);
        }
        return sb.toString();
    }
}
