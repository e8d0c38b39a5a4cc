package dev.threatkit.cti.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.graph.Neighbor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichCaseTest {
    private static final String T = "2024-01-01T00:00:00.000Z";
    private static final String AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    private static final String RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

    private static String sdo(String type, String id, String name, String marking, String extra) {
        return "{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + T
                + "\",\"modified\":\"" + T + "\",\"name\":\"" + name + "\",\"object_marking_refs\":[\"" + marking
                + "\"]" + extra + "}";
    }

    @Test
    void showsWhatTheAnalystMaySeeAndNothingMarkedRed(@TempDir Path dir) throws IOException {
        String group = "intrusion-set--6a2e693f-24e5-451a-9f88-b36a108e5662";
        String amber = "malware--00000001-0000-4000-8000-000000000000";
        String red = "malware--00000002-0000-4000-8000-000000000000";
        Path bundle = Files.writeString(
                dir.resolve("feed.json"),
                "{\"type\":\"bundle\",\"id\":\"bundle--"
                        + "00000009-0000-4000-8000-000000000000\",\"objects\":["
                        + sdo("intrusion-set", group, "APT1", AMBER, "") + ","
                        + sdo("malware", amber, "WEBC2", AMBER, ",\"is_family\":true") + ","
                        + sdo("malware", red, "SECRET", RED, ",\"is_family\":true") + ","
                        + "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--00000003-0000-4000-8000-"
                        + "000000000000\",\"created\":\"" + T + "\",\"modified\":\"" + T
                        + "\",\"relationship_type\":\"uses\","
                        + "\"source_ref\":\"" + group + "\",\"target_ref\":\"" + amber + "\"},"
                        + "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--00000004-0000-4000-8000-"
                        + "000000000000\",\"created\":\"" + T + "\",\"modified\":\"" + T
                        + "\",\"relationship_type\":\"uses\","
                        + "\"source_ref\":\"" + group + "\",\"target_ref\":\"" + red + "\"}]}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<Neighbor> shown = EnrichCase.run(dir.resolve("store"), List.of(bundle), group, out);
        assertThat(shown).extracting(Neighbor::name).containsExactly("WEBC2");
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("imported 5 new")
                .contains("intrusion-set APT1")
                .doesNotContain("SECRET");
        assertThat(printed).contains("changed: create " + group);
    }
}
