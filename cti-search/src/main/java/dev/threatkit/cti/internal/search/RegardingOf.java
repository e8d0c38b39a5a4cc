package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.search.Filter;
import dev.threatkit.cti.search.FilterMode;
import dev.threatkit.cti.search.FilterOperator;
import dev.threatkit.cti.search.SearchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * OpenCTI's {@code regardingOf} key: the objects that have a relationship (or a sighting) with given objects,
 * optionally of given relationship types. The relationships are searched in the index, restricted by the caller's
 * visibility, and their other ends collected from the {@code _from} / {@code _to} doc values; the result is a
 * query on those ids. A hidden relationship, or a hidden object named as an end, contributes nothing.
 *
 * <p>Conditions combine with and; the values of one condition with its mode ({@code id} values with and mean
 * related to each of them). {@code relationship_type} values always combine with or; the type of a sighting is
 * {@code stix-sighting-relationship}. {@code is_inferred}: the store holds no inferred relationships yet, so
 * {@code false} (facts) keeps every relationship and {@code true} alone matches nothing.
 */
final class RegardingOf {
    static final String KEY = "regardingOf";
    static final String CONDITION_KEYS = "id, relationship_type or is_inferred";

    private static final String ID = "id";
    private static final String TYPE = "relationship_type";
    private static final String INFERRED = "is_inferred";
    private static final String CORE = "stix-core-relationship";
    private static final String SIGHTING = "stix-sighting-relationship";

    private final IndexSearcher searcher;
    private final IndexLookups lookups;

    RegardingOf(IndexSearcher searcher, IndexLookups lookups) {
        this.searcher = searcher;
        this.lookups = lookups;
    }

    static boolean isConditionKey(String key) {
        return ID.equals(key) || TYPE.equals(key) || INFERRED.equals(key);
    }

    /** The objects related as {@code filter}'s conditions say (the positive match; not_eq negates it). */
    Query compile(Filter filter) {
        if (filter.subFilters().isEmpty()) {
            throw new SearchException("regardingOf needs conditions: {\"key\": \"id\", \"values\": [...]} and/or "
                    + "{\"key\": \"relationship_type\", \"values\": [...]}");
        }
        List<List<String>> endGroups = new ArrayList<>();
        Set<String> types = new LinkedHashSet<>();
        boolean facts = true;
        for (Filter condition : filter.subFilters()) {
            String key = conditionKey(condition);
            if (ID.equals(key)) {
                if (condition.mode() == FilterMode.AND) {
                    condition.values().forEach(v -> endGroups.add(List.of(v)));
                } else {
                    endGroups.add(condition.values());
                }
            } else if (TYPE.equals(key)) {
                condition.values().forEach(v -> types.add(Fields.keywordValue(v)));
            } else {
                facts &= inferred(condition.values());
            }
        }
        if (!facts) {
            return new MatchNoDocsQuery("regardingOf: there are no inferred relationships");
        }
        Set<String> related = null;
        for (List<String> group : endGroups) {
            Set<String> ends = ends(group);
            Set<String> found = ends.isEmpty() ? Set.of() : related(ends, types);
            if (related == null) {
                related = new LinkedHashSet<>(found);
            } else {
                related.retainAll(found);
            }
        }
        if (related == null) {
            related = related(null, types);
        }
        if (related.isEmpty()) {
            return new MatchNoDocsQuery("regardingOf: no related objects");
        }
        return Fields.anyId(related.stream().map(BytesRef::new).toList());
    }

    private static String conditionKey(Filter condition) {
        if (condition.keys().size() != 1 || !isConditionKey(condition.keys().get(0))) {
            throw new SearchException(
                    "a regardingOf condition has one key, " + CONDITION_KEYS + "; got " + condition.keys());
        }
        if (condition.operator() != FilterOperator.EQ) {
            throw new SearchException("regardingOf conditions take eq only; to exclude related objects, give the "
                    + "regardingOf filter the operator not_eq");
        }
        if (condition.values().isEmpty()) {
            throw new SearchException(
                    "the regardingOf condition " + condition.keys().get(0) + " has no values");
        }
        return condition.keys().get(0);
    }

    /** True when the values let facts (not inferred relationships) through. */
    private static boolean inferred(List<String> values) {
        boolean facts = false;
        for (String v : values) {
            String b = v.strip().toLowerCase(Locale.ROOT);
            if (!"true".equals(b) && !"false".equals(b)) {
                throw new SearchException("regardingOf is_inferred takes \"true\" or \"false\", not \"" + v + "\"");
            }
            facts |= "false".equals(b);
        }
        return facts;
    }

    /** The stored ids of the visible objects a group of ids or names designates. */
    private Set<String> ends(List<String> values) {
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String v : values) {
            (IndexLookups.isStixId(v) ? ids : names).add(v);
        }
        Set<String> out = new LinkedHashSet<>(lookups.visibleIds(ids));
        out.addAll(lookups.idsNamed(names, null));
        return out;
    }

    /**
     * The other ends of the visible relationships and sightings of {@code types} (any when empty) touching one of
     * {@code ends}; with {@code ends} null, every end of those relationships.
     */
    private Set<String> related(Set<String> ends, Set<String> types) {
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(typeQuery(types), Occur.FILTER);
        if (ends != null) {
            q.add(Fields.anyEnd(ends.stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
        return HitStrings.collect(
                searcher, lookups.restricted(q.build()), () -> new EndCollector(ends), "related objects");
    }

    private static Query typeQuery(Set<String> types) {
        if (types.isEmpty()) {
            return new TermInSetQuery(Fields.ENTITY_TYPE, List.of(new BytesRef(CORE), new BytesRef(SIGHTING)));
        }
        Set<String> core = new LinkedHashSet<>(types);
        boolean sightings = core.remove(SIGHTING) | core.remove("sighting");
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        if (!core.isEmpty()) {
            q.add(
                    new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(Fields.ENTITY_TYPE, CORE)), Occur.FILTER)
                            .add(
                                    new TermInSetQuery(
                                            Fields.keyword(TYPE),
                                            core.stream().map(BytesRef::new).toList()),
                                    Occur.FILTER)
                            .build(),
                    Occur.SHOULD);
        }
        if (sightings) {
            q.add(new TermQuery(new Term(Fields.ENTITY_TYPE, SIGHTING)), Occur.SHOULD);
        }
        return q.build();
    }

    /** Reads each hit's source and target ends and keeps the ones across from {@code ends}. */
    private static final class EndCollector extends HitStrings {
        private final Set<String> ends;
        private final List<String> from = new ArrayList<>();
        private final List<String> to = new ArrayList<>();
        private SortedSetDocValues fromValues;
        private SortedSetDocValues toValues;

        EndCollector(Set<String> ends) {
            super("related objects");
            this.ends = ends;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            fromValues = context.reader().getSortedSetDocValues(Fields.FROM);
            toValues = context.reader().getSortedSetDocValues(Fields.TO);
        }

        @Override
        public void collect(int doc) throws IOException {
            read(fromValues, doc, from);
            read(toValues, doc, to);
            if (ends == null || from.stream().anyMatch(ends::contains)) {
                to.forEach(this::add);
            }
            if (ends == null || to.stream().anyMatch(ends::contains)) {
                from.forEach(this::add);
            }
        }

        private static void read(SortedSetDocValues values, int doc, List<String> into) throws IOException {
            into.clear();
            if (values != null && values.advanceExact(doc)) {
                for (int i = 0; i < values.docValueCount(); i++) {
                    into.add(values.lookupOrd(values.nextOrd()).utf8ToString());
                }
            }
        }
    }
}
