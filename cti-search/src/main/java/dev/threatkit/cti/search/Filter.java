package dev.threatkit.cti.search;

import java.util.List;
import java.util.Objects;

/**
 * One condition of a {@link FilterGroup}, as OpenCTI writes it: several keys mean any of those fields; the
 * values combine by {@code mode} (or: any value; and: every value). {@code regardingOf} takes sub-filters
 * instead of plain values ({@code [{"key": "id", ...}, {"key": "relationship_type", ...}]}).
 *
 * @param keys the fields (a registry property, a nested path such as {@code hashes.SHA-256}, or a special key)
 * @param values the values, as strings (numbers and booleans in their JSON text)
 * @param operator the comparison (default {@link FilterOperator#EQ})
 * @param mode how the values combine (default {@link FilterMode#OR})
 * @param subFilters for {@code regardingOf}: the conditions on the relationship; else empty
 */
public record Filter(
        List<String> keys, List<String> values, FilterOperator operator, FilterMode mode, List<Filter> subFilters) {
    public Filter {
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        operator = operator == null ? FilterOperator.EQ : operator;
        mode = mode == null ? FilterMode.OR : mode;
        subFilters = subFilters == null ? List.of() : List.copyOf(subFilters);
    }

    /** {@code key} compared with {@code operator} to any of {@code values}. */
    public static Filter of(String key, FilterOperator operator, String... values) {
        return new Filter(List.of(key), List.of(values), operator, FilterMode.OR, List.of());
    }

    /** {@code key} equal to any of {@code values}. */
    public static Filter eq(String key, String... values) {
        return of(key, FilterOperator.EQ, values);
    }
}
