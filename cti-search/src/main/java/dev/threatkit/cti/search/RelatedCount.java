package dev.threatkit.cti.search;

import java.util.Objects;

/**
 * An object at one end of relationships and how many of them end there: "APT28 is the source of 120 uses
 * relationships", as OpenCTI's relationship distributions show. Only objects the caller may see are listed;
 * the count is of relationships the caller may see.
 *
 * @param id the object's stored id
 * @param type its STIX type
 * @param name its display name (name, else value), or null when it has neither
 * @param count how many matching relationships have the object at the chosen end
 */
public record RelatedCount(String id, String type, String name, long count) {
    public RelatedCount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative, got " + count);
        }
    }
}
