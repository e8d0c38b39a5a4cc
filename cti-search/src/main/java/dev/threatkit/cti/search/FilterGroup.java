package dev.threatkit.cti.search;

import dev.threatkit.cti.internal.search.FilterJson;
import java.util.List;
import java.util.Objects;

/**
 * OpenCTI's filter model: a group combines its filters and its sub-groups with {@code mode}. Read one from the
 * JSON OpenCTI's users and pycti write with {@link #parse(String)}.
 *
 * <pre>{@code
 * {"mode": "and", "filters": [{"key": ["entity_type"], "values": ["Malware"]}], "filterGroups": []}
 * }</pre>
 */
public record FilterGroup(FilterMode mode, List<Filter> filters, List<FilterGroup> filterGroups) {
    public FilterGroup {
        mode = mode == null ? FilterMode.AND : mode;
        filters = List.copyOf(Objects.requireNonNull(filters, "filters"));
        filterGroups = filterGroups == null ? List.of() : List.copyOf(filterGroups);
    }

    /** The filters, all of which must hold. */
    public static FilterGroup and(Filter... filters) {
        return new FilterGroup(FilterMode.AND, List.of(filters), List.of());
    }

    /** The filters, any of which must hold. */
    public static FilterGroup or(Filter... filters) {
        return new FilterGroup(FilterMode.OR, List.of(filters), List.of());
    }

    /**
     * Reads a filter group from JSON. Errors name the JSON path of the problem ({@code filters[2].operator}),
     * and an unknown key names the valid ones.
     *
     * @throws SearchException when the JSON is malformed or does not describe a filter group
     */
    public static FilterGroup parse(String json) {
        return FilterJson.parse(json);
    }

    /** True when the group has no condition at all. */
    public boolean isEmpty() {
        return filters.isEmpty() && filterGroups.stream().allMatch(FilterGroup::isEmpty);
    }
}
