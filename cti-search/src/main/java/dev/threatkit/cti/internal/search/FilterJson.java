package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.search.FilterGroup;

/** Placeholder replaced by the filters branch. */
public final class FilterJson {
    private FilterJson() {}

    public static FilterGroup parse(String json) {
        throw new UnsupportedOperationException("filters are not wired yet");
    }
}
