package dev.threatkit.cti.ids;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.PropertyKind;
import dev.threatkit.cti.schema.PropertySpec;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.testing.Json;
import dev.threatkit.cti.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterministicIdsTest {
    private final DeterministicIds ids = DeterministicIds.builtIn();

    private String id(String json) {
        IdResult r = ids.compute(StixJson.parseObject(json));
        return r.present() ? r.id() : "-";
    }

    @Test
    void conformanceCorpus_everyCaseMatches() {
        JsonNode corpus = Json.read(SharedData.file("conformance/deterministic-ids.json"));
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (JsonNode c : corpus.get("cases")) {
            StixObject object = Json.object(c.get("object"));
            // custom SCO cases define their own id-contributing properties (the same type differs between cases)
            DeterministicIds rules = c.get("group").asText().equals("python-stix2-tests-custom-sco")
                    ? new DeterministicIds(customSco(c))
                    : ids;
            IdResult r = rules.compute(object);
            checked++;
            String expected = c.get("expected_id").asText();
            if (!expected.equals(r.id())) {
                failures.add(c.get("id").asText() + ": expected " + expected + " from "
                        + c.get("canonical_name").asText() + ", got " + r.id() + " from " + r.canonicalName()
                        + " / " + r.reason());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isEqualTo(corpus.get("cases").size()).isGreaterThanOrEqualTo(90);
        // the spec examples whose printed id is wrong: we agree with the recomputed id, not the printed one
        for (JsonNode w : corpus.get("spec_examples_with_wrong_id")) {
            IdResult r = ids.compute(Json.object(w.get("object")));
            assertThat(r.id())
                    .as(w.get("origin").asText())
                    .isEqualTo(w.get("computed_id").asText());
        }
    }

    private static StixRegistry customSco(JsonNode c) {
        StixRegistry.Builder registry = StixRegistry.builder();
        String type = c.get("object").get("type").asText();
        TypeDef.Builder t = TypeDef.builder(type, Category.SCO);
        for (JsonNode p : c.get("id_contributing_properties")) {
            t.property(
                    p.asText(),
                    PropertySpec.builder(PropertyKind.ANY).idContributing(true).build());
        }
        return registry.register(t.build()).build();
    }

    @Test
    void opencti_standardIdVectors() {
        assertThat(id("{\"type\":\"identity\",\"name\":\"Manufacturing\",\"identity_class\":\"class\"}"))
                .isEqualTo("identity--3b7bc57f-b0b6-5dc2-a816-6406ae1d6da1");
        assertThat(id("{\"type\":\"threat-actor\",\"name\":\"Play\"}"))
                .isEqualTo("threat-actor--5a038104-cd76-567c-a4ee-0243ba91e922");
        assertThat(id("{\"type\":\"malware\",\"name\":\"TinyTurla\",\"is_family\":true}"))
                .isEqualTo("malware--497fe074-67e0-5640-b7a5-af2e36a5e1db");
        assertThat(id("{\"type\":\"ipv4-addr\",\"value\":\"94.177.198.94\"}"))
                .isEqualTo("ipv4-addr--fb121ffa-0e50-5d39-bf28-b1acbd3dc750");
        assertThat(id("{\"type\":\"incident\",\"name\":\"incident for background task test - search by text 1\","
                        + "\"created\":\"2024-07-22T11:34:27.675Z\"}"))
                .isEqualTo("incident--4809c0ec-a273-5e2c-836c-18888ef8b8cc");
    }

    @Test
    void attackPattern_takesMitreIdFromItsAttackReference() {
        String dns1 = "{\"type\":\"attack-pattern\",\"name\":\"DNS\",\"external_references\":"
                + "[{\"source_name\":\"mitre-attack\",\"external_id\":\"T1071.004\"}]}";
        String dns2 = "{\"type\":\"attack-pattern\",\"name\":\"DNS\",\"external_references\":"
                + "[{\"source_name\":\"mitre-attack\",\"external_id\":\"T1590.002\"}]}";
        assertThat(id(dns1)).isNotEqualTo(id(dns2));
        assertThat(ids.compute(StixJson.parseObject(dns1)).canonicalName()).isEqualTo("{\"x_mitre_id\":\"T1071.004\"}");
        String capecPhishing = "{\"type\":\"attack-pattern\",\"name\":\"Phishing\",\"external_references\":"
                + "[{\"source_name\":\"capec\",\"external_id\":\"CAPEC-98\"}]}";
        assertThat(ids.compute(StixJson.parseObject(capecPhishing)).canonicalName())
                .isEqualTo("{\"name\":\"phishing\"}");
    }

    @Test
    void typesWithoutRule_giveReasons() {
        assertThat(ids.compute(StixJson.parseObject("{\"type\":\"process\",\"pid\":4}"))
                        .reason())
                .contains("UUIDv4");
        assertThat(ids.compute(StixJson.parseObject("{\"type\":\"x-mitre-tactic\",\"name\":\"Execution\"}"))
                        .present())
                .isFalse();
        assertThat(ids.compute(StixJson.parseObject("{\"type\":\"x-acme-thing\",\"name\":\"a\"}"))
                        .reason())
                .contains("unregistered type");
        assertThat(ids.compute(StixJson.parseObject("{\"type\":\"file\",\"size\":3}"))
                        .reason())
                .contains("none of the ID contributing properties");
        assertThat(ids.compute(StixJson.parseObject("{\"type\":\"malware\",\"is_family\":false}"))
                        .present())
                .isFalse();
    }

    @Test
    void dataSourceAndComponent_keepTheirOwnPrefix() {
        assertThat(id("{\"type\":\"x-mitre-data-source\",\"name\":\"Process\"}"))
                .startsWith("x-mitre-data-source--");
        assertThat(ids.compute(StixJson.parseObject(
                                "{\"type\":\"x-mitre-data-component\",\"name\":\"Process " + "Creation\"}"))
                        .canonicalName())
                .isEqualTo("{\"name\":\"process creation\"}");
    }

    @Test
    void location_takesItsTypeFromItsFields() {
        assertThat(ids.compute(StixJson.parseObject("{\"type\":\"location\",\"name\":\"France\",\"country\":\"FR\"}"))
                        .canonicalName())
                .isEqualTo("{\"name\":\"france\",\"x_opencti_location_type\":\"Country\"}");
        assertThat(ids.compute(StixJson.parseObject(
                                "{\"type\":\"location\",\"latitude\":48.8566,\"longitude\":2.3522}"))
                        .canonicalName())
                .isEqualTo("{\"latitude\":48.8566,\"longitude\":2.3522}");
    }

    @Test
    void tlpMarkings_getFixedIdsInEverySpelling() {
        String tlp2Red = "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":"
                + "\"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1\",\"created\":"
                + "\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:RED\",\"extensions\":{"
                + "\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":{\"extension_type\":"
                + "\"property-extension\",\"tlp_2_0\":\"red\"}}}";
        assertThat(id(tlp2Red)).isEqualTo("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
        assertThat(id("{\"type\":\"marking-definition\",\"name\":\"TLP:AMBER+STRICT\"}"))
                .isEqualTo("marking-definition--826578e1-40ad-459f-bc73-ede076f81f37");
        assertThat(
                        id(
                                "{\"type\":\"marking-definition\",\"definition_type\":\"tlp\",\"definition\":{\"tlp\":\"white\"}}"))
                .isEqualTo("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9");
    }

    @Test
    void relationship_hashesItsEndsAsGiven() {
        IdResult r = ids.compute(StixJson.parseObject("{\"type\":\"relationship\",\"relationship_type\":\"uses\","
                + "\"source_ref\":\"intrusion-set--1\",\"target_ref\":\"malware--2\"}"));
        assertThat(r.canonicalName())
                .isEqualTo("{\"relationship_type\":\"uses\",\"source_ref\":\"intrusion-set--1\",\"target_ref\":"
                        + "\"malware--2\"}");
    }

    /** OpenCTI's own exports carry standard ids: recomputing them from the content gives the same ids. */
    @Test
    void openctiBundles_standardIdsRecomputeExactly() throws java.io.IOException {
        assertRecomputed(
                "opencti/parser-samples/misp-event-converted-bundle.json",
                java.util.Set.of(
                        "identity",
                        "marking-definition",
                        "intrusion-set",
                        "malware",
                        "location",
                        "indicator",
                        "file",
                        "domain-name",
                        "ipv4-addr",
                        "relationship"),
                645);
        assertRecomputed(
                "opencti/csv-parser/real-use-case/bundle.json",
                java.util.Set.of("location", "identity", "threat-actor", "incident"),
                326);
        assertRecomputed(
                "opencti/platform-tests/organization-sharing/20241003_Report_to_test_orga_sharing_full.json",
                java.util.Set.of("report", "email-addr", "malware", "location", "indicator", "identity"),
                9);
    }

    private void assertRecomputed(String file, java.util.Set<String> types, int expectedCount)
            throws java.io.IOException {
        int checked = 0;
        try (dev.threatkit.cti.stix.StixReader reader = dev.threatkit.cti.stix.StixReader.open(SharedData.file(file))) {
            while (reader.hasNext()) {
                StixObject o = reader.next();
                if (types.contains(o.type())) {
                    IdResult r = ids.compute(o);
                    assertThat(r.id())
                            .as(file + " " + reader.path() + " " + r.canonicalName())
                            .isEqualTo(o.id());
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(expectedCount);
    }

    @Test
    void securityCoverage_hashesItsTargetUnderObjectCovered() {
        assertThat(ids.compute(StixJson.parseObject("{\"type\":\"security-coverage\",\"name\":\"c\",\"covered_ref\":"
                                + "\"attack-pattern--31b940d4-6f7f-459a-80ea-9c1f17b5891b\"}"))
                        .canonicalName())
                .isEqualTo("{\"objectCovered\":\"attack-pattern--31b940d4-6f7f-459a-80ea-9c1f17b5891b\"}");
    }
}
