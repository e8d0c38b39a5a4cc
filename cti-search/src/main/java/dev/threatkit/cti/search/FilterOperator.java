package dev.threatkit.cti.search;

import java.util.Locale;

/**
 * The comparison a filter makes, named as OpenCTI names them. String comparisons are case- and
 * accent-insensitive; {@link #WITHIN} takes two values, a lower and an upper bound, both inclusive.
 */
public enum FilterOperator {
    EQ,
    NOT_EQ,
    GT,
    GTE,
    LT,
    LTE,
    NIL,
    NOT_NIL,
    STARTS_WITH,
    NOT_STARTS_WITH,
    ENDS_WITH,
    NOT_ENDS_WITH,
    CONTAINS,
    NOT_CONTAINS,
    WILDCARD,
    MATCH,
    SEARCH,
    WITHIN;

    /** The lower-case name used in JSON. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
