package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.search.SearchException;
import dev.threatkit.cti.search.SearchHit;
import dev.threatkit.cti.search.SearchPage;
import dev.threatkit.cti.search.SearchRequest;
import dev.threatkit.cti.store.Caller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Runs one search against one point-in-time searcher: the caller's visibility, the types, the filters and the text
 * make one Lucene query; the order is relevance (exact matches first, by connections: {@link ExactBoost}), then stored id, or the
 * requested property then stored id.
 */
public final class SearchRunner {
    private static final Set<String> HIT_FIELDS = Set.of(Fields.ID, Fields.TYPE, Fields.NAME);

    private final StixRegistry registry;
    private final Analyzer analyzer;
    private final TypeNames typeNames;

    public SearchRunner(StixRegistry registry, Analyzer analyzer) {
        this.registry = registry;
        this.analyzer = analyzer;
        this.typeNames = new TypeNames(registry);
    }

    /** The schema the index was built with: which properties are dates, numbers, strings. */
    public StixRegistry registry() {
        return registry;
    }

    /** The query of everything but the text, as facets and counts also use it. */
    public Query filter(IndexSearcher searcher, SearchRequest request, Query visibility) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(visibility, Occur.FILTER);
        if (!request.types().isEmpty()) {
            b.add(typeNames.query(request.types()), Occur.FILTER);
        } else if (!request.text().isBlank()) {
            // free text finds things with names; relationships and sightings are found by filters or by type
            b.add(new TermQuery(new Term(Fields.ENTITY_TYPE, "stix-relationship")), Occur.MUST_NOT);
        }
        if (request.filters() != null && !request.filters().isEmpty()) {
            b.add(new FilterCompiler(searcher, visibility, registry).compile(request.filters()), Occur.FILTER);
        }
        return b.build();
    }

    /** The whole match, text included, without scores: what counts and facets count. */
    public Query matching(IndexSearcher searcher, SearchRequest request, Caller caller) {
        Query visibility = Visibility.of(searcher.getIndexReader(), caller, request.includeInactive());
        Query filter = filter(searcher, request, visibility);
        TextQuery text = TextQuery.of(request.text(), analyzer);
        if (text == null) {
            return filter;
        }
        return new BooleanQuery.Builder()
                .add(text.scoring(), Occur.MUST)
                .add(filter, Occur.FILTER)
                .build();
    }

    /** The relevance score a hit was sorted by (the sort values hold it; no second scoring pass). */
    private static float scoreOf(FieldDoc hit) {
        for (Object v : hit.fields) {
            if (v instanceof Float) {
                return (Float) v;
            }
        }
        return 0f;
    }

    public SearchPage search(IndexSearcher searcher, SearchRequest request, Caller caller) {
        try {
            Query visibility = Visibility.of(searcher.getIndexReader(), caller, request.includeInactive());
            Query filter = filter(searcher, request, visibility);
            TextQuery text = TextQuery.of(request.text(), analyzer);
            boolean relevance = text != null && request.orderBy() == null;
            Query scoring = null;
            if (text != null) {
                Query bonus = relevance && text.exact() != null
                        ? ExactBoost.of(searcher, text.exact(), filter, visibility)
                        : null;
                scoring = bonus == null
                        ? text.scoring()
                        : new BooleanQuery.Builder()
                                .add(text.scoring(), Occur.MUST)
                                .add(bonus, Occur.SHOULD)
                                .build();
            }
            Query query = new BooleanQuery.Builder()
                    .add(scoring == null ? new MatchAllDocsQuery() : scoring, Occur.MUST)
                    .add(filter, Occur.FILTER)
                    .build();
            SortField[] sort;
            String shape;
            if (relevance) {
                sort = new SortField[] {SortField.FIELD_SCORE, SortSpec.byId()};
                shape = "relevance";
            } else if (request.orderBy() != null) {
                sort = new SortField[] {SortSpec.of(request.orderBy(), request.descending(), registry), SortSpec.byId()
                };
                shape = request.orderBy() + (request.descending() ? ":desc" : ":asc");
            } else {
                sort = new SortField[] {SortSpec.byId()};
                shape = "id";
            }
            FieldDoc after = request.after() == null ? null : Cursor.decode(request.after(), shape, sort);
            int want = request.limit() + 1;
            // One pass collects the page and counts every match exactly. A separate count query was tried: it costs a
            // second walk over the postings of a multi-term query, which doubled the median (RESULTS.md, issue #5).
            TopFieldCollector collector = TopFieldCollector.create(new Sort(sort), want, after, Integer.MAX_VALUE);
            searcher.search(query, collector);
            TopFieldDocs top = collector.topDocs();
            long total = top.totalHits.value;
            boolean more = top.scoreDocs.length > request.limit();
            int n = Math.min(top.scoreDocs.length, request.limit());
            List<SearchHit> hits = new ArrayList<>(n);
            StoredFields stored = searcher.storedFields();
            for (int i = 0; i < n; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                Document d = stored.document(sd.doc, HIT_FIELDS);
                float score = relevance ? scoreOf((FieldDoc) sd) : 0f;
                hits.add(new SearchHit(d.get(Fields.ID), d.get(Fields.TYPE), d.get(Fields.NAME), score));
            }
            String cursor = n == 0 ? null : Cursor.encode((FieldDoc) top.scoreDocs[n - 1], shape);
            return new SearchPage(hits, total, cursor, more);
        } catch (IOException e) {
            throw new SearchException("cannot read the search index: " + e.getMessage(), e);
        }
    }
}
