package dev.threatkit.cti.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import org.junit.jupiter.api.Test;

/** What {@link ValidationOptions#OPENCTI} accepts as warnings that STIX 2.1 rejects. */
class OpenCtiOptionsTest {
    private static final StixObject SIGHTING_OF_AN_IP = StixJson.parseObject("{\"type\":\"sighting\","
            + "\"spec_version\":\"2.1\",\"id\":\"sighting--41b940d4-6f7f-459a-80ea-9c1f17b5891b\","
            + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
            + "\"sighting_of_ref\":\"ipv4-addr--51b940d4-6f7f-559a-80ea-9c1f17b5891b\","
            + "\"where_sighted_refs\":[\"ipv4-addr--61b940d4-6f7f-559a-80ea-9c1f17b5891b\"]}");

    @Test
    void aSightingOfAnObservable_isAWarningForOpenCti_andAnErrorOtherwise() {
        ValidationResult openCti = StixValidator.of(StixRegistry.builtIn(), ValidationOptions.OPENCTI)
                .validate(SIGHTING_OF_AN_IP);
        assertThat(openCti.warnings())
                .extracting(Violation::path)
                .contains("sighting_of_ref")
                .doesNotContain("where_sighted_refs[0]");
        assertThat(openCti.errors()).extracting(Violation::path).containsExactly("where_sighted_refs[0]");

        ValidationResult stix = StixValidator.builtIn().validate(SIGHTING_OF_AN_IP);
        assertThat(stix.errors()).extracting(Violation::path).contains("sighting_of_ref", "where_sighted_refs[0]");
    }
}
