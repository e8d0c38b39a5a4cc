package dev.threatkit.cti.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threatkit.cti.testing.JacksonObjects;
import dev.threatkit.cti.testing.Json;
import dev.threatkit.cti.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every STIX 2.1 file of the shared data: read then written, each object is JSON-equal to the original. */
class RoundTripTest {
    @TestFactory
    Stream<DynamicTest> every21Bundle_roundTripsObjectByObject() throws IOException {
        Path data = SharedData.root();
        List<Path> files = new ArrayList<>(List.of(
                data.resolve("mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz"),
                data.resolve("mitre-attack-enterprise/enterprise-attack-17.1.stix21.json.gz"),
                data.resolve("mitre-attack-mobile/mobile-attack-18.1.stix21.json"),
                data.resolve("mitre-attack-mobile/mobile-attack-17.1.json"),
                data.resolve("mitre-attack-ics/ics-attack-18.1.json"),
                data.resolve("mitre-attack-ics/ics-attack-17.1.json"),
                data.resolve("mitre-capec/stix-capec-3.9.stix21.json")));
        for (String dir : List.of(
                "stix-bundles/oasis-cti-documentation",
                "stix-bundles/attack-flow-corpus",
                "stix-bundles/unit42-playbooks",
                "opencti")) {
            try (Stream<Path> s = Files.walk(data.resolve(dir))) {
                files.addAll(
                        s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList()));
            }
        }
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(data.relativize(f).toString(), () -> {
                    List<JsonNode> expected = JacksonObjects.read(f);
                    int i = 0;
                    try (StixReader reader = StixReader.open(f)) {
                        while (reader.hasNext()) {
                            StixObject o = reader.next();
                            assertThat(Json.tree(StixJson.toJson(o)))
                                    .as(f + " object " + i)
                                    .isEqualTo(expected.get(i));
                            i++;
                        }
                    } catch (StixParseException e) {
                        // a few OpenCTI fixtures are not STIX at all (a MISP event, a CSV mapper); nothing to
                        // round-trip
                        assertThat(e.reason()).isEqualTo(StixParseException.Reason.NOT_STIX);
                        return;
                    }
                    assertThat(i).isEqualTo(expected.size());
                }));
    }

    @Test
    void writer_streamsABundleThatReadsBack() throws IOException {
        Path attack = SharedData.file("mitre-attack-mobile/mobile-attack-18.1.stix21.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<StixObject> original = new ArrayList<>();
        try (StixReader reader = StixReader.open(attack);
                StixWriter writer = StixWriter.bundle(out, "bundle--0b0a8c7e-2c9f-4a52-9d21-2a3f2c6cbd0e", true)) {
            while (reader.hasNext()) {
                StixObject o = reader.next();
                original.add(o);
                writer.write(o);
            }
        }
        List<StixObject> back = new ArrayList<>();
        try (StixReader reader = StixReader.open(new java.io.ByteArrayInputStream(out.toByteArray()), "written")) {
            assertThat(reader.shape()).isEqualTo(StixReader.Shape.BUNDLE);
            reader.forEachRemaining(back::add);
        }
        assertThat(back).isEqualTo(original);
    }
}
