package dev.threatkit.cti.internal.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * A collector of strings read from each hit (stored ids, ends of relationships, label values), refusing to
 * collect more than {@link IndexLookups#MAX_IDS}. One per index slice; {@link #collect} unites them.
 */
abstract class HitStrings extends SimpleCollector {
    private final Set<String> values = new LinkedHashSet<>();
    private final String what;

    /** {@code what} names the strings in the error when there are too many. */
    HitStrings(String what) {
        this.what = what;
    }

    final void add(String value) {
        values.add(value);
        if (values.size() > IndexLookups.MAX_IDS) {
            throw IndexLookups.tooMany(what);
        }
    }

    @Override
    public final ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** Runs {@code query} with collectors from {@code collectors}, and returns what they collected together. */
    static Set<String> collect(
            IndexSearcher searcher, Query query, Supplier<? extends HitStrings> collectors, String what) {
        try {
            return searcher.search(query, new CollectorManager<HitStrings, Set<String>>() {
                @Override
                public HitStrings newCollector() {
                    return collectors.get();
                }

                @Override
                public Set<String> reduce(Collection<HitStrings> all) {
                    Set<String> out = new LinkedHashSet<>();
                    for (HitStrings c : all) {
                        out.addAll(c.values);
                        if (out.size() > IndexLookups.MAX_IDS) {
                            throw IndexLookups.tooMany(what);
                        }
                    }
                    return out;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
