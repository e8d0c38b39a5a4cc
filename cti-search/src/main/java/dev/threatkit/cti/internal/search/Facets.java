package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.search.Facet;
import dev.threatkit.cti.search.FacetCount;
import dev.threatkit.cti.search.SearchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Distribution widgets: the values of a {@link Facet} among the documents of a query, most frequent first. The
 * query is the request's whole match, caller's visibility included, so hidden objects are never counted; the
 * names shown for markings and authors are looked up within the caller's visibility too.
 */
public final class Facets {
    /** The most values one facet returns. */
    public static final int MAX_LIMIT = 1000;

    /** The band of objects without a confidence. */
    public static final String NO_CONFIDENCE = "none";

    private static final String[] BANDS = {"0-19", "20-39", "40-59", "60-79", "80-100"};

    /** Most frequent first; equal counts in value order, so the result is the same every time. */
    static final Comparator<Map.Entry<String, Long>> BY_COUNT =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private Facets() {}

    /**
     * The {@code limit} most frequent values of {@code facet} among the documents of {@code match}, labelled;
     * {@code visibility} decides whose names may be shown.
     */
    public static List<FacetCount> count(IndexSearcher searcher, Query match, Facet facet, int limit, Query visibility)
            throws IOException {
        requireLimit(limit);
        Map<String, Long> counts = facet == Facet.CONFIDENCE ? bands(searcher, match) : terms(searcher, match, facet);
        List<Map.Entry<String, Long>> top = top(counts, limit);
        Map<String, EntityLookup.Entity> names = facet == Facet.MARKING || facet == Facet.AUTHOR
                ? EntityLookup.resolve(
                        searcher, top.stream().map(Map.Entry::getKey).toList(), visibility)
                : null;
        List<FacetCount> out = new ArrayList<>(top.size());
        for (Map.Entry<String, Long> e : top) {
            String label = e.getKey();
            if (names != null) {
                EntityLookup.Entity entity = names.get(e.getKey());
                label = entity == null ? null : entity.name();
            }
            out.add(new FacetCount(e.getKey(), label, e.getValue()));
        }
        return out;
    }

    static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new SearchException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream().sorted(BY_COUNT).limit(limit).toList();
    }

    private static Map<String, Long> terms(IndexSearcher searcher, Query match, Facet facet) throws IOException {
        String field;
        switch (facet) {
            case TYPE:
                field = Fields.TYPE_FACET;
                break;
            case LABEL:
                field = Fields.LABEL_FACET;
                break;
            case MARKING:
                field = Fields.MARKING_FACET;
                break;
            case AUTHOR:
                field = Fields.AUTHOR_FACET;
                break;
            default:
                throw new IllegalArgumentException("not a term facet: " + facet);
        }
        return TermCounter.count(searcher, match, field);
    }

    private static Map<String, Long> bands(IndexSearcher searcher, Query match) throws IOException {
        NumericCounter.Counts counts =
                NumericCounter.count(searcher, match, Fields.number("confidence"), Facets::bandIndex);
        Map<String, Long> out = new HashMap<>();
        counts.byKey().forEach((band, n) -> out.put(BANDS[band.intValue()], n));
        if (counts.missing() > 0) {
            out.put(NO_CONFIDENCE, counts.missing());
        }
        return out;
    }

    /** The band of a confidence; values outside 0 to 100 go to the nearest band. */
    private static int bandIndex(long confidence) {
        return (int) Math.max(0, Math.min(BANDS.length - 1, confidence / 20));
    }
}
