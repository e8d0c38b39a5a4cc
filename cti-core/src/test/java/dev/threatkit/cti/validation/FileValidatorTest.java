package dev.threatkit.cti.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileValidatorTest {
    private static FileValidator.Report validate(String json) {
        return new FileValidator(StixValidator.builtIn())
                .validate(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "f.json");
    }

    private static String rel(int n, String target) {
        return "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--" + n
                + "1b940d4-6f7f-459a-80ea-9c1f17b5891b\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":"
                + "\"2024-01-01T00:00:00.000Z\",\"relationship_type\":\"uses\",\"source_ref\":"
                + "\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\",\"target_ref\":\"" + target + "\"}";
    }

    private static final String MALWARE = "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":"
            + "\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\",\"created\":\"2024-01-01T00:00:00.000Z\","
            + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"X\",\"is_family\":true}";

    @Test
    void referencesResolveInEitherOrder_andDanglingOnesAreCountedOncePerTarget() {
        String missing = "tool--41b940d4-6f7f-459a-80ea-9c1f17b5891b";
        FileValidator.Report r =
                validate("[" + rel(2, missing) + "," + rel(3, missing) + "," + rel(4, missing) + "," + MALWARE + "]");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).hasSize(1);
        Violation w = r.warnings().get(0);
        assertThat(w.path()).isEqualTo("[0].target_ref");
        assertThat(w.objectId()).startsWith("relationship--2");
        assertThat(w.message()).contains(missing).contains("referenced 3 times");
    }

    @Test
    void objectsOfOneShape_eachReportTheirOwnMissingProperty() {
        // the same keys in the same order: the parser shares their key array and the checker its verdicts
        String template = "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--%d1b940d4-6f7f-459a-"
                + "80ea-9c1f17b5891b\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"%s\",\"name\":\"X\"}";
        FileValidator.Report r =
                validate("{\"type\":\"bundle\",\"id\":\"bundle--41b940d4-6f7f-459a-80ea-9c1f17b5891b\","
                        + "\"objects\":[" + String.format(template, 1, "2024-01-01T00:00:00.000Z") + ","
                        + String.format(template, 2, "2023-01-01T00:00:00.000Z") + "," + MALWARE + ","
                        + String.format(template, 3, "2024-01-01T00:00:00.000Z") + "]}");
        assertThat(r.errors())
                .extracting(Violation::path)
                .containsExactly(
                        "objects[0].is_family", "objects[1].is_family", "objects[1].modified", "objects[3].is_family");
        assertThat(r.errors().get(1).objectId()).startsWith("malware--2");
    }

    @Test
    void objectsOfOneShape_eachAnswerTheTypeRulesWithTheirOwnValues() {
        // the type rules look keys up by where the shape has them: every object must still be read for itself
        String template = "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--%d1b940d4-"
                + "6f7f-459a-80ea-9c1f17b5891b\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":"
                + "\"2024-01-01T00:00:00.000Z\",\"relationship_type\":\"%s\",\"source_ref\":\"%s\",\"target_ref\":"
                + "\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\",\"start_time\":\"%s\",\"stop_time\":"
                + "\"2024-06-01T00:00:00.000Z\",\"lang\":\"%s\"}";
        String fine = "2024-01-01T00:00:00.000Z";
        String other = "tool--41b940d4-6f7f-459a-80ea-9c1f17b5891b";
        FileValidator.Report r = validate("[" + MALWARE + ","
                + String.format(template, 1, "uses", other, fine, "en") + ","
                + String.format(template, 2, "uses", "relationship--21b940d4-6f7f-459a-80ea-9c1f17b5891b", fine, "en")
                + "," + String.format(template, 3, "Uses!", other, fine, "en") + ","
                + String.format(template, 4, "uses", other, "2025-01-01T00:00:00.000Z", "en") + ","
                + String.format(template, 5, "uses", other, fine, "not a tag") + ","
                + String.format(template, 6, "uses", other, fine, "fr-CA") + "]");
        assertThat(r.errors())
                .extracting(Violation::path)
                .containsExactly("[2].source_ref", "[3].relationship_type", "[4].stop_time", "[5].lang");
        assertThat(r.errors().get(0).message()).contains("itself");
    }

    @Test
    void aReferenceAllowedInOneProperty_isStillCheckedInAnother() {
        // the checker remembers the last references it allowed, with the target lists they were allowed by
        String identity = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";
        String marking = "marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168";
        String template = "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--%d1b940d4-6f7f-459a-"
                + "80ea-9c1f17b5891b\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":"
                + "\"2024-01-01T00:00:00.000Z\",\"name\":\"X\",\"is_family\":true,\"created_by_ref\":\"%s\","
                + "\"object_marking_refs\":[\"%s\"],\"x_mitre_modified_by_ref\":\"%s\"}";
        FileValidator.Report r = validate("["
                + String.format(template, 1, identity, marking, identity) + ","
                + String.format(template, 2, identity, identity, identity) + ","
                + String.format(template, 3, marking, marking, identity) + ","
                + String.format(template, 4, identity, marking, marking) + "]");
        assertThat(r.errors())
                .extracting(Violation::path)
                .containsExactly("[1].object_marking_refs[0]", "[2].created_by_ref");
        // in a custom property the same finding is a warning
        assertThat(r.warnings())
                .filteredOn(w -> w.message().contains("must refer to identity"))
                .extracting(Violation::path)
                .containsExactly("[3].x_mitre_modified_by_ref");
    }

    @Test
    void aBundleWithoutId_isInvalid() {
        FileValidator.Report r = validate("{\"type\":\"bundle\",\"objects\":[" + MALWARE + "]}");
        assertThat(r.errors()).extracting(Violation::path).containsExactly("id");
    }

    @Test
    void afterAParseFailure_noReferenceIsCalledDangling() {
        FileValidator.Report r = validate("[" + rel(2, "tool--41b940d4-6f7f-459a-80ea-9c1f17b5891b") + ", {\"type\":");
        assertThat(r.failure()).isNotNull();
        assertThat(r.objects()).isEqualTo(1);
        assertThat(r.warnings()).isEmpty();
    }
}
