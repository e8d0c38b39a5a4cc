package dev.threatkit.cti.search;

import java.util.Objects;

/**
 * How many visible objects of a request have one value of a {@link Facet}: a bar of a distribution widget.
 *
 * @param value the value counted: a STIX type, a normalised label, a marking or author id, a confidence band
 * @param label what to display: the value itself for types, labels and bands; the name of the marking or author
 *     when the caller may see it, else null (show the id, or "restricted")
 * @param count how many matching objects have the value (an object with two labels counts once under each)
 */
public record FacetCount(String value, String label, long count) {
    public FacetCount {
        Objects.requireNonNull(value, "value");
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative, got " + count);
        }
    }
}
