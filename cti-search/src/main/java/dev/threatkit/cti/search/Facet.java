package dev.threatkit.cti.search;

/**
 * What a dashboard's distribution widget counts objects by, as OpenCTI's {@code stixCoreObjectsDistribution} does
 * on {@code entity_type}, labels, markings, author and confidence. Each {@link FacetCount} names one value: the
 * counted objects are those of a {@link SearchRequest} that the caller may see, so a facet never reveals a hidden
 * object, not even as a count.
 */
public enum Facet {
    /** The STIX type ({@code malware}, {@code relationship} ...); its label is the type itself. */
    TYPE,
    /** A label, normalised as label filters compare it (lower case, accents folded); its label is the value. */
    LABEL,
    /**
     * A marking-definition id; its label is the marking's name (TLP:GREEN ...) when the caller may see that
     * marking definition, else null.
     */
    MARKING,
    /**
     * The author's id ({@code created_by_ref}); its label is the author's name when the caller may see the
     * author, else null, so a hidden author's name never shows even on an object the caller may see.
     */
    AUTHOR,
    /**
     * The confidence, in five bands of twenty points ({@code 0-19}, {@code 20-39}, {@code 40-59}, {@code 60-79},
     * {@code 80-100}) and {@code none} for objects without one. OpenCTI stores confidence as 0 to 100 but names
     * no bands, so dashboards get equal bands whose names sort in numeric order; the label is the band.
     */
    CONFIDENCE
}
