package dev.threatkit.cti.internal.search;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the documents a query matches by a key computed from their value of a sorted-numeric doc-values field
 * (a confidence band, a day), and how many have no value. A document with several values counts once, by its
 * smallest: a property holds one date or one number; lists of them are rare and have no better single value.
 */
final class NumericCounter implements CollectorManager<NumericCounter.Counting, NumericCounter.Counts> {
    /** The counts by key and of documents without a value. */
    record Counts(Map<Long, Long> byKey, long missing) {}

    private final String field;
    private final LongUnaryOperator key;

    private NumericCounter(String field, LongUnaryOperator key) {
        this.field = field;
        this.key = key;
    }

    static Counts count(IndexSearcher searcher, Query query, String field, LongUnaryOperator key) throws IOException {
        return searcher.search(query, new NumericCounter(field, key));
    }

    @Override
    public Counting newCollector() {
        return new Counting(field, key);
    }

    @Override
    public Counts reduce(Collection<Counting> collectors) {
        Map<Long, Long> byKey = new HashMap<>();
        long missing = 0;
        for (Counting c : collectors) {
            c.totals.forEach((k, n) -> byKey.merge(k, n[0], Long::sum));
            missing += c.missing;
        }
        return new Counts(byKey, missing);
    }

    static final class Counting implements Collector {
        private final String field;
        private final LongUnaryOperator key;
        private final Map<Long, long[]> totals = new HashMap<>();
        private long missing;
        // consecutive documents often share a key (same band, same day): skip the map lookup then
        private long lastKey;
        private long[] lastTotal;

        Counting(String field, LongUnaryOperator key) {
            this.field = field;
            this.key = key;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedNumericDocValues values = DocValues.getSortedNumeric(context.reader(), field);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    if (!values.advanceExact(doc)) {
                        missing++;
                        return;
                    }
                    long k = key.applyAsLong(values.nextValue());
                    if (lastTotal == null || k != lastKey) {
                        lastKey = k;
                        lastTotal = totals.computeIfAbsent(k, x -> new long[1]);
                    }
                    lastTotal[0]++;
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
