package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.markings.Tlp;
import dev.threatkit.cti.search.SearchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The look-ups a filter runs against the index before it can become a query: names to ids (an author, a marking,
 * a container's objects), label objects to their values. Every look-up is restricted by the caller's visibility
 * query, so an object the caller cannot see never turns a name into an id, and a name that finds nothing gives
 * no ids (the filter then matches nothing).
 */
final class IndexLookups {
    /** Most ids one look-up may collect. */
    static final int MAX_IDS = 100_000;

    private static final String MARKING_TYPE = "marking-definition";
    private static final String DEFINITION_PREFIX = Fields.keyword("definition.");

    private final IndexSearcher searcher;
    private final Query visibility;

    IndexLookups(IndexSearcher searcher, Query visibility) {
        this.searcher = searcher;
        this.visibility = visibility;
    }

    /** True when {@code value} is written as a STIX id ({@code type--uuid}) rather than a name. */
    static boolean isStixId(String value) {
        return value.contains("--");
    }

    /**
     * The stored ids of the visible objects called {@code names} (a name, alias or observable value, compared
     * normalised) or known by one of them as an id (OpenCTI's internal ids), of {@code entityType} when not null.
     */
    Set<String> idsNamed(Collection<String> names, String entityType) {
        if (names.isEmpty()) {
            return Set.of();
        }
        List<BytesRef> exact = new ArrayList<>();
        List<BytesRef> ids = new ArrayList<>();
        for (String name : names) {
            exact.add(new BytesRef(Fields.normalize(name)));
            ids.add(new BytesRef(name.strip()));
        }
        Query named = new BooleanQuery.Builder()
                .add(new TermInSetQuery(Fields.EXACT, exact), Occur.SHOULD)
                .add(Fields.anyId(ids), Occur.SHOULD)
                .build();
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(named, Occur.FILTER);
        if (entityType != null) {
            q.add(new TermQuery(new Term(Fields.ENTITY_TYPE, entityType)), Occur.FILTER);
        }
        return storedIds(q.build(), "objects named " + sample(names));
    }

    /**
     * The ids of the visible marking definitions named {@code names} (their {@code name}, or a value of their
     * {@code definition}: "TLP:RED", "PAP:RED", a statement), plus the well-known ids of TLP levels so named,
     * which hold whether or not the definition object was ever stored.
     */
    Set<String> markingIdsNamed(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        if (names.isEmpty()) {
            return out;
        }
        List<BytesRef> values = new ArrayList<>();
        for (String name : names) {
            values.add(new BytesRef(Fields.keywordValue(name)));
            Tlp.Level level = Tlp.byName(name);
            if (level != null) {
                out.add(level.stixId());
                out.add(level.tlp2Id());
            }
        }
        BooleanQuery.Builder named = new BooleanQuery.Builder();
        named.add(new TermInSetQuery(Fields.keyword("name"), values), Occur.SHOULD);
        for (String field : definitionFields()) {
            named.add(new TermInSetQuery(field, values), Occur.SHOULD);
        }
        Query q = new BooleanQuery.Builder()
                .add(named.build(), Occur.FILTER)
                .add(new TermQuery(new Term(Fields.ENTITY_TYPE, MARKING_TYPE)), Occur.FILTER)
                .build();
        out.addAll(storedIds(q, "markings named " + sample(names)));
        return out;
    }

    /** The keyword fields of marking definitions' {@code definition} members ({@code k.definition.tlp} ...). */
    private Set<String> definitionFields() {
        Set<String> fields = new LinkedHashSet<>();
        for (FieldInfo info : FieldInfos.getMergedFieldInfos(searcher.getIndexReader())) {
            if (info.name.startsWith(DEFINITION_PREFIX) && fields.size() < 64) {
                fields.add(info.name);
            }
        }
        return fields;
    }

    /** The values (normalised) of the visible label objects with these ids. */
    Set<String> labelValues(Collection<String> labelIds) {
        if (labelIds.isEmpty()) {
            return Set.of();
        }
        List<BytesRef> ids =
                labelIds.stream().map(String::strip).map(BytesRef::new).toList();
        String what = "label objects";
        return HitStrings.collect(
                searcher,
                restricted(Fields.anyId(ids)),
                () -> new HitStrings(what) {
                    private StoredFields stored;

                    @Override
                    protected void doSetNextReader(LeafReaderContext context) throws IOException {
                        stored = context.reader().storedFields();
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        String value = stored.document(doc, Set.of(Fields.NAME)).get(Fields.NAME);
                        if (value != null) {
                            add(Fields.keywordValue(value));
                        }
                    }
                },
                what);
    }

    /** The stored ids of the visible objects known by any of {@code ids}. */
    Set<String> visibleIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<BytesRef> terms =
                ids.stream().map(String::strip).map(BytesRef::new).toList();
        return storedIds(Fields.anyId(terms), "objects with ids " + sample(ids));
    }

    /** The stored ids ({@code _id} doc values) of the visible objects matching {@code query}. */
    Set<String> storedIds(Query query, String what) {
        return HitStrings.collect(
                searcher,
                restricted(query),
                () -> new HitStrings(what) {
                    private SortedDocValues ids;

                    @Override
                    protected void doSetNextReader(LeafReaderContext context) throws IOException {
                        ids = context.reader().getSortedDocValues(Fields.ID);
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        if (ids != null && ids.advanceExact(doc)) {
                            add(ids.lookupOrd(ids.ordValue()).utf8ToString());
                        }
                    }
                },
                what);
    }

    /** {@code query} restricted to what the caller may see. */
    Query restricted(Query query) {
        return new BooleanQuery.Builder()
                .add(query, Occur.FILTER)
                .add(visibility, Occur.FILTER)
                .build();
    }

    /** A few of {@code values}, for messages. */
    static String sample(Collection<String> values) {
        List<String> first = values.stream().limit(3).toList();
        return String.join(", ", first) + (values.size() > 3 ? " (and " + (values.size() - 3) + " more)" : "");
    }

    static SearchException tooMany(String what) {
        return new SearchException("the filter finds more than " + MAX_IDS + " " + what
                + "; the most a filter may resolve is " + MAX_IDS + ": narrow it (fewer names or ids, a relationship"
                + " type)");
    }
}
