package dev.threatkit.cti.search;

import java.util.List;

/**
 * One page of hits, Relay style.
 *
 * @param hits the hits, in order
 * @param total how many objects match in all, as the caller may see them
 * @param endCursor give it to {@link SearchRequest#after(String)} for the next page; null when there are no hits
 * @param hasNextPage true when more hits follow
 */
public record SearchPage(List<SearchHit> hits, long total, String endCursor, boolean hasNextPage) {
    public SearchPage {
        hits = List.copyOf(hits);
    }
}
