package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.search.FilterOperator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A filter key resolved to where its values live in the index: a property's keyword field, or one of OpenCTI's
 * special keys (ids, entity_type, references given by id or by name, markings, labels, regardingOf).
 *
 * @param name the key as the filter names it
 * @param kind how its values are matched
 * @param properties the STIX properties behind the key (whose presence nil and not_nil test), for a property the
 *     property or nested path itself; empty for keys that are no property
 * @param nameType for references given by name: the entity type the name must belong to (identity for the
 *     author), or null for any type
 */
record FilterKey(String name, Kind kind, List<String> properties, String nameType) {
    /** How a key's values are matched. */
    enum Kind {
        /** A property's normalised keywords, numbers and dates ({@code k.}, {@code d.}, {@code n.}). */
        PROPERTY,
        /** Every id an object is known by, exactly. */
        IDS,
        /** The STIX type, OpenCTI's entity type and its parents, lower case. */
        ENTITY_TYPE,
        /** References to other objects, by id or by the name of the object. */
        REFERENCE,
        /** Marking-definition references, by id or by the marking's name (TLP:RED). */
        MARKING,
        /** Label strings, or label objects by id. */
        LABEL,
        /** Objects related to given objects; compiled by {@link RegardingOf}. */
        REGARDING_OF
    }

    private static final Set<FilterOperator> EQUALITY =
            EnumSet.of(FilterOperator.EQ, FilterOperator.NOT_EQ, FilterOperator.NIL, FilterOperator.NOT_NIL);
    private static final Set<FilterOperator> STRINGS = EnumSet.of(
            FilterOperator.EQ,
            FilterOperator.NOT_EQ,
            FilterOperator.NIL,
            FilterOperator.NOT_NIL,
            FilterOperator.STARTS_WITH,
            FilterOperator.NOT_STARTS_WITH,
            FilterOperator.ENDS_WITH,
            FilterOperator.NOT_ENDS_WITH,
            FilterOperator.CONTAINS,
            FilterOperator.NOT_CONTAINS,
            FilterOperator.WILDCARD);

    FilterKey {
        properties = List.copyOf(properties);
    }

    static FilterKey property(String path) {
        return new FilterKey(path, Kind.PROPERTY, List.of(path), null);
    }

    /** The operators this key takes. */
    Set<FilterOperator> operators() {
        switch (kind) {
            case PROPERTY:
            case LABEL:
                return EnumSet.allOf(FilterOperator.class);
            case ENTITY_TYPE:
                return STRINGS;
            case REGARDING_OF:
                return EnumSet.of(FilterOperator.EQ, FilterOperator.NOT_EQ);
            default:
                return EQUALITY;
        }
    }

    /** The keyword fields holding the key's values. */
    List<String> fields() {
        switch (kind) {
            case IDS:
                return List.of(Fields.ID, Fields.IDS);
            case ENTITY_TYPE:
                return List.of(Fields.ENTITY_TYPE);
            case MARKING:
                return List.of(Fields.MARKING);
            case REGARDING_OF:
                return List.of();
            default:
                return properties.stream().map(Fields::keyword).toList();
        }
    }

    /** A value as the key's fields hold it. */
    String normalize(String value) {
        switch (kind) {
            case IDS:
            case MARKING:
                return value.strip();
            case ENTITY_TYPE:
                return value.strip().toLowerCase(Locale.ROOT);
            default:
                return Fields.keywordValue(value);
        }
    }

    /** True for a property of the object itself (not nested), whose presence {@code _has} records. */
    boolean topLevel() {
        return kind == Kind.PROPERTY && !name.contains(".");
    }
}
