package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.search.Filter;
import dev.threatkit.cti.search.FilterGroup;
import dev.threatkit.cti.search.FilterMode;
import dev.threatkit.cti.search.FilterOperator;
import dev.threatkit.cti.search.SearchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns an OpenCTI filter group into one Lucene query over the documents {@link DocumentMapper} writes, with
 * OpenCTI's semantics (docs: shared opencti.md, section 6):
 *
 * <ul>
 *   <li>a group combines its filters and non-empty sub-groups with its mode; an empty group matches everything;
 *   <li>a filter's keys are alternatives (any field); its values combine by the filter's mode;
 *   <li>strings compare normalised (case- and accent-insensitive); a value written as a number also compares as a
 *       number, a date (instant, day, {@code now-7d}) as a date span (see {@link FilterValues});
 *   <li>names stand for ids where a key holds references (createdBy, objectMarking, objects, fromId, toId,
 *       regardingOf), resolved in the index under the caller's visibility.
 * </ul>
 *
 * <p>Negations follow OpenCTI's engines ({@code buildLocalMustFilter} and the in-memory boolean logic engine):
 * each value is negated on its own and the negations combine by the filter's mode. So {@code not_eq [a, b]} with
 * mode {@code and} matches objects with neither a nor b, and with mode {@code or} objects lacking at least one of
 * them. It is compiled as everything minus the positive match with the opposite mode (De Morgan), so the usual
 * "neither" form is one term set however many values it has.
 *
 * <p>{@code eq} without values means {@code nil} and {@code not_eq} without values {@code not_nil}, as in OpenCTI;
 * other operators need values. {@code nil} is true when the property is absent, an empty string, or (for dates)
 * at or before 1970-01-01T01:00Z or from 5138-11-16 on (OpenCTI's empty dates); {@code not_nil} is its opposite.
 *
 * <p>Bounded: the query never exceeds Lucene's clause limit (many {@code eq} values become one term set; other
 * operators take at most {@link IndexSearcher#getMaxClauseCount()} values), wildcard patterns are bounded by
 * {@link Wildcards}, and look-ups collect at most {@link IndexLookups#MAX_IDS} ids. Not thread-safe: one
 * compiler per search.
 */
public final class FilterCompiler {
    private static final Analyzer ANALYZER = new TextAnalyzer();
    /** OpenCTI's empty dates: at or before this instant (1970-01-01T01:00:00Z) ... */
    private static final long EMPTY_DATE_UNTIL = 3_600_000L;
    /** ... or from this one on (5138-11-16T09:46:40Z). */
    private static final long EMPTY_DATE_FROM = 100_000_000_000_000L;

    private static final Set<String> CONTAINS_TEXT =
            Set.of(Fields.TEXT_NAME, Fields.TEXT_DESCRIPTION, Fields.TEXT_ALIAS);

    private final IndexSearcher searcher;
    private final Query visibility;
    private final Clock clock;
    private final FilterKeys keys;
    private final IndexLookups lookups;
    private final RegardingOf regardingOf;

    /**
     * A compiler for searches on {@code searcher} by a caller who sees what {@code visibility} matches; relative
     * dates are relative to the system clock.
     */
    public FilterCompiler(IndexSearcher searcher, Query visibility, StixRegistry registry) {
        this(searcher, visibility, registry, Clock.systemUTC());
    }

    /** As {@link #FilterCompiler(IndexSearcher, Query, StixRegistry)}, with {@code now} read from {@code clock}. */
    public FilterCompiler(IndexSearcher searcher, Query visibility, StixRegistry registry, Clock clock) {
        this.searcher = Objects.requireNonNull(searcher, "searcher");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = new FilterKeys(Objects.requireNonNull(registry, "registry"), searcher.getIndexReader());
        this.lookups = new IndexLookups(searcher, visibility);
        this.regardingOf = new RegardingOf(searcher, lookups);
    }

    /**
     * The query matching what {@code group} selects. It does not include the visibility query: the caller adds
     * it to the search, as for every search.
     *
     * @throws SearchException when a key is unknown, an operator does not apply to a key, a value does not fit
     *     the operator, or the filter would be too large to run
     */
    public Query compile(FilterGroup group) {
        Objects.requireNonNull(group, "group");
        try {
            Query query = group(group, 1);
            checkClauses(query);
            return query;
        } catch (IndexSearcher.TooManyClauses e) {
            throw new SearchException(
                    "the filters need more than " + IndexSearcher.getMaxClauseCount()
                            + " query clauses; use fewer filters or values, and put the values of one key in one eq "
                            + "filter (those become a single clause)",
                    e);
        }
    }

    private Query group(FilterGroup group, int depth) {
        if (depth > FilterJson.MAX_DEPTH) {
            throw new SearchException("filter groups nest more than " + FilterJson.MAX_DEPTH + " deep; flatten them");
        }
        List<Query> parts = new ArrayList<>();
        for (Filter filter : group.filters()) {
            parts.add(filter(filter));
        }
        for (FilterGroup sub : group.filterGroups()) {
            if (!sub.isEmpty()) {
                parts.add(group(sub, depth + 1));
            }
        }
        return parts.isEmpty() ? new MatchAllDocsQuery() : combine(parts, group.mode());
    }

    private Query filter(Filter filter) {
        if (filter.keys().isEmpty()) {
            throw new SearchException("a filter needs at least one key");
        }
        List<FilterKey> targets = filter.keys().stream().map(keys::resolve).toList();
        FilterOperator op = filter.operator();
        for (FilterKey target : targets) {
            if (target.kind() == FilterKey.Kind.REGARDING_OF && targets.size() > 1) {
                throw new SearchException(
                        "regardingOf cannot be combined with other keys; give it a filter of its own");
            }
            if (!target.operators().contains(op)) {
                throw new SearchException("operator " + op.jsonName() + " does not apply to the key " + target.name()
                        + "; it takes "
                        + target.operators().stream()
                                .map(FilterOperator::jsonName)
                                .collect(Collectors.joining(", ")));
            }
        }
        if (targets.get(0).kind() == FilterKey.Kind.REGARDING_OF) {
            Query related = regardingOf.compile(filter);
            return op == FilterOperator.NOT_EQ ? not(related) : related;
        }
        if (op == FilterOperator.NIL || op == FilterOperator.NOT_NIL) {
            return any(targets, op == FilterOperator.NIL ? this::nil : this::notNil);
        }
        List<String> values = filter.values();
        if (values.isEmpty()) {
            if (op == FilterOperator.EQ || op == FilterOperator.NOT_EQ) {
                return any(targets, op == FilterOperator.EQ ? this::nil : this::notNil);
            }
            throw new SearchException("operator " + op.jsonName() + " on " + filter.keys() + " has no values; "
                    + "give at least one (only nil and not_nil take none)");
        }
        if (op == FilterOperator.WITHIN) {
            return within(targets, values);
        }
        FilterOperator positive = positive(op);
        boolean negated = positive != op;
        FilterMode mode = negated ? flip(filter.mode()) : filter.mode();
        boolean oneTermSet = positive == FilterOperator.EQ && mode == FilterMode.OR;
        long clauses = (long) values.size() * targets.size();
        if (!oneTermSet && clauses > IndexSearcher.getMaxClauseCount()) {
            throw new SearchException(
                    "operator " + op.jsonName() + " with mode " + filter.mode().jsonName()
                            + " over " + values.size() + " values and " + targets.size() + " key(s) needs " + clauses
                            + " query clauses; the most is " + IndexSearcher.getMaxClauseCount()
                            + ": only eq with mode or and not_eq with mode and take many values at once; split the values"
                            + " over several filters");
        }
        Query match = values(targets, positive, values, mode);
        return negated ? not(match) : match;
    }

    private Query values(List<FilterKey> targets, FilterOperator op, List<String> values, FilterMode mode) {
        if (op == FilterOperator.EQ && mode == FilterMode.OR) {
            return any(targets, t -> equal(t, values));
        }
        List<Query> perValue = new ArrayList<>(values.size());
        for (String value : values) {
            perValue.add(any(targets, t -> single(t, op, value)));
        }
        return combine(perValue, mode);
    }

    private Query single(FilterKey target, FilterOperator op, String value) {
        switch (op) {
            case EQ:
                return equal(target, List.of(value));
            case GT:
            case GTE:
            case LT:
            case LTE:
                return range(target, op, value);
            case STARTS_WITH:
                return anyField(target, f -> new PrefixQuery(new Term(f, target.normalize(value))));
            case ENDS_WITH:
                return anyField(target, f -> Wildcards.endsWith(f, target.normalize(value)));
            case CONTAINS:
                return contains(target, value);
            case WILDCARD:
                return anyField(target, f -> Wildcards.pattern(f, value, target.normalize(value)));
            case MATCH:
                return text(target, value, false);
            case SEARCH:
                return text(target, value, true);
            default:
                throw new IllegalStateException("not a positive single-value operator: " + op);
        }
    }

    // ---------------------------------------------------------------------------------------------- equality

    private Query equal(FilterKey target, List<String> values) {
        switch (target.kind()) {
            case IDS:
            case ENTITY_TYPE:
                return termSet(
                        target.fields().get(0),
                        values.stream().map(target::normalize).toList());
            case MARKING:
                return termSet(Fields.MARKING, markingIds(values));
            case REFERENCE:
                Set<String> ids = referenceIds(target, values);
                return anyField(
                        target,
                        f -> termSet(f, ids.stream().map(Fields::keywordValue).toList()));
            case LABEL:
                return termSet(Fields.keyword("labels"), labels(values));
            default:
                return propertyEqual(target.name(), values);
        }
    }

    /** Keywords, plus the numbers among the values as numbers and the dates as date spans. */
    private Query propertyEqual(String property, List<String> values) {
        List<Query> any = new ArrayList<>();
        any.add(termSet(
                Fields.keyword(property),
                values.stream().map(Fields::keywordValue).toList()));
        List<Double> numbers = new ArrayList<>();
        for (String v : values) {
            Double n = FilterValues.number(v);
            if (n != null) {
                numbers.add(n);
            }
            FilterValues.Span span = FilterValues.date(v, clock);
            if (span != null) {
                any.add(LongPoint.newRangeQuery(Fields.number(property), span.from(), span.to()));
            }
        }
        if (!numbers.isEmpty()) {
            double[] ds = numbers.stream().mapToDouble(Double::doubleValue).toArray();
            any.add(DoublePoint.newSetQuery(Fields.decimal(property), ds));
        }
        return combine(any, FilterMode.OR);
    }

    private Set<String> markingIds(List<String> values) {
        return idsAndNamed(values, lookups::markingIdsNamed);
    }

    private Set<String> referenceIds(FilterKey target, List<String> values) {
        return idsAndNamed(values, names -> lookups.idsNamed(names, target.nameType()));
    }

    /** The values that are STIX ids as given, plus the ids of the objects the others name. */
    private static Set<String> idsAndNamed(
            List<String> values, java.util.function.Function<List<String>, Set<String>> named) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (String v : values) {
            if (IndexLookups.isStixId(v)) {
                ids.add(v.strip());
            } else {
                names.add(v);
            }
        }
        ids.addAll(named.apply(names));
        return ids;
    }

    private Set<String> labels(List<String> values) {
        Set<String> labels = new LinkedHashSet<>();
        List<String> labelIds = new ArrayList<>();
        for (String v : values) {
            if (v.strip().startsWith("label--")) {
                labelIds.add(v);
            } else {
                labels.add(Fields.keywordValue(v));
            }
        }
        labels.addAll(lookups.labelValues(labelIds));
        return labels;
    }

    // ---------------------------------------------------------------------------------------------- ranges

    private Query range(FilterKey target, FilterOperator op, String value) {
        String property = target.properties().get(0);
        Double number = FilterValues.number(value);
        if (number != null) {
            double n = number;
            double lower =
                    op == FilterOperator.GT ? Math.nextUp(n) : op == FilterOperator.GTE ? n : Double.NEGATIVE_INFINITY;
            double upper = op == FilterOperator.LT
                    ? Math.nextDown(n)
                    : op == FilterOperator.LTE ? n : Double.POSITIVE_INFINITY;
            return DoublePoint.newRangeQuery(Fields.decimal(property), lower, upper);
        }
        FilterValues.checkDateMath(value);
        FilterValues.Span span = FilterValues.date(value, clock);
        if (span != null) {
            // a day is a span: after it, from its start, before its start, up to its end
            long lower =
                    op == FilterOperator.GT ? span.to() + 1 : op == FilterOperator.GTE ? span.from() : Long.MIN_VALUE;
            long upper =
                    op == FilterOperator.LT ? span.from() - 1 : op == FilterOperator.LTE ? span.to() : Long.MAX_VALUE;
            return LongPoint.newRangeQuery(Fields.number(property), lower, upper);
        }
        String s = Fields.keywordValue(value);
        boolean above = op == FilterOperator.GT || op == FilterOperator.GTE;
        boolean inclusive = op == FilterOperator.GTE || op == FilterOperator.LTE;
        return above
                ? TermRangeQuery.newStringRange(Fields.keyword(property), s, null, inclusive, true)
                : TermRangeQuery.newStringRange(Fields.keyword(property), null, s, true, inclusive);
    }

    private Query within(List<FilterKey> targets, List<String> values) {
        if (values.size() != 2) {
            throw new SearchException("within takes two values, [from, to], both included; got " + values.size());
        }
        String from = values.get(0);
        String to = values.get(1);
        Double lowNumber = FilterValues.number(from);
        Double highNumber = FilterValues.number(to);
        FilterValues.checkDateMath(from);
        FilterValues.checkDateMath(to);
        FilterValues.Span lowDate = lowNumber == null ? FilterValues.date(from, clock) : null;
        FilterValues.Span highDate = highNumber == null ? FilterValues.date(to, clock) : null;
        boolean numbers = lowNumber != null && highNumber != null;
        boolean dates = lowDate != null && highDate != null;
        boolean strings = lowNumber == null && highNumber == null && lowDate == null && highDate == null;
        if (!numbers && !dates && !strings) {
            throw new SearchException(
                    "within needs two numbers, two dates or two strings; got \"" + from + "\" and \"" + to + "\"");
        }
        return any(targets, t -> {
            String property = t.properties().get(0);
            if (numbers) {
                return DoublePoint.newRangeQuery(Fields.decimal(property), lowNumber, highNumber);
            }
            if (dates) {
                return LongPoint.newRangeQuery(Fields.number(property), lowDate.from(), highDate.to());
            }
            return TermRangeQuery.newStringRange(
                    Fields.keyword(property), Fields.keywordValue(from), Fields.keywordValue(to), true, true);
        });
    }

    // ---------------------------------------------------------------------------------------------- text

    /** Substring of a keyword; for names, descriptions and aliases also a phrase of the full text. */
    private Query contains(FilterKey target, String value) {
        List<Query> any = new ArrayList<>();
        String normalized = target.normalize(value);
        for (String field : target.fields()) {
            any.add(Wildcards.contains(field, normalized));
        }
        String textField = textField(target);
        if (textField != null && CONTAINS_TEXT.contains(textField)) {
            Query phrase = new QueryBuilder(ANALYZER).createPhraseQuery(textField, value);
            if (phrase != null) {
                any.add(withProperty(target.name(), phrase));
            }
        }
        return combine(any, FilterMode.OR);
    }

    /**
     * match: every analysed word of {@code value} in the key's full-text field; search: every word as a prefix.
     * Keys without a full-text field take every word as a substring of the keyword.
     */
    private Query text(FilterKey target, String value, boolean prefixes) {
        String textField = textField(target);
        if (textField == null) {
            List<Query> all = new ArrayList<>();
            for (String word : target.normalize(value).split(" ")) {
                if (!word.isEmpty()) {
                    checkWords(all.size() + 1);
                    all.add(anyField(target, f -> Wildcards.contains(f, word)));
                }
            }
            return all.isEmpty() ? new MatchNoDocsQuery("no words") : combine(all, FilterMode.AND);
        }
        List<String> words = analyse(textField, value);
        if (words.isEmpty()) {
            return new MatchNoDocsQuery("no words");
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : words) {
            Term term = new Term(textField, word);
            all.add(prefixes ? new PrefixQuery(term) : new TermQuery(term), Occur.MUST);
        }
        return withProperty(target.name(), all.build());
    }

    /** The full-text field of a top-level property key, or null. */
    private static String textField(FilterKey target) {
        return target.topLevel() ? DocumentMapper.textField(target.name()) : null;
    }

    /** {@code query} on a full-text field shared by several properties, narrowed to objects having {@code property}. */
    private static Query withProperty(String property, Query query) {
        return new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(new TermQuery(new Term(Fields.HAS, property)), Occur.FILTER)
                .build();
    }

    private static List<String> analyse(String field, String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream tokens = ANALYZER.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                checkWords(words.size() + 1);
                words.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    private static void checkWords(int count) {
        if (count > IndexSearcher.getMaxClauseCount()) {
            throw new SearchException(
                    "the text to match has more than " + IndexSearcher.getMaxClauseCount() + " words; use fewer words");
        }
    }

    // ---------------------------------------------------------------------------------------------- nil

    private Query nil(FilterKey target) {
        return not(notNil(target));
    }

    private Query notNil(FilterKey target) {
        Query present = present(target);
        Query empty = empty(target);
        if (empty == null) {
            return present;
        }
        return new BooleanQuery.Builder()
                .add(present, Occur.MUST)
                .add(empty, Occur.MUST_NOT)
                .build();
    }

    private static Query present(FilterKey target) {
        switch (target.kind()) {
            case IDS:
            case ENTITY_TYPE:
                return exists(target.fields().get(0));
            case PROPERTY:
                return target.topLevel() && !FilterKeys.DERIVED.contains(target.name())
                        ? new TermQuery(new Term(Fields.HAS, target.name()))
                        : exists(Fields.keyword(target.name()));
            default:
                return any(target.properties(), p -> new TermQuery(new Term(Fields.HAS, p)));
        }
    }

    /** What counts as an empty value of a present property, or null. */
    private static Query empty(FilterKey target) {
        if (target.kind() == FilterKey.Kind.LABEL) {
            return new TermQuery(new Term(Fields.keyword("labels"), ""));
        }
        if (target.kind() != FilterKey.Kind.PROPERTY) {
            return null;
        }
        String p = target.name();
        return combine(
                List.of(
                        new TermQuery(new Term(Fields.keyword(p), "")),
                        LongPoint.newRangeQuery(Fields.number(p), Long.MIN_VALUE, EMPTY_DATE_UNTIL),
                        LongPoint.newRangeQuery(Fields.number(p), EMPTY_DATE_FROM, Long.MAX_VALUE)),
                FilterMode.OR);
    }

    /** Documents with any term in {@code field} (the keyword fields have neither norms nor doc values). */
    private static Query exists(String field) {
        return new TermRangeQuery(field, null, null, true, true);
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private static FilterOperator positive(FilterOperator op) {
        switch (op) {
            case NOT_EQ:
                return FilterOperator.EQ;
            case NOT_STARTS_WITH:
                return FilterOperator.STARTS_WITH;
            case NOT_ENDS_WITH:
                return FilterOperator.ENDS_WITH;
            case NOT_CONTAINS:
                return FilterOperator.CONTAINS;
            default:
                return op;
        }
    }

    private static FilterMode flip(FilterMode mode) {
        return mode == FilterMode.AND ? FilterMode.OR : FilterMode.AND;
    }

    private static Query termSet(String field, Collection<String> values) {
        Set<String> distinct = new LinkedHashSet<>(values);
        if (distinct.isEmpty()) {
            return new MatchNoDocsQuery("no value of " + field + " to match");
        }
        if (distinct.size() == 1) {
            return new TermQuery(new Term(field, distinct.iterator().next()));
        }
        return new TermInSetQuery(field, distinct.stream().map(BytesRef::new).toList());
    }

    private static Query anyField(FilterKey target, Function<String, Query> perField) {
        return any(target.fields(), perField);
    }

    private static <T> Query any(List<T> items, Function<T, Query> each) {
        List<Query> queries = new ArrayList<>(items.size());
        for (T item : items) {
            queries.add(each.apply(item));
        }
        return combine(queries, FilterMode.OR);
    }

    private static Query combine(List<Query> queries, FilterMode mode) {
        if (queries.size() == 1) {
            return queries.get(0);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Query q : queries) {
            b.add(q, mode == FilterMode.AND ? Occur.MUST : Occur.SHOULD);
        }
        if (mode == FilterMode.OR) {
            b.setMinimumNumberShouldMatch(1);
        }
        return b.build();
    }

    private static Query not(Query query) {
        return new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.MUST)
                .add(query, Occur.MUST_NOT)
                .build();
    }

    /**
     * Lets Lucene count the clauses now (its rewrite throws {@link IndexSearcher.TooManyClauses}, turned into
     * advice by {@link #compile}) rather than fail the search later.
     */
    private void checkClauses(Query query) {
        Query withVisibility = new BooleanQuery.Builder()
                .add(query, Occur.FILTER)
                .add(visibility, Occur.FILTER)
                .build();
        try {
            searcher.rewrite(withVisibility);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
