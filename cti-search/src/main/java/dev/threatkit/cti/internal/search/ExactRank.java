package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.search.SearchException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * The first sort key of a text search: 0 for ordinary hits, and for an exact match of a name, alias, external id
 * or value, 1 plus the number of relationships and sightings the caller can see at the object. So exact matches
 * come first, and among them the better-connected object ("APT29": ATT&CK's intrusion set before a namesake
 * with two relationships). Connections are counted at query time for the few exact matches only, so the index
 * never has to rewrite a document because a relationship arrived.
 */
public final class ExactRank extends DoubleValuesSource {
    /** More exact matches than this and the rest rank as ordinary hits; exact matches are names, so few. */
    static final int MAX_EXACT = 1_000;

    private final Map<Integer, Double> rankByDoc;

    private ExactRank(Map<Integer, Double> rankByDoc) {
        this.rankByDoc = rankByDoc;
    }

    /** Ranks the hits of {@code exact} within {@code filter}, counting connections within {@code visibility}. */
    public static ExactRank of(IndexSearcher searcher, Query exact, Query filter, Query visibility) {
        try {
            Query q = new BooleanQuery.Builder()
                    .add(exact, Occur.MUST)
                    .add(filter, Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(q, MAX_EXACT);
            Map<Integer, Double> ranks = new java.util.HashMap<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                String id = stored.document(sd.doc, java.util.Set.of(Fields.ID)).get(Fields.ID);
                Query edges = new BooleanQuery.Builder()
                        .add(Fields.anyEnd(List.of(new BytesRef(id))), Occur.FILTER)
                        .add(visibility, Occur.FILTER)
                        .build();
                ranks.put(sd.doc, 1.0 + searcher.count(edges));
            }
            return new ExactRank(ranks);
        } catch (IOException e) {
            throw new SearchException("cannot read the search index: " + e.getMessage(), e);
        }
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) {
        int base = ctx.docBase;
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) {
                Double v = rankByDoc.get(base + doc);
                value = v == null ? 0 : v;
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher reader) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return false;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public boolean equals(Object obj) {
        return obj == this;
    }

    @Override
    public String toString() {
        return "exactRank(" + rankByDoc.size() + " exact)";
    }
}
