package dev.threatkit.cti.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.search.Filter;
import dev.threatkit.cti.search.FilterGroup;
import dev.threatkit.cti.search.FilterMode;
import dev.threatkit.cti.search.FilterOperator;
import dev.threatkit.cti.search.SearchException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FilterJsonTest {
    private static void fails(String json, String... messageParts) {
        var thrown = assertThatThrownBy(() -> FilterJson.parse(json)).isInstanceOf(SearchException.class);
        for (String part : messageParts) {
            thrown.hasMessageContaining(part);
        }
    }

    @Test
    void parse_openCtiShape() {
        FilterGroup g = FilterJson.parse("{\"mode\": \"or\", \"filters\": [{\"key\": [\"entity_type\", \"name\"], "
                + "\"values\": [\"Malware\"], \"operator\": \"not_eq\", \"mode\": \"and\"}], "
                + "\"filterGroups\": [{\"mode\": \"and\", \"filters\": [], \"filterGroups\": []}]}");
        assertThat(g.mode()).isEqualTo(FilterMode.OR);
        assertThat(g.filters())
                .containsExactly(new Filter(
                        List.of("entity_type", "name"),
                        List.of("Malware"),
                        FilterOperator.NOT_EQ,
                        FilterMode.AND,
                        List.of()));
        assertThat(g.filterGroups()).containsExactly(new FilterGroup(FilterMode.AND, List.of(), List.of()));
    }

    @Test
    void parse_defaults() {
        FilterGroup g = FilterJson.parse("{\"filters\": [{\"key\": \"name\", \"values\": [\"APT28\"]}]}");
        assertThat(g.mode()).isEqualTo(FilterMode.AND);
        assertThat(g.filterGroups()).isEmpty();
        Filter f = g.filters().get(0);
        assertThat(f.keys()).containsExactly("name");
        assertThat(f.operator()).isEqualTo(FilterOperator.EQ);
        assertThat(f.mode()).isEqualTo(FilterMode.OR);
        assertThat(FilterJson.parse("{}")).isEqualTo(new FilterGroup(FilterMode.AND, List.of(), List.of()));
        assertThat(FilterJson.parse("{\"mode\": null, \"filters\": null, \"filterGroups\": null}")
                        .isEmpty())
                .isTrue();
        assertThat(FilterJson.parse("{\"filters\": [{\"key\": \"confidence\", \"operator\": \"nil\"}]}")
                        .filters()
                        .get(0)
                        .values())
                .isEmpty();
    }

    @Test
    void parse_keepsNumbersAndBooleansAsTheirJsonText() {
        Filter f = FilterJson.parse(
                        "{\"filters\": [{\"key\": \"x\", \"values\": [80, 1.50, -2e3, true, false, \"s\"]}]}")
                .filters()
                .get(0);
        assertThat(f.values()).containsExactly("80", "1.50", "-2e3", "true", "false", "s");
    }

    @Test
    void parse_everyOperatorByItsOpenCtiName() {
        for (FilterOperator op : FilterOperator.values()) {
            FilterGroup g = FilterJson.parse(
                    "{\"filters\": [{\"key\": \"name\", \"operator\": \"" + op.jsonName() + "\", \"values\": []}]}");
            assertThat(g.filters().get(0).operator()).isEqualTo(op);
        }
    }

    @Test
    void parse_regardingOfConditionsBecomeSubFilters() {
        FilterGroup g = FilterJson.parse("{\"mode\": \"and\", \"filters\": [{\"key\": [\"regardingOf\"], "
                + "\"operator\": \"eq\", \"mode\": \"or\", \"values\": ["
                + "{\"key\": \"id\", \"values\": [\"malware--1\", \"malware--2\"]}, "
                + "{\"key\": \"relationship_type\", \"values\": [\"uses\"]}, "
                + "{\"key\": \"is_inferred\", \"values\": [false]}]}], \"filterGroups\": []}");
        Filter f = g.filters().get(0);
        assertThat(f.values()).isEmpty();
        assertThat(f.subFilters())
                .containsExactly(
                        Filter.eq("id", "malware--1", "malware--2"),
                        Filter.eq("relationship_type", "uses"),
                        Filter.eq("is_inferred", "false"));
    }

    @Test
    void parse_regardingOfRefusesPlainValuesAndUnknownConditions() {
        fails(
                "{\"filters\": [{\"key\": \"regardingOf\", \"values\": [\"malware--1\"]}]}",
                "filters[0].values[0]",
                "{\"key\": \"id\"");
        fails(
                "{\"filters\": [{\"key\": \"regardingOf\", \"values\": [{\"key\": \"idd\", \"values\": []}]}]}",
                "filters[0].values[0].key",
                "unknown regardingOf key \"idd\"",
                "id, relationship_type or is_inferred");
        fails(
                "{\"filters\": [{\"key\": \"regardingOf\", \"values\": [{\"key\": \"id\", \"valuez\": []}]}]}",
                "filters[0].values[0]: unknown member \"valuez\"");
        fails("{\"filters\": [{\"key\": [\"regardingOf\", \"name\"], \"values\": []}]}", "cannot be combined");
    }

    @Test
    void errors_malformedJsonGivesLineAndColumn() {
        fails("{\"mode\": \"and\",\n \"filters\": [}", "malformed filter JSON at line 2, column 14");
        fails("{\"mode\": \"and\"", "malformed filter JSON at line 1");
        fails("", "the input is empty");
        fails("[]", "must be a JSON object");
        fails("{} {}", "unexpected content after the filter group");
        fails("{\"mode\": \"and\", \"mode\": \"or\"}", "malformed filter JSON", "Duplicate field 'mode'");
    }

    @Test
    void errors_unknownMembers() {
        fails(
                "{\"filters\": [{\"keys\": [\"name\"], \"values\": [\"x\"]}]}",
                "filters[0]: unknown member \"keys\"; a filter has key, values, operator, mode");
        fails(
                "{\"filter\": []}",
                "the filter group: unknown member \"filter\"; a filter group has mode, filters, filterGroups");
        fails(
                "{\"filterGroups\": [{\"mode\": \"and\", \"filtrs\": []}]}",
                "filterGroups[0]: unknown member \"filtrs\"");
        fails("{\"filters\": [{\"values\": [\"x\"]}]}", "filters[0]: the filter has no key");
    }

    @Test
    void errors_wrongValueTypes() {
        fails(
                "{\"filters\": [{\"key\": \"name\", \"values\": [\"a\"]}, {\"key\": \"name\", \"values\": [[\"x\"]]}]}",
                "filters[1].values must be an array of strings, numbers or booleans");
        fails(
                "{\"filters\": [{\"key\": \"name\", \"values\": \"x\"}]}",
                "filters[0].values must be an array of strings, numbers or booleans");
        fails(
                "{\"filters\": [{\"key\": \"name\", \"values\": [{\"a\": 1}]}]}",
                "filters[0].values must be an array of strings, numbers or booleans");
        fails("{\"filters\": [{\"key\": \"name\", \"values\": [\"a\", null]}]}", "filters[0].values[1] is null", "nil");
        fails("{\"filters\": [{\"key\": 3, \"values\": []}]}", "filters[0].key must be a key name");
        fails("{\"filters\": [{\"key\": [], \"values\": []}]}", "filters[0].key is empty");
        fails("{\"filters\": {\"key\": \"name\"}}", "filters must be an array of filters");
        fails("{\"filterGroups\": [[]]}", "filterGroups[0] must be a filter group object");
    }

    @Test
    void errors_unknownOperatorListsTheValidOnes() {
        fails(
                "{\"filters\": [{\"key\": \"name\", \"operator\": \"equals\", \"values\": [\"x\"]}]}",
                "filters[0].operator: unknown operator \"equals\"",
                "eq, not_eq, gt, gte, lt, lte, nil, not_nil, starts_with",
                "wildcard, match, search, within");
        fails("{\"filters\": [{\"key\": \"name\", \"operator\": \"script\", \"values\": [\"x\"]}]}", "not supported");
        fails("{\"filters\": [{\"key\": \"name\", \"operator\": 1, \"values\": [\"x\"]}]}", "must be an operator name");
    }

    @Test
    void errors_unknownMode() {
        fails("{\"mode\": \"xor\"}", "mode: unknown mode \"xor\"; use \"and\" or \"or\"");
        fails(
                "{\"filters\": [{\"key\": \"name\", \"mode\": \"any\", \"values\": []}]}",
                "filters[0].mode: unknown mode");
    }

    private static String nested(int depth) {
        String inner = "{\"filters\": [{\"key\": \"name\", \"values\": [\"x\"]}]}";
        for (int i = 1; i < depth; i++) {
            inner = "{\"mode\": \"or\", \"filterGroups\": [" + inner + "]}";
        }
        return inner;
    }

    @Test
    void limits_groupsNestAtMost32Deep() {
        FilterGroup g = FilterJson.parse(nested(FilterJson.MAX_DEPTH));
        int depth = 1;
        for (; !g.filterGroups().isEmpty(); depth++) {
            g = g.filterGroups().get(0);
        }
        assertThat(depth).isEqualTo(32);
        assertThat(g.filters()).hasSize(1);
        fails(
                nested(FilterJson.MAX_DEPTH + 1),
                "filter groups nest more than 32 deep",
                "filterGroups[0].filterGroups[0]");
        // far deeper JSON is cut short by the parser itself, with the same advice
        String deepValue = "{\"a\": ".repeat(5_000) + "1" + "}".repeat(5_000);
        fails(
                "{\"filters\": [{\"key\": \"regardingOf\", \"values\": [" + deepValue + "]}]}",
                "too deeply nested",
                "at most 32 deep");
        fails(nested(2_000), "nest");
    }

    @Test
    void limits_tenThousandValuesWorkAndOneMoreFails() {
        String values = IntStream.range(0, FilterJson.MAX_VALUES)
                .mapToObj(i -> "\"v" + i + "\"")
                .collect(Collectors.joining(","));
        FilterGroup g = FilterJson.parse("{\"filters\": [{\"key\": \"name\", \"values\": [" + values + "]}]}");
        assertThat(g.filters().get(0).values()).hasSize(10_000).startsWith("v0").endsWith("v9999");
        fails(
                "{\"filters\": [{\"key\": \"name\", \"values\": [" + values + ", \"one more\"]}]}",
                "filters[0].values has more than 10000 values",
                "split");
    }

    @Test
    void limits_inputOfMoreThanFourMegabytesFails() {
        String big = "{\"filters\": [{\"key\": \"name\", \"values\": [\"" + "x".repeat(FilterJson.MAX_BYTES) + "\"]}]}";
        fails(big, "the most is 4194304 bytes");
        // multi-byte characters count as their UTF-8 bytes
        String wide =
                "{\"filters\": [{\"key\": \"name\", \"values\": [\"" + "é".repeat(FilterJson.MAX_BYTES / 2) + "\"]}]}";
        fails(wide, "bytes; the most is 4194304 bytes");
        String fits = "{\"filters\": [{\"key\": \"name\", \"values\": [\"" + "x".repeat(1_000_000) + "\"]}]}";
        assertThat(FilterJson.parse(fits).filters().get(0).values().get(0)).hasSize(1_000_000);
    }

    @Test
    void filterGroupParse_delegatesHere() {
        assertThat(FilterGroup.parse("{\"filters\": [{\"key\": \"name\", \"values\": [\"APT28\"]}]}"))
                .isEqualTo(FilterGroup.and(Filter.eq("name", "APT28")));
    }
}
