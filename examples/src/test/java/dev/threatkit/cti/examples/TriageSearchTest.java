package dev.threatkit.cti.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.search.SearchHit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageSearchTest {
    private static final String T = "2024-01-01T00:00:00.000Z";
    private static final String GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    private static final String RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

    private static String object(String type, int n, String marking, String body) {
        return "{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + type + "--0000000" + n
                + "-0000-4000-8000-000000000000\",\"created\":\"" + T + "\",\"modified\":\"" + T
                + "\",\"object_marking_refs\":[\"" + marking + "\"]," + body + "}";
    }

    @Test
    void findsTheDefangedIndicatorAndHidesWhatIsMarkedRed(@TempDir Path dir) throws IOException {
        Path bundle = Files.writeString(
                dir.resolve("feed.json"),
                "{\"type\":\"bundle\",\"id\":\"bundle--00000009-0000-4000-8000-000000000000\",\"objects\":["
                        + object(
                                "indicator",
                                1,
                                GREEN,
                                "\"name\":\"evil.example.com\",\"pattern\":"
                                        + "\"[domain-name:value = 'evil.example.com']\",\"pattern_type\":\"stix\","
                                        + "\"valid_from\":\"" + T + "\"")
                        + ","
                        + object(
                                "malware",
                                2,
                                GREEN,
                                "\"name\":\"Loader\",\"is_family\":true,"
                                        + "\"labels\":[\"trojan\"],\"description\":\"Beacons to evil.example.com\"")
                        + ","
                        + object(
                                "malware",
                                3,
                                RED,
                                "\"name\":\"Secret implant\",\"is_family\":true,"
                                        + "\"labels\":[\"trojan\"],\"description\":\"Also talks to evil.example.com\"")
                        + "]}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<SearchHit> hits =
                TriageSearch.run(dir.resolve("store"), List.of(bundle), "evil[.]example[.]com", Set.of(GREEN), out);
        assertThat(hits).extracting(SearchHit::name).containsExactly("evil.example.com", "Loader");
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("2 objects match")
                .contains("malware labelled trojan: 1")
                .doesNotContain("Secret");
    }
}
