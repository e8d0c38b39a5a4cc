package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.search.FilterGroup;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/** Placeholder replaced by the filters branch: turns a filter group into a Lucene query. */
public final class FilterCompiler {
    public FilterCompiler(IndexSearcher searcher, Query visibility, StixRegistry registry) {}

    public Query compile(FilterGroup group) {
        throw new UnsupportedOperationException("filters are not wired yet");
    }
}
