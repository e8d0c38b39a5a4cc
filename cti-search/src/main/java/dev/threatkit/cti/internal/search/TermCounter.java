package dev.threatkit.cti.internal.search;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the values of a sorted-set doc-values field over the documents a query matches: a terms aggregation
 * without lucene-facet. Each segment counts into an array indexed by its own ordinals, the cheapest thing per
 * document; only values that occurred are turned into strings, once per segment when it is done. A document
 * counts once per distinct value it has.
 */
final class TermCounter implements CollectorManager<TermCounter.Counting, Map<String, Long>> {
    private final String field;

    private TermCounter(String field) {
        this.field = field;
    }

    /** How many documents matching {@code query} have each value of {@code field}; absent values are left out. */
    static Map<String, Long> count(IndexSearcher searcher, Query query, String field) throws IOException {
        return searcher.search(query, new TermCounter(field));
    }

    @Override
    public Counting newCollector() {
        return new Counting(field);
    }

    @Override
    public Map<String, Long> reduce(Collection<Counting> collectors) {
        Map<String, Long> out = new HashMap<>();
        for (Counting c : collectors) {
            c.totals.forEach((value, n) -> out.merge(value, n[0], Long::sum));
        }
        return out;
    }

    static final class Counting implements Collector {
        private final String field;
        private final Map<String, long[]> totals = new HashMap<>();

        Counting(String field) {
            this.field = field;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedSetDocValues values = DocValues.getSortedSet(context.reader(), field);
            long valueCount = values.getValueCount();
            if (valueCount == 0) {
                throw new CollectionTerminatedException(); // nothing to count in this segment
            }
            int[] counts = new int[Math.toIntExact(valueCount)];
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    if (values.advanceExact(doc)) {
                        for (int i = values.docValueCount(); i > 0; i--) {
                            counts[(int) values.nextOrd()]++;
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int ord = 0; ord < counts.length; ord++) {
                        if (counts[ord] > 0) {
                            String value = values.lookupOrd(ord).utf8ToString();
                            totals.computeIfAbsent(value, v -> new long[1])[0] += counts[ord];
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
