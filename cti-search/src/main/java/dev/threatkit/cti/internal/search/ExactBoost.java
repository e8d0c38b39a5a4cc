package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.search.SearchException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * What puts exact matches first in a text search: each object whose name, alias, external id or value is the
 * whole text gets a score bonus of {@link #BONUS} times one plus the relationships and sightings the caller can
 * see at it. So exact matches rank above every other hit (no text score reaches the bonus), and among them the
 * better-connected object ("APT29": ATT&CK's intrusion set before a namesake with two relationships). As a score,
 * not a separate sort key, it leaves Lucene free to skip hits that cannot make the page. Connections are counted
 * at query time for the few exact matches only, so the index never rewrites a document because a relationship
 * arrived.
 */
public final class ExactBoost {
    /** Larger than any text score: BM25 over a handful of weighted fields stays in the hundreds. */
    static final float BONUS = 10_000f;
    /** Exact matches are names, so few; beyond this many the rest keep their ordinary exact-match boost. */
    static final int MAX_EXACT = 64;
    /** Connections beyond this rank alike: float scores must still tell the text scores apart. */
    static final int MAX_CONNECTIONS = 999;

    private ExactBoost() {}

    /**
     * The bonus query for the hits of {@code exact} within {@code filter}, counting connections within
     * {@code visibility}; null when nothing matches exactly.
     */
    public static Query of(IndexSearcher searcher, Query exact, Query filter, Query visibility) {
        try {
            Query q = new BooleanQuery.Builder()
                    .add(exact, Occur.MUST)
                    .add(filter, Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(q, MAX_EXACT);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            StoredFields stored = searcher.storedFields();
            BooleanQuery.Builder bonus = new BooleanQuery.Builder();
            for (ScoreDoc sd : top.scoreDocs) {
                String id = stored.document(sd.doc, Set.of(Fields.ID)).get(Fields.ID);
                Query edges = new BooleanQuery.Builder()
                        .add(Fields.anyEnd(List.of(new BytesRef(id))), Occur.FILTER)
                        .add(visibility, Occur.FILTER)
                        .build();
                int connections = Math.min(MAX_CONNECTIONS, searcher.count(edges));
                Query one = new ConstantScoreQuery(new TermQuery(new Term(Fields.ID, id)));
                bonus.add(new BoostQuery(one, BONUS * (1 + connections)), Occur.SHOULD);
            }
            return bonus.build();
        } catch (IOException e) {
            throw new SearchException("cannot read the search index: " + e.getMessage(), e);
        }
    }
}
