package dev.threatkit.cti.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threatkit.cti.testing.Json;
import dev.threatkit.cti.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * conformance/pattern-validation.json: every case in the version it names, valid or not as the reference says;
 * for a syntax error, at the reference's position (line 1:N with N from 0); and the inspector cases (what the
 * syntax tree holds).
 */
class PatternValidationConformanceTest {
    private static JsonNode corpus() {
        return Json.read(SharedData.file("conformance/pattern-validation.json"));
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : corpus().get("cases")) {
            String pattern = c.get("pattern").asText();
            PatternVersion version = PatternVersion.of(c.get("stix_version").asText());
            boolean valid = c.get("valid").asBoolean();
            tests.add(DynamicTest.dynamicTest(c.get("id").asText() + " " + pattern, () -> {
                PatternException error = null;
                try {
                    Pattern.parse(pattern, version);
                } catch (PatternException e) {
                    error = e;
                }
                if (valid) {
                    assertThat(error).as("should be valid").isNull();
                    return;
                }
                assertThat(error)
                        .as("should be invalid: " + c.get("reference_error").asText())
                        .isNotNull();
                String expected = c.get("reference_error").asText();
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("line 1:(\\d+)").matcher(expected);
                if (c.get("error_kind").asText().equals("syntax") && m.find()) {
                    assertThat(error.position().column() - 1)
                            .as("column of " + error.getMessage() + " against " + expected)
                            .isEqualTo(Integer.parseInt(m.group(1)));
                }
            }));
        }
        return tests.stream();
    }

    /** Canonical spelling parses back to the same tree, for every valid case. */
    @TestFactory
    Stream<DynamicTest> canonicalTextRoundTrips() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : corpus().get("cases")) {
            if (!c.get("valid").asBoolean()) {
                continue;
            }
            String text = c.get("pattern").asText();
            PatternVersion version = PatternVersion.of(c.get("stix_version").asText());
            tests.add(DynamicTest.dynamicTest(text, () -> {
                Pattern p = Pattern.parse(text, version);
                Pattern again = Pattern.parse(p.toString(), version);
                assertThat(again).isEqualTo(p);
                assertThat(again.toString()).isEqualTo(p.toString());
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> inspectorCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : corpus().get("inspector_cases")) {
            String text = c.get("pattern").asText();
            PatternVersion version = PatternVersion.of(c.get("stix_version").asText());
            String field = c.get("field").asText();
            tests.add(DynamicTest.dynamicTest(field + " " + text, () -> {
                Pattern p = Pattern.parse(text, version);
                JsonNode expected = c.get("expected");
                switch (field) {
                    case "qualifiers" ->
                        assertThat(PatternInspection.qualifiers(p)).containsExactlyElementsOf(strings(expected));
                    case "observation_ops" ->
                        assertThat(PatternInspection.observationOperators(p))
                                .containsExactlyElementsOf(strings(expected));
                    default ->
                        assertThat(Json.tree(Json.MAPPER.writeValueAsString(PatternInspection.comparisons(p))))
                                .isEqualTo(expected);
                }
            }));
        }
        return tests.stream();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return new ArrayList<>(new TreeSet<>(out));
    }
}
