package dev.threatkit.cti.server.cli;

import static dev.threatkit.cti.server.cli.CtiCliTest.cti;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threatkit.cti.server.cli.CtiCliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store commands of issue #4: import, get, neighbors, stats, delete, backup, suggestions. */
class StoreCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String T = "2021-01-01T00:00:00.000Z";
    private static final String AUTHOR = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";
    private static final String A = "malware--00000001-0000-4000-8000-000000000000";
    private static final String B = "malware--00000002-0000-4000-8000-000000000000";
    private static final String REL = "relationship--00000003-0000-4000-8000-000000000000";

    @TempDir
    Path tmp;

    private String data;
    private Path bundle;

    private static String malware(String id, String name, String aliases) {
        return "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + T
                + "\",\"modified\":\"" + T + "\",\"name\":\"" + name + "\",\"is_family\":true,\"created_by_ref\":\""
                + AUTHOR + "\",\"aliases\":[" + aliases + "]}";
    }

    @BeforeEach
    void setUp() throws IOException {
        data = tmp.resolve("store").toString();
        bundle = tmp.resolve("bundle.json");
        Files.writeString(
                bundle,
                "{\"type\":\"bundle\",\"id\":\"bundle--00000009-0000-4000-8000-000000000000\","
                        + "\"objects\":[" + malware(A, "TEXTMATE", "\"DNSMessenger\"") + ","
                        + malware(B, "POWERSOURCE", "\"DNSMessenger\"") + ","
                        + "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + REL + "\",\"created\":\""
                        + T
                        + "\",\"modified\":\"" + T + "\",\"relationship_type\":\"variant-of\",\"source_ref\":\"" + A
                        + "\",\"target_ref\":\"" + B + "\"},"
                        + "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"" + AUTHOR + "\",\"created\":\"" + T
                        + "\",\"modified\":\"" + T + "\",\"name\":\"MITRE\",\"identity_class\":\"organization\"}]}");
    }

    private static JsonNode json(String line) throws IOException {
        return JSON.readTree(line);
    }

    @Test
    void importPrintsOneReportAndImportingAgainChangesNothing() throws IOException {
        Run r = cti("import", bundle.toString(), "--data", data);
        assertThat(r.code()).isZero();
        JsonNode report = json(r.out().strip());
        assertThat(report.fieldNames())
                .toIterable()
                .containsExactly(
                        "files", "objects", "created", "updated", "unchanged", "rejected", "warnings", "seconds");
        assertThat(report.get("objects").asInt()).isEqualTo(4);
        assertThat(report.get("created").asInt()).isEqualTo(4);
        assertThat(report.get("warnings").asInt()).isZero();

        JsonNode again = json(cti("import", "--data", data, bundle.toString()).out());
        assertThat(again.get("unchanged").asInt()).isEqualTo(4);
        assertThat(json(cti("stats", "--data", data).out()).toString())
                .isEqualTo("{\"identity\":1,\"malware\":2,\"relationship\":1}");
    }

    @Test
    void rejectedObjectsExit1AndUnreadableFilesExit2StoringNothing() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(
                bad, "[" + malware(A, "A", "").replace(T + "\",\"name", "2021-13-01T00:00:00Z\",\"name") + "]");
        Run rejected = cti("import", bad.toString(), "--data", data);
        assertThat(rejected.code()).isEqualTo(1);
        JsonNode row = json(rejected.out()).get("rejected").get(0);
        assertThat(row.get("file").asText()).isEqualTo(bad.toString());
        assertThat(row.get("id").asText()).isEqualTo(A);
        assertThat(row.get("path").asText()).isEqualTo("[0].modified");
        assertThat(row.get("reason").asText()).isNotEmpty();

        Path truncated = tmp.resolve("truncated.json");
        String text = Files.readString(bundle);
        Files.writeString(truncated, text.substring(0, text.length() - 40));
        Run unreadable = cti("import", truncated.toString(), "--data", data);
        assertThat(unreadable.code()).isEqualTo(2);
        assertThat(unreadable.err()).contains(truncated.toString());
        assertThat(cti("stats", "--data", data).out().strip()).isEqualTo("{}");
    }

    @Test
    void getNeighborsSuggestionsDeleteAndBackup() throws IOException {
        cti("import", bundle.toString(), "--data", data);
        Run get = cti("get", A, "--data", data);
        assertThat(get.code()).isZero();
        assertThat(json(get.out()).get("name").asText()).isEqualTo("TEXTMATE");
        assertThat(cti("get", "malware--00000099-0000-4000-8000-000000000000", "--data", data)
                        .code())
                .isEqualTo(1);

        Run neighbors = cti("neighbors", A, "--data", data);
        assertThat(neighbors.code()).isZero();
        assertThat(neighbors.out().strip())
                .isEqualTo("{\"relationship\":\"" + REL
                        + "\",\"relationship_type\":\"variant-of\",\"direction\":\"out\","
                        + "\"inferred\":false,\"id\":\"" + B + "\",\"type\":\"malware\",\"name\":\"POWERSOURCE\"}");
        assertThat(cti("neighbors", A, "--direction", "in", "--data", data).out())
                .isEmpty();
        assertThat(cti("neighbors", B, "--rel", "uses", "--data", data).out()).isEmpty();

        JsonNode suggestion = json(cti("suggestions", "--data", data).out());
        assertThat(suggestion.get("ids").toString()).isEqualTo("[\"" + A + "\",\"" + B + "\"]");
        assertThat(suggestion.get("names").toString()).isEqualTo("[\"TEXTMATE\",\"POWERSOURCE\"]");

        Path backup = tmp.resolve("backup");
        JsonNode b = json(cti("backup", backup.toString(), "--data", data).out());
        assertThat(b.get("objects").asInt()).isEqualTo(4);
        assertThat(b.get("event").asLong()).isEqualTo(4);

        Run delete = cti("delete", A, "--data", data);
        assertThat(delete.code()).isZero();
        assertThat(delete.out().strip()).isEqualTo("{\"deleted\":1,\"cascaded\":1}");
        assertThat(cti("delete", A, "--data", data).code()).isEqualTo(1);
        assertThat(cti("stats", "--data", backup.toString()).out().strip())
                .isEqualTo("{\"identity\":1,\"malware\":2,\"relationship\":1}");
    }

    @Test
    void strictRelationshipsRejectAndABadGraphOptionIsAUsageError() throws IOException {
        Path sectors = tmp.resolve("sectors.json");
        String s1 = "identity--00000011-0000-4000-8000-000000000000";
        String s2 = "identity--00000012-0000-4000-8000-000000000000";
        String sector = "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"%s\",\"created\":\"" + T
                + "\",\"modified\":\"" + T + "\",\"name\":\"%s\",\"identity_class\":\"class\"}";
        Files.writeString(
                sectors,
                "[" + String.format(sector, s1, "Energy") + "," + String.format(sector, s2, "Oil")
                        + ",{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + REL + "\",\"created\":\""
                        + T + "\",\"modified\":\"" + T + "\",\"relationship_type\":\"gathering\",\"source_ref\":\"" + s2
                        + "\",\"target_ref\":\"" + s1 + "\"}]");
        Run strict = cti("import", "--strict-relationships", sectors.toString(), "--data", data);
        assertThat(strict.code()).isEqualTo(1);
        assertThat(json(strict.out()).get("rejected").get(0).get("path").asText())
                .isEqualTo("[2].relationship_type");

        Run lenient =
                cti("import", sectors.toString(), "--data", tmp.resolve("other").toString());
        assertThat(lenient.code()).isZero();
        assertThat(json(lenient.out()).get("warnings").asInt()).isEqualTo(1);

        Run bad = cti("import", bundle.toString(), "--data", data, "--graph", "cassandra");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("remote:HOST:PORT");
    }
}
