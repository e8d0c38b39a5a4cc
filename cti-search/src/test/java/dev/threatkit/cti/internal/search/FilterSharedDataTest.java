package dev.threatkit.cti.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threatkit.cti.search.Filter;
import dev.threatkit.cti.search.FilterGroup;
import dev.threatkit.cti.search.FilterMode;
import dev.threatkit.cti.search.FilterOperator;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * OpenCTI's own data: the filter groups its exports carry parse, and filters over OpenCTI's filter-test bundle find
 * what a plain scan of the bundle finds.
 */
class FilterSharedDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void connectorTriggerFilters_parse() throws IOException {
        JsonNode connectors = JSON.readTree(
                SharedData.file("opencti/csv-parser/internal-connectors.json").toFile());
        List<FilterGroup> groups = new ArrayList<>();
        for (JsonNode connector : connectors) {
            JsonNode filters = connector.get("connector_trigger_filters");
            if (filters != null && filters.isTextual() && !filters.textValue().isBlank()) {
                groups.add(FilterJson.parse(filters.textValue()));
            }
        }
        assertThat(groups).isNotEmpty();
        assertThat(groups.get(0).mode()).isEqualTo(FilterMode.AND);
        Filter first = groups.get(0).filters().get(0);
        assertThat(first.keys()).containsExactly("creator_id");
        assertThat(first.operator()).isEqualTo(FilterOperator.EQ);
        assertThat(first.values()).hasSize(1);
    }

    @Test
    void dashboardWidgetFilters_parseAsEmptyGroups() throws IOException {
        Path dir = SharedData.file("opencti/platform-tests/dashboards");
        List<JsonNode> selections = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode config = JSON.readTree(file.toFile()).path("configuration");
                JsonNode decoded = config.isTextual()
                        ? JSON.readTree(
                                new String(Base64.getDecoder().decode(config.textValue()), StandardCharsets.UTF_8))
                        : JSON.readTree(new String(
                                Base64.getDecoder()
                                        .decode(config.path("manifest").asText()),
                                StandardCharsets.UTF_8));
                decoded.findValues("dataSelection").forEach(ds -> ds.forEach(selections::add));
            }
        }
        assertThat(selections).isNotEmpty();
        for (JsonNode selection : selections) {
            for (String member : List.of("filters", "dynamicFrom", "dynamicTo")) {
                if (selection.has(member)) {
                    assertThat(FilterJson.parse(selection.get(member).toString())
                                    .isEmpty())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void filtersOnOpenCtisFilterBundle_findWhatAScanFinds() throws IOException {
        List<StixObject> objects = new ArrayList<>();
        try (StixReader r = StixReader.open(SharedData.file("opencti/platform-tests/filters/DATA-TEST-FILTERS.json"))) {
            r.forEachRemaining(objects::add);
        }
        String anssi = objects.stream()
                .filter(o -> "ANSSI".equals(o.name()))
                .findFirst()
                .orElseThrow()
                .id();
        String testMarking = "marking-definition--78ca4366-f5b8-4764-83f7-34ce38198e27";
        String apt41 = objects.stream()
                .filter(o -> "APT41".equals(o.name()))
                .findFirst()
                .orElseThrow()
                .id();
        try (TestIndex index = TestIndex.of(objects, FilterFixture.CLOCK)) {
            assertThat(index.ids(FilterGroup.and(Filter.eq("objectLabel", "TRICKBOT"))))
                    .isEqualTo(scan(objects, o -> o.labels().stream().anyMatch("trickbot"::equalsIgnoreCase)))
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(index.ids(FilterGroup.and(Filter.eq("createdBy", "anssi"))))
                    .isEqualTo(scan(objects, o -> anssi.equals(o.createdByRef())))
                    .isNotEmpty();
            // TLP:TEST has no name, only {"definition": {"TLP": "TLP:TEST"}}
            assertThat(index.ids(FilterGroup.and(Filter.eq("objectMarking", "TLP:TEST"))))
                    .isEqualTo(scan(objects, o -> o.objectMarkingRefs().contains(testMarking)))
                    .isNotEmpty();
            assertThat(index.ids(FilterGroup.and(Filter.of("confidence", FilterOperator.GTE, "30"))))
                    .isEqualTo(scan(objects, o -> o.confidence() != null && o.confidence() >= 30))
                    .isNotEmpty();
            assertThat(index.ids(FilterGroup.and(Filter.eq("relationship_type", "Part-Of"))))
                    .isEqualTo(scan(objects, o -> "part-of".equals(o.getString("relationship_type"))))
                    .isNotEmpty();
            Set<String> related = scanRelated(objects, apt41);
            assertThat(index.ids(FilterGroup.and(new Filter(
                            List.of("regardingOf"), List.of(), null, null, List.of(Filter.eq("id", "APT41"))))))
                    .isEqualTo(related)
                    .isNotEmpty();
        }
    }

    private static Set<String> scan(List<StixObject> objects, Predicate<StixObject> test) {
        return objects.stream().filter(test).map(StixObject::id).collect(Collectors.toSet());
    }

    /** The other ends of the relationships and sightings touching {@code id}, that are in the bundle. */
    private static Set<String> scanRelated(List<StixObject> objects, String id) {
        Set<String> ids = objects.stream().map(StixObject::id).collect(Collectors.toSet());
        Set<String> out = new java.util.HashSet<>();
        for (StixObject o : objects) {
            String type = o.type().toLowerCase(Locale.ROOT);
            List<String> from = "relationship".equals(type)
                    ? List.of(Objects.requireNonNull(o.getString("source_ref")))
                    : "sighting".equals(type) ? List.of(o.getString("sighting_of_ref")) : List.of();
            List<String> to = "relationship".equals(type)
                    ? List.of(o.getString("target_ref"))
                    : "sighting".equals(type) ? o.getStrings("where_sighted_refs") : List.of();
            if (from.contains(id)) {
                out.addAll(to);
            }
            if (to.contains(id)) {
                out.addAll(from);
            }
        }
        out.retainAll(ids);
        return out;
    }
}
