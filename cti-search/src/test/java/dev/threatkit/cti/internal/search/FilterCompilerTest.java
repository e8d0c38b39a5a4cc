package dev.threatkit.cti.internal.search;

import static dev.threatkit.cti.internal.search.FilterFixture.APT28;
import static dev.threatkit.cti.internal.search.FilterFixture.APT29;
import static dev.threatkit.cti.internal.search.FilterFixture.AUTHOR;
import static dev.threatkit.cti.internal.search.FilterFixture.CLOCK;
import static dev.threatkit.cti.internal.search.FilterFixture.DISCO;
import static dev.threatkit.cti.internal.search.FilterFixture.DUMPING;
import static dev.threatkit.cti.internal.search.FilterFixture.EMOTET;
import static dev.threatkit.cti.internal.search.FilterFixture.FILE;
import static dev.threatkit.cti.internal.search.FilterFixture.FRANCE;
import static dev.threatkit.cti.internal.search.FilterFixture.HIDDEN_RAT;
import static dev.threatkit.cti.internal.search.FilterFixture.INDICATES;
import static dev.threatkit.cti.internal.search.FilterFixture.IND_HASH;
import static dev.threatkit.cti.internal.search.FilterFixture.IND_IP;
import static dev.threatkit.cti.internal.search.FilterFixture.IP;
import static dev.threatkit.cti.internal.search.FilterFixture.LABEL_TOOL;
import static dev.threatkit.cti.internal.search.FilterFixture.LONG_DESCRIPTION;
import static dev.threatkit.cti.internal.search.FilterFixture.MIMIKATZ;
import static dev.threatkit.cti.internal.search.FilterFixture.OLDBOT;
import static dev.threatkit.cti.internal.search.FilterFixture.PAP_RED;
import static dev.threatkit.cti.internal.search.FilterFixture.REPORT;
import static dev.threatkit.cti.internal.search.FilterFixture.SECRET_AUTHOR;
import static dev.threatkit.cti.internal.search.FilterFixture.SHADOW;
import static dev.threatkit.cti.internal.search.FilterFixture.SIGHTING;
import static dev.threatkit.cti.internal.search.FilterFixture.STATEMENT;
import static dev.threatkit.cti.internal.search.FilterFixture.TARGETS;
import static dev.threatkit.cti.internal.search.FilterFixture.TLP_RED;
import static dev.threatkit.cti.internal.search.FilterFixture.USES_1;
import static dev.threatkit.cti.internal.search.FilterFixture.USES_2;
import static dev.threatkit.cti.internal.search.FilterFixture.USES_BY_HIDDEN;
import static dev.threatkit.cti.internal.search.FilterFixture.USES_HIDDEN;
import static dev.threatkit.cti.internal.search.FilterFixture.VICTIM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.search.Filter;
import dev.threatkit.cti.search.FilterGroup;
import dev.threatkit.cti.search.FilterMode;
import dev.threatkit.cti.search.FilterOperator;
import dev.threatkit.cti.search.SearchException;
import dev.threatkit.cti.store.Caller;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FilterCompilerTest {
    /** Sees everything but TLP:RED. */
    private static final Caller NO_RED = Caller.of(Set.of(STATEMENT, PAP_RED), 100);

    private static TestIndex index;

    @BeforeAll
    static void build() {
        index = FilterFixture.index();
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    private static Set<String> find(String key, FilterOperator op, String... values) {
        return index.ids(FilterGroup.and(Filter.of(key, op, values)));
    }

    private static Set<String> find(String key, FilterOperator op, FilterMode mode, String... values) {
        return index.ids(FilterGroup.and(new Filter(List.of(key), List.of(values), op, mode, List.of())));
    }

    private static Set<String> eq(String key, String... values) {
        return find(key, FilterOperator.EQ, values);
    }

    private static Set<String> json(String filterGroup) {
        return index.ids(filterGroup);
    }

    private static Set<String> allBut(String... ids) {
        Set<String> all = new LinkedHashSet<>(FilterFixture.allIds());
        Arrays.asList(ids).forEach(all::remove);
        return all;
    }

    private static Set<String> malwareBut(String... ids) {
        Set<String> all = new LinkedHashSet<>(List.of(MIMIKATZ, EMOTET, HIDDEN_RAT, OLDBOT, SHADOW));
        Arrays.asList(ids).forEach(all::remove);
        return all;
    }

    /** {@code filter} and entity_type = Malware. */
    private static Set<String> malware(Filter filter) {
        return index.ids(FilterGroup.and(Filter.eq("entity_type", "Malware"), filter));
    }

    // -------------------------------------------------------------------------------------- eq and not_eq

    @Test
    void eq_isCaseAndAccentInsensitive() {
        assertThat(eq("name", "MIMIKATZ")).containsExactly(MIMIKATZ);
        assertThat(eq("name", "Mimikätz")).containsExactly(MIMIKATZ);
        assertThat(eq("name", "  mimikatz ")).containsExactly(MIMIKATZ);
        assertThat(eq("name", "emotet")).containsExactly(EMOTET);
        assertThat(eq("name", "ÉMOTET")).containsExactly(EMOTET);
        assertThat(eq("name", "mimik")).isEmpty();
    }

    @Test
    void eq_valuesCombineByMode() {
        assertThat(eq("labels", "tool", "banking")).containsExactlyInAnyOrder(MIMIKATZ, EMOTET);
        assertThat(find("labels", FilterOperator.EQ, FilterMode.AND, "TOOL", "credential-theft"))
                .containsExactly(MIMIKATZ);
        assertThat(find("labels", FilterOperator.EQ, FilterMode.AND, "tool", "banking"))
                .isEmpty();
    }

    @Test
    void eq_severalKeysMeanAnyOfThem() {
        Filter f = new Filter(List.of("name", "aliases"), List.of("fancy bear"), null, null, null);
        assertThat(index.ids(FilterGroup.and(f))).containsExactly(APT28);
        Filter both = new Filter(
                List.of("name", "aliases"), List.of("APT28", "Sofacy"), FilterOperator.EQ, FilterMode.AND, null);
        assertThat(index.ids(FilterGroup.and(both))).containsExactly(APT28);
    }

    @Test
    void eq_nestedMembersAndExternalIds() {
        assertThat(eq("hashes.SHA-256", "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12"))
                .containsExactly(FILE);
        assertThat(eq("external_references.external_id", "t1003")).containsExactly(DUMPING);
        assertThat(eq("kill_chain_phases.phase_name", "Credential-Access")).containsExactly(DUMPING);
        assertThat(eq("x_mitre_id", "T1003")).containsExactly(DUMPING);
    }

    @Test
    void eq_numbersCompareAsNumbersToo() {
        assertThat(eq("confidence", "80")).containsExactly(MIMIKATZ);
        assertThat(eq("confidence", "80.0")).containsExactly(MIMIKATZ);
        assertThat(eq("confidence", "81")).isEmpty();
        assertThat(eq("x_acme_score", "7.50")).containsExactly(APT28);
        assertThat(eq("count", "3")).containsExactly(SIGHTING);
    }

    @Test
    void eq_datesMatchTheInstantOrTheWholeDay() {
        assertThat(eq("valid_from", "2024-02-01")).containsExactly(IND_HASH);
        assertThat(eq("valid_from", "2024-02-01T00:00:00Z")).containsExactly(IND_HASH);
        assertThat(eq("valid_from", "2024-02-01T01:00:00+01:00")).containsExactly(IND_HASH);
        assertThat(eq("valid_from", "2024-02-01T00:00:00.001Z")).isEmpty();
        assertThat(eq("valid_from", "2024-02-02")).isEmpty();
    }

    @Test
    void eq_booleans() {
        assertThat(eq("revoked", "true")).containsExactly(OLDBOT);
        assertThat(eq("is_family", "TRUE")).containsExactlyInAnyOrder(EMOTET, HIDDEN_RAT, OLDBOT, SHADOW);
    }

    @Test
    void notEq_excludesAndKeepsObjectsWithoutTheProperty() {
        assertThat(find("name", FilterOperator.NOT_EQ, "mimikatz")).isEqualTo(allBut(MIMIKATZ));
    }

    @Test
    void notEq_negatesEachValueAndCombinesByMode() {
        Filter neither =
                new Filter(List.of("name"), List.of("Mimikatz", "Emotet"), FilterOperator.NOT_EQ, FilterMode.AND, null);
        assertThat(malware(neither)).isEqualTo(malwareBut(MIMIKATZ, EMOTET));
        // OpenCTI: with mode or, an object lacking at least one of the values matches
        Filter notBoth =
                new Filter(List.of("name"), List.of("Mimikatz", "Emotet"), FilterOperator.NOT_EQ, FilterMode.OR, null);
        assertThat(malware(notBoth)).isEqualTo(malwareBut());
        Filter labels = new Filter(
                List.of("labels"), List.of("tool", "credential-theft"), FilterOperator.NOT_EQ, FilterMode.OR, null);
        assertThat(malware(labels)).isEqualTo(malwareBut(MIMIKATZ));
    }

    @Test
    void eq_withoutValuesIsNil() {
        assertThat(eq("confidence")).isEqualTo(allBut(MIMIKATZ, EMOTET));
        assertThat(find("confidence", FilterOperator.NOT_EQ)).containsExactlyInAnyOrder(MIMIKATZ, EMOTET);
        assertThatThrownBy(() -> find("name", FilterOperator.CONTAINS))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("has no values");
    }

    // -------------------------------------------------------------------------------------- ranges

    @Test
    void ranges_onNumbers() {
        assertThat(find("confidence", FilterOperator.GT, "50")).containsExactly(MIMIKATZ);
        assertThat(find("confidence", FilterOperator.GT, "80")).isEmpty();
        assertThat(find("confidence", FilterOperator.GTE, "20")).containsExactlyInAnyOrder(MIMIKATZ, EMOTET);
        assertThat(find("confidence", FilterOperator.LT, "80")).containsExactly(EMOTET);
        assertThat(find("confidence", FilterOperator.LTE, "80")).containsExactlyInAnyOrder(MIMIKATZ, EMOTET);
        assertThat(find("x_acme_score", FilterOperator.GT, "7")).containsExactly(APT28);
        assertThat(find("x_acme_score", FilterOperator.LT, "7.5")).isEmpty();
    }

    @Test
    void ranges_onDates() {
        assertThat(find("valid_from", FilterOperator.GTE, "2024-03-01")).containsExactly(IND_IP);
        assertThat(find("valid_from", FilterOperator.LT, "2024-03-01")).containsExactly(IND_HASH);
        assertThat(find("valid_from", FilterOperator.GT, "2024-02-01")).containsExactly(IND_IP);
        assertThat(find("valid_from", FilterOperator.GTE, "2024-02-01")).containsExactlyInAnyOrder(IND_HASH, IND_IP);
        assertThat(find("valid_from", FilterOperator.LTE, "2024-02-01")).containsExactly(IND_HASH);
        assertThat(find("valid_from", FilterOperator.LT, "2024-02-01T00:00:00Z"))
                .isEmpty();
        assertThat(find("created", FilterOperator.LT, "2023-12-31T23:59:59Z"))
                .containsExactlyInAnyOrder(EMOTET, APT28, TLP_RED);
    }

    @Test
    void ranges_relativeToNow() {
        // now is 2024-03-20T00:00:00Z
        assertThat(find("valid_from", FilterOperator.GT, "now-7d")).containsExactly(IND_IP);
        assertThat(find("valid_from", FilterOperator.GT, "now-1M")).containsExactly(IND_IP);
        assertThat(find("valid_from", FilterOperator.GT, "now-1y")).containsExactlyInAnyOrder(IND_HASH, IND_IP);
        assertThat(find("valid_from", FilterOperator.GT, "now-24h")).isEmpty();
        assertThat(find("valid_from", FilterOperator.LT, "now")).containsExactlyInAnyOrder(IND_HASH, IND_IP);
        assertThat(find("valid_from", FilterOperator.GTE, "now-5d/d")).containsExactly(IND_IP);
        assertThatThrownBy(() -> find("valid_from", FilterOperator.GT, "now-7x"))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("date math");
    }

    @Test
    void ranges_onStrings() {
        assertThat(find("name", FilterOperator.GTE, "shadow")).containsExactlyInAnyOrder(SHADOW, TLP_RED);
        assertThat(find("name", FilterOperator.GT, "shadow")).containsExactly(TLP_RED);
        assertThat(find("name", FilterOperator.LT, "apt29")).containsExactlyInAnyOrder(AUTHOR, APT28);
    }

    @Test
    void within_numbersDatesAndStrings() {
        assertThat(find("confidence", FilterOperator.WITHIN, "20", "79")).containsExactly(EMOTET);
        assertThat(find("confidence", FilterOperator.WITHIN, "20", "80")).containsExactlyInAnyOrder(MIMIKATZ, EMOTET);
        assertThat(find("valid_from", FilterOperator.WITHIN, "now-7d", "now")).containsExactly(IND_IP);
        assertThat(find("valid_from", FilterOperator.WITHIN, "2024-01-01", "2024-02-01"))
                .containsExactly(IND_HASH);
        assertThat(find("published", FilterOperator.WITHIN, "2024-02-01T00:00:00Z", "2024-02-28T23:59:59Z"))
                .containsExactly(REPORT);
        assertThat(find("name", FilterOperator.WITHIN, "apt", "apu")).containsExactlyInAnyOrder(APT28, APT29);
    }

    @Test
    void within_refusesOtherShapes() {
        assertThatThrownBy(() -> find("confidence", FilterOperator.WITHIN, "20"))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("two values");
        assertThatThrownBy(() -> find("confidence", FilterOperator.WITHIN, "20", "30", "40"))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("two values");
        assertThatThrownBy(() -> find("created", FilterOperator.WITHIN, "2024-01-01", "80"))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("two numbers, two dates or two strings");
    }

    // -------------------------------------------------------------------------------------- nil

    @Test
    void nil_andNotNil() {
        assertThat(find("confidence", FilterOperator.NOT_NIL)).containsExactlyInAnyOrder(MIMIKATZ, EMOTET);
        assertThat(find("confidence", FilterOperator.NIL)).isEqualTo(allBut(MIMIKATZ, EMOTET));
        // an empty string counts as nil
        assertThat(find("description", FilterOperator.NOT_NIL)).containsExactlyInAnyOrder(MIMIKATZ, APT29);
        assertThat(find("description", FilterOperator.NIL)).contains(EMOTET).doesNotContain(MIMIKATZ, APT29);
    }

    @Test
    void nil_onNestedAndDerivedKeys() {
        assertThat(find("hashes.SHA-256", FilterOperator.NOT_NIL)).containsExactly(FILE);
        assertThat(find("hashes.SHA-256", FilterOperator.NIL)).isEqualTo(allBut(FILE));
        assertThat(find("external_references.external_id", FilterOperator.NOT_NIL))
                .containsExactly(DUMPING);
        assertThat(find("x_mitre_id", FilterOperator.NOT_NIL)).containsExactly(DUMPING);
    }

    @Test
    void nil_onSpecialKeys() {
        assertThat(find("createdBy", FilterOperator.NOT_NIL))
                .containsExactlyInAnyOrder(MIMIKATZ, APT28, IND_HASH, REPORT, SHADOW);
        assertThat(find("objectLabel", FilterOperator.NOT_NIL))
                .containsExactlyInAnyOrder(MIMIKATZ, EMOTET, IND_HASH, REPORT);
        assertThat(find("objectMarking", FilterOperator.NIL))
                .doesNotContain(MIMIKATZ, HIDDEN_RAT, REPORT, USES_HIDDEN, SECRET_AUTHOR)
                .contains(EMOTET, APT28);
        assertThat(find("fromId", FilterOperator.NOT_NIL))
                .containsExactlyInAnyOrder(USES_1, TARGETS, USES_2, INDICATES, USES_HIDDEN, USES_BY_HIDDEN, SIGHTING);
        assertThat(find("entity_type", FilterOperator.NIL)).isEmpty();
    }

    // -------------------------------------------------------------------------------------- strings

    @Test
    void startsWith_andNegation() {
        assertThat(find("name", FilterOperator.STARTS_WITH, "MIMI"))
                .containsExactlyInAnyOrder(MIMIKATZ, IND_HASH, FILE);
        assertThat(malware(Filter.of("name", FilterOperator.NOT_STARTS_WITH, "mimi")))
                .isEqualTo(malwareBut(MIMIKATZ));
        assertThat(find("name", FilterOperator.STARTS_WITH, "mimi*")).isEmpty();
    }

    @Test
    void endsWith_andNegation() {
        assertThat(find("name", FilterOperator.ENDS_WITH, ".EXE")).containsExactly(FILE);
        assertThat(find("name", FilterOperator.ENDS_WITH, "bot")).containsExactly(OLDBOT);
        assertThat(malware(Filter.of("name", FilterOperator.NOT_ENDS_WITH, "bot")))
                .isEqualTo(malwareBut(OLDBOT));
    }

    @Test
    void contains_keywordsAndFullText() {
        assertThat(find("name", FilterOperator.CONTAINS, "KATZ")).containsExactlyInAnyOrder(MIMIKATZ, IND_HASH, FILE);
        assertThat(find("aliases", FilterOperator.CONTAINS, "bear")).containsExactlyInAnyOrder(APT28, APT29);
        // past the 512 characters kept as a keyword: found by the phrase on the full text
        assertThat(LONG_DESCRIPTION.length()).isGreaterThan(Fields.MAX_KEYWORD);
        assertThat(find("description", FilterOperator.CONTAINS, "Hammertoss")).containsExactly(APT29);
        assertThat(find("description", FilterOperator.CONTAINS, "unique beacon named"))
                .containsExactly(APT29);
        assertThat(find("description", FilterOperator.CONTAINS, "beacon unique named"))
                .isEmpty();
        // wildcard characters in a value are literal
        assertThat(find("name", FilterOperator.CONTAINS, "m*z")).isEmpty();
        assertThat(find("name", FilterOperator.CONTAINS, "?")).isEmpty();
        assertThat(malware(Filter.of("name", FilterOperator.NOT_CONTAINS, "katz")))
                .isEqualTo(malwareBut(MIMIKATZ));
    }

    @Test
    void wildcard_patterns() {
        assertThat(find("name", FilterOperator.WILDCARD, "M?mi*Z")).containsExactly(MIMIKATZ);
        assertThat(find("name", FilterOperator.WILDCARD, "*.exe")).containsExactly(FILE);
        assertThat(find("name", FilterOperator.WILDCARD, "APT2?")).containsExactlyInAnyOrder(APT28, APT29);
        assertThat(find("name", FilterOperator.WILDCARD, "apt2")).isEmpty();
        assertThat(find("entity_type", FilterOperator.WILDCARD, "Intrusion-*")).containsExactlyInAnyOrder(APT28, APT29);
    }

    @Test
    void match_andSearch_onFullText() {
        assertThat(find("description", FilterOperator.MATCH, "credentials dumping"))
                .containsExactly(MIMIKATZ);
        assertThat(find("name", FilterOperator.MATCH, "credential dumping")).containsExactly(DUMPING);
        assertThat(find("name", FilterOperator.MATCH, "cred dump")).isEmpty();
        assertThat(find("name", FilterOperator.SEARCH, "cred dump")).containsExactly(DUMPING);
        assertThat(find("aliases", FilterOperator.MATCH, "dukes")).containsExactly(APT29);
        assertThat(find("pattern", FilterOperator.MATCH, "ipv4")).containsExactly(IND_IP);
        // value is also in t.other (the observable's value), but only patterns are asked for
        assertThat(find("value", FilterOperator.MATCH, "ipv4")).isEmpty();
        assertThat(find("name", FilterOperator.MATCH, "!!!")).isEmpty();
    }

    @Test
    void match_withoutFullTextFieldUsesSubstrings() {
        assertThat(find("report_types", FilterOperator.MATCH, "threat")).containsExactly(REPORT);
        assertThat(find("report_types", FilterOperator.MATCH, "threat nothing")).isEmpty();
    }

    // -------------------------------------------------------------------------------------- special keys

    @Test
    void ids_matchAnyIdExactly() {
        assertThat(eq("ids", MIMIKATZ, APT28)).containsExactlyInAnyOrder(MIMIKATZ, APT28);
        assertThat(find("ids", FilterOperator.NOT_EQ, MIMIKATZ)).isEqualTo(allBut(MIMIKATZ));
        assertThatThrownBy(() -> find("ids", FilterOperator.STARTS_WITH, "malware--"))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("does not apply to the key ids")
                .hasMessageContaining("eq, not_eq, nil, not_nil");
    }

    @Test
    void entityType_acceptsTypesAndParentsInAnyCase() {
        assertThat(eq("entity_type", "Malware")).isEqualTo(malwareBut());
        assertThat(eq("entity_type", "malware")).isEqualTo(malwareBut());
        assertThat(eq("entity_type", "Stix-Cyber-Observable")).containsExactlyInAnyOrder(IP, FILE);
        assertThat(eq("entity_type", "Identity")).containsExactlyInAnyOrder(AUTHOR, VICTIM, SECRET_AUTHOR);
        assertThat(eq("entity_type", "Threat-Actor")).containsExactly(DISCO);
        assertThat(eq("entity_type", "Location")).containsExactly(FRANCE);
        assertThat(eq("entity_type", "Container")).containsExactly(REPORT);
        assertThat(eq("entity_type", "Intrusion-Set", "Attack-Pattern"))
                .containsExactlyInAnyOrder(APT28, APT29, DUMPING);
        assertThat(eq("entity_type", "Stix-Domain-Object"))
                .contains(MIMIKATZ, REPORT, DISCO)
                .doesNotContain(IP, USES_1);
        assertThat(eq("entity_type", "stix-core-relationship"))
                .containsExactlyInAnyOrder(USES_1, TARGETS, USES_2, INDICATES, USES_HIDDEN, USES_BY_HIDDEN);
    }

    @Test
    void relationshipType_andEnds() {
        assertThat(eq("relationship_type", "USES"))
                .containsExactlyInAnyOrder(USES_1, USES_2, USES_HIDDEN, USES_BY_HIDDEN);
        assertThat(eq("fromId", APT29)).containsExactlyInAnyOrder(TARGETS, USES_2, USES_HIDDEN);
        assertThat(eq("fromId", IND_IP)).containsExactly(SIGHTING);
        assertThat(eq("toId", VICTIM)).containsExactlyInAnyOrder(TARGETS, SIGHTING);
        assertThat(eq("fromOrToId", MIMIKATZ)).containsExactlyInAnyOrder(USES_1, INDICATES, USES_HIDDEN);
        assertThat(eq("fromId", "apt29")).containsExactlyInAnyOrder(TARGETS, USES_2, USES_HIDDEN);
    }

    @Test
    void createdBy_byIdOrName() {
        Set<String> byAnssi = Set.of(MIMIKATZ, APT28, IND_HASH, REPORT);
        assertThat(eq("createdBy", AUTHOR)).isEqualTo(byAnssi);
        assertThat(eq("createdBy", "anssi")).isEqualTo(byAnssi);
        assertThat(eq("createdBy", "ANSSI", "Secret Author"))
                .containsAll(byAnssi)
                .contains(SHADOW);
        // a name of an object that is no identity is no author
        assertThat(eq("createdBy", "Mimikatz")).isEmpty();
        assertThat(eq("createdBy", "nobody at all")).isEmpty();
        assertThat(malware(Filter.of("createdBy", FilterOperator.NOT_EQ, "ANSSI")))
                .isEqualTo(malwareBut(MIMIKATZ));
    }

    @Test
    void objectMarking_byIdOrName() {
        Set<String> red = Set.of(HIDDEN_RAT, SECRET_AUTHOR, USES_HIDDEN);
        assertThat(eq("objectMarking", TLP_RED)).isEqualTo(red);
        assertThat(eq("objectMarking", "TLP:RED")).isEqualTo(red);
        assertThat(eq("objectMarking", "tlp:red")).isEqualTo(red);
        assertThat(eq("objectMarking", "PAP:RED")).containsExactly(MIMIKATZ);
        assertThat(eq("objectMarking", "Copyright ACME")).containsExactly(REPORT);
        assertThat(eq("objectMarking", "tlp:amber+strict")).isEmpty();
        assertThat(eq("objectMarking", "no such marking")).isEmpty();
    }

    @Test
    void objectMarking_tlpNamesMatchWellKnownIdsWithoutTheDefinition() throws IOException {
        String amber = dev.threatkit.cti.markings.Tlp.Level.AMBER.stixId();
        try (TestIndex small = TestIndex.of(
                List.of(TestIndex.object("{\"type\": \"malware\", \"spec_version\": \"2.1\", \"id\": \"" + EMOTET
                        + "\", \"created\": \"2024-01-01T00:00:00Z\", \"modified\": \"2024-01-01T00:00:00Z\", "
                        + "\"name\": \"x\", \"is_family\": true, \"object_marking_refs\": [\"" + amber + "\"]}")),
                CLOCK)) {
            assertThat(small.ids(FilterGroup.and(Filter.eq("objectMarking", "TLP:AMBER"))))
                    .containsExactly(EMOTET);
            assertThat(small.ids(FilterGroup.and(Filter.eq("objectMarking", "TLP:GREEN"))))
                    .isEmpty();
        }
    }

    @Test
    void objectLabel_byValueOrLabelId() {
        assertThat(eq("objectLabel", "TOOL")).containsExactly(MIMIKATZ);
        assertThat(eq("objectLabel", LABEL_TOOL)).containsExactly(MIMIKATZ);
        assertThat(eq("objectLabel", "label--0a1b2c3d-0000-4000-8000-999999999999"))
                .isEmpty();
        assertThat(find("objectLabel", FilterOperator.STARTS_WITH, "cred")).containsExactly(MIMIKATZ);
    }

    @Test
    void objects_byIdOrName() {
        assertThat(eq("objects", APT28)).containsExactly(REPORT);
        assertThat(eq("objects", "Mimikatz")).containsExactly(REPORT);
        assertThat(eq("objects", "Fancy Bear")).containsExactly(REPORT);
        assertThat(eq("objects", "Nothing like it")).isEmpty();
        assertThatThrownBy(() -> find("objects", FilterOperator.CONTAINS, "x"))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("does not apply to the key objects");
    }

    // -------------------------------------------------------------------------------------- regardingOf

    private static Filter regardingOf(FilterOperator op, Filter... conditions) {
        return new Filter(List.of("regardingOf"), List.of(), op, FilterMode.OR, List.of(conditions));
    }

    private static Set<String> regarding(Caller caller, Filter... conditions) {
        return index.ids(FilterGroup.and(regardingOf(FilterOperator.EQ, conditions)), caller);
    }

    @Test
    void regardingOf_findsTheOtherEnds() {
        assertThat(regarding(Caller.ADMIN, Filter.eq("id", MIMIKATZ)))
                .containsExactlyInAnyOrder(APT28, APT29, IND_HASH);
        assertThat(regarding(Caller.ADMIN, Filter.eq("id", MIMIKATZ), Filter.eq("relationship_type", "uses")))
                .containsExactlyInAnyOrder(APT28, APT29);
        assertThat(regarding(Caller.ADMIN, Filter.eq("id", "Mimikatz"), Filter.eq("relationship_type", "indicates")))
                .containsExactly(IND_HASH);
        assertThat(regarding(Caller.ADMIN, Filter.eq("id", APT29)))
                .containsExactlyInAnyOrder(VICTIM, DUMPING, MIMIKATZ);
    }

    @Test
    void regardingOf_sightings() {
        assertThat(regarding(Caller.ADMIN, Filter.eq("id", IND_IP))).containsExactlyInAnyOrder(AUTHOR, VICTIM);
        assertThat(regarding(Caller.ADMIN, Filter.eq("id", VICTIM))).containsExactlyInAnyOrder(APT29, IND_IP);
        assertThat(regarding(
                        Caller.ADMIN,
                        Filter.eq("id", VICTIM),
                        Filter.eq("relationship_type", "stix-sighting-relationship")))
                .containsExactly(IND_IP);
    }

    @Test
    void regardingOf_withoutIdTakesEveryEndOfTheType() {
        assertThat(regarding(Caller.ADMIN, Filter.eq("relationship_type", "targets")))
                .containsExactlyInAnyOrder(APT29, VICTIM);
    }

    @Test
    void regardingOf_idsWithModeAndMeanRelatedToEach() {
        Filter both = new Filter(List.of("id"), List.of(APT28, APT29), FilterOperator.EQ, FilterMode.AND, null);
        assertThat(regarding(Caller.ADMIN, both)).containsExactly(MIMIKATZ);
        assertThat(regarding(NO_RED, both)).isEmpty();
    }

    @Test
    void regardingOf_isInferred() {
        assertThat(regarding(Caller.ADMIN, Filter.eq("id", MIMIKATZ), Filter.eq("is_inferred", "false")))
                .containsExactlyInAnyOrder(APT28, APT29, IND_HASH);
        assertThat(regarding(Caller.ADMIN, Filter.eq("id", MIMIKATZ), Filter.eq("is_inferred", "true")))
                .isEmpty();
        assertThatThrownBy(() -> regarding(Caller.ADMIN, Filter.eq("id", MIMIKATZ), Filter.eq("is_inferred", "maybe")))
                .isInstanceOf(SearchException.class);
    }

    @Test
    void regardingOf_negated() {
        Set<String> found = index.ids(FilterGroup.and(
                Filter.eq("entity_type", "Intrusion-Set"),
                regardingOf(FilterOperator.NOT_EQ, Filter.eq("id", MIMIKATZ), Filter.eq("relationship_type", "uses"))));
        assertThat(found).isEmpty();
        Set<String> notIndicated = index.ids(FilterGroup.and(
                Filter.eq("entity_type", "Intrusion-Set"),
                regardingOf(
                        FilterOperator.NOT_EQ, Filter.eq("id", MIMIKATZ), Filter.eq("relationship_type", "targets"))));
        assertThat(notIndicated).containsExactlyInAnyOrder(APT28, APT29);
    }

    @Test
    void regardingOf_fromJson() {
        String json = "{\"mode\": \"and\", \"filters\": [{\"key\": \"regardingOf\", \"operator\": \"eq\", \"values\": ["
                + "{\"key\": \"id\", \"values\": [\"" + MIMIKATZ + "\"]}, "
                + "{\"key\": \"relationship_type\", \"values\": [\"uses\"]}]}], \"filterGroups\": []}";
        assertThat(json(json)).containsExactlyInAnyOrder(APT28, APT29);
    }

    // -------------------------------------------------------------------------------------- visibility

    @Test
    void visibility_hidesWhatOnlyHiddenObjectsWouldFind() {
        // the hidden relationship APT29 -uses-> Mimikatz does not make APT29 related
        assertThat(regarding(NO_RED, Filter.eq("id", MIMIKATZ))).containsExactlyInAnyOrder(APT28, IND_HASH);
        assertThat(regarding(NO_RED, Filter.eq("id", MIMIKATZ), Filter.eq("relationship_type", "uses")))
                .containsExactly(APT28);
        // a hidden object given by id or by name relates nothing, even through a visible relationship
        assertThat(regarding(Caller.ADMIN, Filter.eq("id", HIDDEN_RAT))).containsExactly(DUMPING);
        assertThat(regarding(Caller.ADMIN, Filter.eq("id", "HiddenRat"))).containsExactly(DUMPING);
        assertThat(regarding(NO_RED, Filter.eq("id", HIDDEN_RAT))).isEmpty();
        assertThat(regarding(NO_RED, Filter.eq("id", "HiddenRat"))).isEmpty();
        // Shadow is visible, but its author is not: the author's name resolves to nothing
        assertThat(index.ids(FilterGroup.and(Filter.eq("createdBy", "Secret Author")), Caller.ADMIN))
                .containsExactly(SHADOW);
        assertThat(index.ids(FilterGroup.and(Filter.eq("createdBy", "Secret Author")), NO_RED))
                .isEmpty();
        assertThat(index.ids(FilterGroup.and(Filter.eq("fromId", "APT29")), NO_RED))
                .containsExactlyInAnyOrder(TARGETS, USES_2);
    }

    @Test
    void visibility_markingNamesResolveForWhoSeesTheMarkedObjects() {
        Caller redOnly = Caller.of(Set.of(TLP_RED), 100);
        assertThat(index.ids(FilterGroup.and(Filter.eq("objectMarking", "TLP:RED")), redOnly))
                .containsExactlyInAnyOrder(HIDDEN_RAT, SECRET_AUTHOR, USES_HIDDEN);
        assertThat(index.ids(FilterGroup.and(Filter.eq("objectMarking", "TLP:RED")), NO_RED))
                .isEmpty();
        assertThat(index.ids(FilterGroup.and(Filter.eq("objectMarking", "PAP:RED")), redOnly))
                .isEmpty();
    }

    // -------------------------------------------------------------------------------------- groups

    @Test
    void groups_nestWithAndAndOr() {
        String json = "{\"mode\": \"or\", \"filters\": [{\"key\": \"name\", \"values\": [\"Mimikatz\"]}], "
                + "\"filterGroups\": [{\"mode\": \"and\", \"filters\": ["
                + "{\"key\": [\"entity_type\"], \"values\": [\"Intrusion-Set\"]}, "
                + "{\"key\": \"aliases\", \"values\": [\"cozy bear\"]}], \"filterGroups\": []}]}";
        assertThat(json(json)).containsExactlyInAnyOrder(MIMIKATZ, APT29);
        String and = "{\"mode\": \"and\", \"filters\": [{\"key\": \"entity_type\", \"values\": [\"Malware\"]}], "
                + "\"filterGroups\": [{\"mode\": \"or\", \"filters\": ["
                + "{\"key\": \"confidence\", \"operator\": \"gte\", \"values\": [50]}, "
                + "{\"key\": \"labels\", \"values\": [\"banking\"]}]}]}";
        assertThat(json(and)).containsExactlyInAnyOrder(MIMIKATZ, EMOTET);
    }

    @Test
    void groups_emptyMatchesEverythingAndEmptySubGroupsAreSkipped() {
        assertThat(json("{}")).isEqualTo(allBut());
        assertThat(json("{\"mode\": \"or\", \"filters\": [], \"filterGroups\": [{}, {\"filterGroups\": [{}]}]}"))
                .isEqualTo(allBut());
        String orWithEmpty = "{\"mode\": \"or\", \"filters\": [{\"key\": \"name\", \"values\": [\"Mimikatz\"]}], "
                + "\"filterGroups\": [{\"mode\": \"and\", \"filters\": [], \"filterGroups\": []}]}";
        assertThat(json(orWithEmpty)).containsExactly(MIMIKATZ);
    }

    // -------------------------------------------------------------------------------------- keys

    @Test
    void keys_unknownKeyNamesValidOnes() {
        assertThatThrownBy(() -> eq("nmae", "x"))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("unknown filter key \"nmae\"")
                .hasMessageContaining("did you mean \"name\"")
                .hasMessageContaining("description")
                .hasMessageContaining("special keys: ids, entity_type")
                .hasMessageContaining("regardingOf");
        assertThatThrownBy(() -> eq("createdby", "x"))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("did you mean \"createdBy\"");
        assertThatThrownBy(() -> eq("acme_flagg", "yes")).isInstanceOf(SearchException.class);
    }

    @Test
    void keys_customAndIndexedPropertiesAreValid() {
        assertThat(eq("x_unheard_of", "x")).isEmpty();
        assertThat(eq("acme_flag", "YES")).containsExactly(APT29);
        assertThat(eq("x_unheard_of.member", "x")).isEmpty();
        assertThat(eq("hashes.MD5", "0123456789abcdef0123456789abcdef")).containsExactly(FILE);
    }

    @Test
    void keys_regardingOfStandsAlone() {
        Filter mixed = new Filter(List.of("regardingOf", "name"), List.of(), FilterOperator.EQ, null, null);
        assertThatThrownBy(() -> index.ids(FilterGroup.and(mixed)))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("regardingOf");
    }
}
