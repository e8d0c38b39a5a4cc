package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.store.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * What a caller may see, as a query that runs inside Lucene with every search, count and facet, never as a filter
 * applied to results afterwards: an object is visible when each of its markings is one the caller holds. The
 * markings the caller lacks are read from the index's own term dictionary, so the filter is a short exclusion
 * list however many objects there are.
 */
public final class Visibility {
    private Visibility() {}

    /** Matches what {@code caller} may see; {@code includeInactive} keeps revoked and deprecated objects too. */
    public static Query of(IndexReader reader, Caller caller, boolean includeInactive) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER);
        boolean restricted = false;
        if (!caller.seesAll()) {
            List<BytesRef> hidden = hiddenMarkings(reader, caller);
            if (!hidden.isEmpty()) {
                b.add(new TermInSetQuery(Fields.MARKING, hidden), Occur.MUST_NOT);
                restricted = true;
            }
        }
        if (!includeInactive) {
            b.add(new TermQuery(new org.apache.lucene.index.Term(Fields.INACTIVE, "1")), Occur.MUST_NOT);
            restricted = true;
        }
        return restricted ? b.build() : new MatchAllDocsQuery();
    }

    /**
     * The exclusion lists of recent (reader, caller) pairs: reading the marking terms of every segment for every
     * lookup would cost more than the lookup. A reader's key changes with every refresh, so an entry never outlives
     * the markings it was read from.
     */
    private static final Map<List<Object>, List<BytesRef>> RECENT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, List<BytesRef>> eldest) {
            return size() > 64;
        }
    };

    private static List<BytesRef> hiddenMarkings(IndexReader reader, Caller caller) {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            return readHidden(reader, caller);
        }
        List<Object> key = List.of(helper.getKey(), caller.allowedMarkings());
        synchronized (RECENT) {
            List<BytesRef> known = RECENT.get(key);
            if (known != null) {
                return known;
            }
        }
        List<BytesRef> hidden = readHidden(reader, caller);
        synchronized (RECENT) {
            RECENT.put(key, hidden);
        }
        return hidden;
    }

    private static List<BytesRef> readHidden(IndexReader reader, Caller caller) {
        List<BytesRef> hidden = new ArrayList<>();
        try {
            Terms terms = MultiTerms.getTerms(reader, Fields.MARKING);
            if (terms == null) {
                return hidden;
            }
            TermsEnum it = terms.iterator();
            for (BytesRef term = it.next(); term != null; term = it.next()) {
                if (!caller.allowedMarkings().contains(term.utf8ToString())) {
                    hidden.add(BytesRef.deepCopyOf(term));
                }
            }
            return List.copyOf(hidden);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
