package dev.threatkit.cti.server.cli;

import static dev.threatkit.cti.server.cli.CtiCliTest.cti;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threatkit.cti.server.cli.CtiCliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cti path} and {@code cti pivot}: output shape and exit codes. */
class PathCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String T = "2021-01-01T00:00:00.000Z";
    private static final String X = "intrusion-set--00000001-0000-4000-8000-000000000000";
    private static final String Y = "intrusion-set--00000002-0000-4000-8000-000000000000";
    private static final String AP1 = "attack-pattern--00000011-0000-4000-8000-000000000000";
    private static final String AP2 = "attack-pattern--00000012-0000-4000-8000-000000000000";
    private static final String LONE = "malware--00000021-0000-4000-8000-000000000000";

    @TempDir
    Path tmp;

    private String data;

    private static String sdo(String id, String name, String attackId) {
        return "{\"type\":\"" + id.substring(0, id.indexOf("--")) + "\",\"spec_version\":\"2.1\",\"id\":\"" + id
                + "\",\"created\":\"" + T + "\",\"modified\":\"" + T + "\",\"name\":\"" + name + "\""
                + (attackId == null
                        ? ",\"is_family\":true"
                        : ",\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"" + attackId
                                + "\"}]")
                + "}";
    }

    private static String rel(int n, String source, String target) {
        return "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + r(n) + "\",\"created\":\"" + T
                + "\",\"modified\":\"" + T + "\",\"relationship_type\":\"uses\",\"source_ref\":\"" + source
                + "\",\"target_ref\":\"" + target + "\"}";
    }

    private static String r(int n) {
        return String.format("relationship--%08d-0000-4000-8000-000000000000", n);
    }

    @BeforeEach
    void setUp() throws IOException {
        data = tmp.resolve("store").toString();
        Path bundle = tmp.resolve("bundle.json");
        Files.writeString(
                bundle,
                "["
                        + String.join(
                                ",",
                                sdo(X, "APT-X", "G9001"),
                                sdo(Y, "APT-Y", "G9002"),
                                sdo(AP1, "One", "T9001"),
                                sdo(AP2, "Two", "T9002"),
                                sdo(LONE, "Lone", null),
                                rel(31, X, AP1),
                                rel(32, X, AP2),
                                rel(41, Y, AP1),
                                rel(42, Y, AP2))
                        + "]");
        assertThat(cti("import", bundle.toString(), "--data", data).code()).isZero();
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    @Test
    void pathPrintsOneCompactArrayPerShortestPath() throws IOException {
        Run r = cti("path", "G9001", "G9002", "--data", data);
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .isEqualTo("[\"" + X + "\",\"" + r(31) + "\",\"" + AP1 + "\",\"" + r(41) + "\",\"" + Y + "\"]"
                        + System.lineSeparator()
                        + "[\"" + X + "\",\"" + r(32) + "\",\"" + AP2 + "\",\"" + r(42) + "\",\"" + Y + "\"]"
                        + System.lineSeparator());
        Run optionsFirst = cti("path", "--max-hops", "2", "--rel", "uses", "--data", data, X, "T9001");
        assertThat(optionsFirst.code()).isZero();
        assertThat(lines(optionsFirst.out())).hasSize(1);
        assertThat(lines(optionsFirst.out()).get(0).toString())
                .isEqualTo("[\"" + X + "\",\"" + r(31) + "\",\"" + AP1 + "\"]");
        assertThat(cti("path", X, X, "--data", data).out().strip()).isEqualTo("[\"" + X + "\"]");
    }

    @Test
    void pathExits1WithoutAPathOrForAnUnknownIdAnd2ForBadOptions() {
        Run tooShort = cti("path", "G9001", "G9002", "--max-hops", "1", "--data", data);
        assertThat(tooShort.code()).isEqualTo(1);
        assertThat(tooShort.out()).isEmpty();
        assertThat(tooShort.err()).contains("no path of at most 1 relationships");
        assertThat(cti("path", X, LONE, "--max-hops", "8", "--data", data).code())
                .isEqualTo(1);
        assertThat(cti("path", X, Y, "--rel", "targets", "--data", data).code()).isEqualTo(1);

        Run unknown = cti("path", X, "G0000", "--data", data);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("G0000 is not in the store");

        for (String hops : List.of("0", "9", "four")) {
            Run bad = cti("path", X, Y, "--max-hops", hops, "--data", data);
            assertThat(bad.code()).as(hops).isEqualTo(2);
            assertThat(bad.err()).as(hops).contains("--max-hops");
        }
        assertThat(cti("path", X, "--data", data).code()).isEqualTo(2);
        Run help = cti("path", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--max-hops", "--rel", "--all", "--data");
    }

    @Test
    void pivotPrintsOneObjectPerMatchAndExitsLikePath() throws IOException {
        Run r = cti("pivot", "G9001", "--data", data);
        assertThat(r.code()).isZero();
        assertThat(r.out().strip())
                .isEqualTo("{\"id\":\"" + Y + "\",\"type\":\"intrusion-set\",\"name\":\"APT-Y\",\"shared\":2,"
                        + "\"observables\":[],\"infrastructure\":[],\"techniques\":[\"" + AP1 + "\",\"" + AP2 + "\"]}");
        Run techniques = cti("pivot", "--kind", "techniques,infrastructure", "--limit", "1", "--data", data, Y);
        assertThat(lines(techniques.out()).get(0).get("id").asText()).isEqualTo(X);

        Run none = cti("pivot", X, "--kind", "observables", "--data", data);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isNotEmpty();
        assertThat(cti("pivot", "G0000", "--data", data).code()).isEqualTo(1);
        assertThat(cti("pivot", X, "--kind", "malware", "--data", data).code()).isEqualTo(2);
        assertThat(cti("pivot", X, "--limit", "0", "--data", data).code()).isEqualTo(2);
        assertThat(cti("pivot", "--help").code()).isZero();
    }
}
