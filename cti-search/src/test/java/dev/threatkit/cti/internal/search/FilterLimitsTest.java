package dev.threatkit.cti.internal.search;

import static dev.threatkit.cti.internal.search.FilterFixture.APT28;
import static dev.threatkit.cti.internal.search.FilterFixture.FILE;
import static dev.threatkit.cti.internal.search.FilterFixture.MIMIKATZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.threatkit.cti.search.Filter;
import dev.threatkit.cti.search.FilterGroup;
import dev.threatkit.cti.search.FilterMode;
import dev.threatkit.cti.search.FilterOperator;
import dev.threatkit.cti.search.SearchException;
import dev.threatkit.cti.store.Caller;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile or merely large filters: they run fast or fail with advice, and never hang. */
class FilterLimitsTest {
    private static final Duration FAST = Duration.ofSeconds(5);

    private static TestIndex index;

    @BeforeAll
    static void build() {
        index = FilterFixture.index();
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    private static List<String> manyIds(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> String.format("malware--00000000-0000-4000-8000-%012d", i))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    @Test
    void eq_tenThousandValuesFromJsonCompileAndRunFast() {
        List<String> ids = manyIds(9_998);
        ids.add(MIMIKATZ);
        ids.add(APT28);
        String values = ids.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
        String json = "{\"mode\": \"and\", \"filters\": [{\"key\": [\"ids\"], \"values\": [" + values + "]}]}";
        Set<String> found = assertTimeoutPreemptively(FAST, () -> index.ids(json));
        assertThat(found).containsExactlyInAnyOrder(MIMIKATZ, APT28);
    }

    @Test
    void eq_tenThousandNamesAndTheirNegation() {
        List<String> names = manyIds(9_999);
        names.add("MIMIKATZ");
        Filter eq = new Filter(List.of("name"), names, FilterOperator.EQ, FilterMode.OR, List.of());
        assertThat(assertTimeoutPreemptively(FAST, () -> index.ids(FilterGroup.and(eq))))
                .containsExactly(MIMIKATZ);
        Filter neither = new Filter(List.of("name"), names, FilterOperator.NOT_EQ, FilterMode.AND, List.of());
        assertThat(assertTimeoutPreemptively(FAST, () -> index.ids(FilterGroup.and(neither))))
                .doesNotContain(MIMIKATZ)
                .contains(APT28);
        Filter objects = new Filter(List.of("objects"), names, FilterOperator.EQ, FilterMode.OR, List.of());
        assertThat(assertTimeoutPreemptively(FAST, () -> index.ids(FilterGroup.and(objects))))
                .containsExactly(FilterFixture.REPORT);
    }

    @Test
    void manyValuesForPerValueOperatorsFailWithAdvice() {
        Filter contains = new Filter(List.of("name"), manyIds(2_000), FilterOperator.CONTAINS, null, null);
        assertThatThrownBy(() -> index.ids(FilterGroup.and(contains)))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("the most is " + IndexSearcher.getMaxClauseCount());
        Filter notBoth = new Filter(List.of("name"), manyIds(2_000), FilterOperator.NOT_EQ, FilterMode.OR, null);
        assertThatThrownBy(() -> index.ids(FilterGroup.and(notBoth)))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("operator not_eq with mode or")
                .hasMessageContaining("not_eq with mode and");
    }

    @Test
    void manyFiltersBeyondTheClauseLimitFailWithAdvice() {
        List<Filter> filters = manyIds(IndexSearcher.getMaxClauseCount() + 10).stream()
                .map(v -> Filter.of("name", FilterOperator.STARTS_WITH, v))
                .toList();
        FilterGroup group = new FilterGroup(FilterMode.OR, filters, List.of());
        assertThatThrownBy(() -> index.ids(group))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("query clauses");
    }

    /**
     * Lucene counts term leaves across nested groups (multi-term queries count as none: each rewrites to one bit
     * set; pure disjunctions of terms on one field rewrite to one term set).
     */
    @Test
    void clausesSpreadOverNestedGroupsAreCountedToo() {
        List<FilterGroup> groups = new ArrayList<>();
        for (int g = 0; g < 40; g++) {
            int group = g;
            groups.add(new FilterGroup(
                    FilterMode.AND,
                    manyIds(30).stream()
                            .map(v -> Filter.eq("name", v + "-" + group))
                            .toList(),
                    List.of()));
        }
        FilterGroup all = new FilterGroup(FilterMode.OR, List.of(), groups);
        assertThatThrownBy(() -> index.ids(all))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("query clauses");
        FilterGroup fewer = new FilterGroup(FilterMode.OR, List.of(), groups.subList(0, 30));
        assertThat(index.ids(fewer)).isEmpty();
    }

    @Test
    void wildcard_pathologicalPatternsRunFastOrFail() {
        for (String pattern : List.of(
                "*a*a*a*a*a*a*a*a*a*a*b",
                "*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*z",
                "a?".repeat(120),
                "*".repeat(256),
                "**********")) {
            Filter f = Filter.of("name", FilterOperator.WILDCARD, pattern);
            assertTimeoutPreemptively(FAST, () -> {
                try {
                    index.ids(FilterGroup.and(f));
                } catch (SearchException e) {
                    assertThat(e).hasMessageContaining("pattern");
                }
            });
        }
    }

    @Test
    void wildcard_runsOfStarsCollapseAndMatchAnyValue() {
        Set<String> any = index.ids(FilterGroup.and(Filter.of("name", FilterOperator.WILDCARD, "**********")));
        Set<String> named = index.ids(FilterGroup.and(Filter.of("name", FilterOperator.NOT_NIL)));
        assertThat(any).isEqualTo(named).contains(MIMIKATZ, FILE);
    }

    @Test
    void wildcard_longPatternsAreRefused() {
        Filter f = Filter.of("name", FilterOperator.WILDCARD, "a".repeat(10_000));
        assertThatThrownBy(() -> index.ids(FilterGroup.and(f)))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("10000 characters; the most is 256");
    }

    @Test
    void wildcard_tooComplexToDeterminizeIsASearchException() {
        String pattern = "*a??????????????????????????????????????????????????b*";
        assertThatThrownBy(() -> Wildcards.pattern("k.name", pattern, pattern))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("too complex");
    }

    @Test
    void contains_longValuesStayLinear() {
        String value = "ab".repeat(400);
        Set<String> found = assertTimeoutPreemptively(
                FAST, () -> index.ids(FilterGroup.and(Filter.of("description", FilterOperator.CONTAINS, value))));
        assertThat(found).isEmpty();
        String ends = "*?".repeat(300);
        assertThat(assertTimeoutPreemptively(
                        FAST, () -> index.ids(FilterGroup.and(Filter.of("name", FilterOperator.ENDS_WITH, ends)))))
                .isEmpty();
    }

    @Test
    void match_tooManyWordsFailWithAdvice() {
        String words = IntStream.range(0, 2_000).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        assertThatThrownBy(() -> index.ids(FilterGroup.and(Filter.of("name", FilterOperator.MATCH, words))))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("words");
    }

    @Test
    void groups_builtInCodeNestAtMost32Deep() {
        FilterGroup g = FilterGroup.and(Filter.eq("name", "Mimikatz"));
        for (int i = 0; i < 40; i++) {
            g = new FilterGroup(FilterMode.AND, List.of(), List.of(g));
        }
        FilterGroup deep = g;
        assertThatThrownBy(() -> index.ids(deep))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("more than 32 deep");
    }

    @Test
    void regardingOf_collectsAtMostTheCap() throws IOException {
        String hub = "malware--00000000-0000-4000-8000-000000000000";
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
                for (int i = 0; i <= IndexLookups.MAX_IDS; i++) {
                    String target = String.format("identity--00000000-0000-4000-8000-%012d", i + 1);
                    w.addDocument(relationshipDoc("relationship--" + i, hub, target));
                }
                Document hubDoc = new Document();
                hubDoc.add(new StringField(Fields.ID, hub, Field.Store.YES));
                hubDoc.add(new SortedDocValuesField(Fields.ID, new BytesRef(hub)));
                hubDoc.add(new StringField(Fields.IDS, hub, Field.Store.NO));
                w.addDocument(hubDoc);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                FilterCompiler compiler = new FilterCompiler(
                        new IndexSearcher(reader),
                        Visibility.of(reader, Caller.ADMIN, true),
                        dev.threatkit.cti.schema.StixRegistry.builtIn(),
                        FilterFixture.CLOCK);
                Filter regarding = new Filter(
                        List.of("regardingOf"), List.of(), FilterOperator.EQ, null, List.of(Filter.eq("id", hub)));
                assertThatThrownBy(() -> compiler.compile(FilterGroup.and(regarding)))
                        .isInstanceOf(SearchException.class)
                        .hasMessageContaining("more than 100000 related objects");
            }
        }
    }

    private static Document relationshipDoc(String id, String from, String to) {
        Document d = new Document();
        d.add(new StringField(Fields.ID, id, Field.Store.YES));
        d.add(new SortedDocValuesField(Fields.ID, new BytesRef(id)));
        d.add(new StringField(Fields.ENTITY_TYPE, "stix-core-relationship", Field.Store.NO));
        d.add(new StringField(Fields.keyword("source_ref"), from, Field.Store.NO));
        d.add(new StringField(Fields.keyword("target_ref"), to, Field.Store.NO));
        d.add(new SortedSetDocValuesField(Fields.FROM, new BytesRef(from)));
        d.add(new SortedSetDocValuesField(Fields.TO, new BytesRef(to)));
        return d;
    }

    @Test
    void compile_isUnaffectedByAnEmptyIndex() throws IOException {
        try (TestIndex empty = TestIndex.of(List.of(), FilterFixture.CLOCK)) {
            assertThat(empty.ids(FilterGroup.and(Filter.eq("objectMarking", "TLP:RED"))))
                    .isEmpty();
            assertThat(empty.run(new MatchAllDocsQuery())).isEmpty();
        }
    }
}
