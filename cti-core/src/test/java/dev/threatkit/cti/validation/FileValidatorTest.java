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
