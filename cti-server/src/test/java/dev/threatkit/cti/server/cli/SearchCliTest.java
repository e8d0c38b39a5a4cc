package dev.threatkit.cti.server.cli;

import static dev.threatkit.cti.server.cli.CtiCliTest.cti;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threatkit.cti.server.cli.CtiCliTest.Run;
import dev.threatkit.cti.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of issue #5 on real data: ATT&CK Enterprise 18.1, the MISP-derived bundle and OpenCTI's test bundles
 * imported through the command line, then searched the way analysts type.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APT29 = "intrusion-set--899ce53f-13a0-479b-a0e4-67d46e241542";

    @TempDir
    static Path tmp;

    private String data;

    @BeforeAll
    void importEverything() {
        data = tmp.resolve("store").toString();
        Run r = cti(
                "import",
                SharedData.file("mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz")
                        .toString(),
                SharedData.file("opencti/parser-samples/misp-event-converted-bundle.json")
                        .toString(),
                SharedData.file("opencti/platform-tests/poisonivy.json").toString(),
                SharedData.file("opencti/platform-tests/DATA-TEST-STIX2_v2.json")
                        .toString(),
                SharedData.file("opencti/csv-parser/real-use-case/bundle.json").toString(),
                // its threat actor "APT29" is the namesake of ATT&CK's intrusion set
                SharedData.file("stix-bundles/attack-flow-corpus/solarwinds.json")
                        .toString(),
                "--data",
                data);
        assertThat(r.code()).as(r.err()).isIn(0, 1);
    }

    private static List<JsonNode> hits(Run r) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    private List<JsonNode> search(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "search";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data";
        all[args.length + 2] = data;
        Run r = cti(all);
        assertThat(r.code()).as(r.err()).isZero();
        return hits(r);
    }

    @Test
    void everyHitIsOneCompactJsonObjectWithIdTypeNameAndScore() {
        Run r = cti("search", "credential dumping", "--data", data);
        assertThat(r.code()).isZero();
        List<JsonNode> hits = hits(r);
        assertThat(hits).hasSize(20); // the default limit
        for (JsonNode h : hits) {
            assertThat(h.fieldNames()).toIterable().containsExactly("id", "type", "name", "score");
        }
        assertThat(hits.get(0).get("name").asText()).isEqualTo("OS Credential Dumping");
        assertThat(hits.get(0).get("score").asDouble())
                .isGreaterThanOrEqualTo(hits.get(1).get("score").asDouble());
    }

    @Test
    void attackIdsFindTheirTechniqueAndGroup() {
        JsonNode first = search("T1059.001", "--limit", "3").get(0);
        assertThat(first.get("type").asText()).isEqualTo("attack-pattern");
        assertThat(first.get("name").asText()).isEqualTo("PowerShell");
        assertThat(search("G0016", "--limit", "1").get(0).get("id").asText()).isEqualTo(APT29);
    }

    @Test
    void aNameSharedByTwoObjectsGoesToTheBetterConnectedOne() {
        List<JsonNode> hits = search("APT29", "--limit", "5");
        assertThat(hits.get(0).get("id").asText()).isEqualTo(APT29);
        // the other exact match, the Attack Flow corpus's threat actor with two relationships, comes right after
        assertThat(hits.get(1).get("type").asText()).isEqualTo("threat-actor");
        assertThat(hits.get(1).get("name").asText()).isEqualTo("APT29");
        assertThat(search("Cozy Bear", "--limit", "1").get(0).get("id").asText())
                .isEqualTo(APT29);
        assertThat(search("cozy bear", "--type", "Intrusion-Set", "--limit", "1")
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo(APT29);
    }

    @Test
    void indicatorsAreFoundWholeFangedOrDefanged() {
        assertThat(search("CVE-2012-0158", "--limit", "1").get(0).get("name").asText())
                .isEqualTo("CVE-2012-0158");
        JsonNode domain = search("connectotels[.]net", "--limit", "2").get(0);
        assertThat(domain.get("name").asText()).isEqualTo("connectotels.net");
        assertThat(domain.get("type").asText()).isIn("domain-name", "indicator");
        JsonNode ip = search("94.177.198.94", "--limit", "2").get(0);
        assertThat(ip.get("name").asText()).isEqualTo("94.177.198.94");
        assertThat(ip.get("type").asText()).isIn("ipv4-addr", "indicator");
        List<JsonNode> observables = search("94[.]177[.]198[.]94", "--type", "Stix-Cyber-Observable");
        assertThat(observables).extracting(h -> h.get("type").asText()).containsExactly("ipv4-addr");
    }

    @Test
    void nothingFoundExitsOneAndBadInputExitsTwo() {
        Run none = cti("search", "zzzqqqxxyy", "--data", data);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.out()).isEmpty();
        Run badType = cti("search", "apt", "--type", "Malwre", "--data", data);
        assertThat(badType.code()).isEqualTo(2);
        assertThat(badType.err()).contains("unknown type \"Malwre\"");
        Run badLimit = cti("search", "apt", "--limit", "0", "--data", data);
        assertThat(badLimit.code()).isEqualTo(2);
        Run nothing = cti("search", "--data", data);
        assertThat(nothing.code()).isEqualTo(2);
        Run missingFile = cti("search", "", "--filters", "@" + tmp.resolve("nope.json"), "--data", data);
        assertThat(missingFile.code()).isEqualTo(2);
        assertThat(missingFile.err()).contains("cannot read the filters file");
    }

    @Test
    void reindexRebuildsTheSameAnswersAndASearchBuildsAMissingIndex() throws IOException {
        Path copy = tmp.resolve("copy");
        Run backup = cti("backup", copy.toString(), "--data", data);
        assertThat(backup.code()).as(backup.err()).isZero();
        // a backup holds the journal, not the index: the first search builds it
        Run first = cti("search", "Cozy Bear", "--limit", "1", "--data", copy.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(hits(first).get(0).get("id").asText()).isEqualTo(APT29);
        Run reindex = cti("reindex", "--data", copy.toString());
        assertThat(reindex.code()).as(reindex.err()).isZero();
        JsonNode report = JSON.readTree(reindex.out());
        assertThat(report.get("reindexed").asLong()).isGreaterThan(24_000);
        assertThat(report.get("event").asLong()).isPositive();
        Run after = cti("search", "Cozy Bear", "--limit", "1", "--data", copy.toString());
        assertThat(hits(after).get(0).get("id").asText()).isEqualTo(APT29);
        assertThat(Files.isDirectory(copy.resolve("search"))).isTrue();
    }

    @Test
    void filtersListWithoutTextInlineOrFromAFile() throws IOException {
        String byName =
                "{\"mode\": \"and\", \"filters\": [{\"key\": [\"entity_type\"], \"values\": [\"Intrusion-Set\"]},"
                        + " {\"key\": [\"name\"], \"values\": [\"apt29\"]}], \"filterGroups\": []}";
        assertThat(search("", "--filters", byName))
                .extracting(h -> h.get("id").asText())
                .containsExactly(APT29);
        Path file = Files.writeString(tmp.resolve("filters.json"), byName);
        assertThat(search("", "--filters", "@" + file))
                .extracting(h -> h.get("id").asText())
                .containsExactly(APT29);

        // what APT29 uses, through the index, equals what the store's graph says
        String uses = "{\"mode\": \"and\", \"filters\": [{\"key\": \"regardingOf\", \"values\": ["
                + "{\"key\": \"id\", \"values\": [\"" + APT29 + "\"]},"
                + " {\"key\": \"relationship_type\", \"values\": [\"uses\"]}]}], \"filterGroups\": []}";
        List<JsonNode> techniques = search("", "--type", "attack-pattern", "--filters", uses, "--limit", "5000");
        Run neighbors = cti("neighbors", APT29, "--rel", "uses", "--direction", "out", "--data", data);
        long inGraph = hits(neighbors).stream()
                .filter(n -> n.get("type").asText().equals("attack-pattern"))
                .count();
        assertThat(techniques).hasSize((int) inGraph).hasSizeGreaterThan(50);

        Run malformed = cti("search", "", "--filters", "{\"mode\": \"and\", \"filters\": [", "--data", data);
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).contains("cti search:");
        Run unknownKey = cti(
                "search",
                "",
                "--filters",
                "{\"mode\":\"and\",\"filters\":[{\"key\":\"nmae\",\"values\":[\"x\"]}]}",
                "--data",
                data);
        assertThat(unknownKey.code()).isEqualTo(2);
        assertThat(unknownKey.err()).contains("did you mean \"name\"");
    }
}
