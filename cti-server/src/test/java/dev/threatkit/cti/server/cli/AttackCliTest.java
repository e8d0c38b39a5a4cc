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

/** {@code cti attack ...} on a store holding ATT&amp;CK Enterprise 18.1: output keys and order, exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static final String T = "2024-01-01T00:00:00.000Z";

    /** ATT&CK Enterprise: every open replays it, so the checks of exit codes run on {@link #small} instead. */
    private String data;
    /** A group using a technique, and a tool. */
    private String small;
    /** {@code attack coverage G0016} on {@link #data}. */
    private Run apt29;

    private static String sdo(String type, String id, String name, String externalId, String extra) {
        return "{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + T
                + "\",\"modified\":\"" + T + "\",\"name\":\"" + name + "\",\"external_references\":[{\"source_name\":"
                + "\"mitre-attack\",\"external_id\":\"" + externalId + "\"}]" + extra + "}";
    }

    @BeforeAll
    void importStores() throws IOException {
        data = tmp.resolve("store").toString();
        Run r = cti(
                "import",
                SharedData.file("mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz")
                        .toString(),
                "--data",
                data);
        assertThat(r.code()).as(r.err()).isZero();
        apt29 = cti("attack", "coverage", "G0016", "--data", data);

        String group = "intrusion-set--10000000-0000-4000-8000-000000000001";
        String technique = "attack-pattern--10000000-0000-4000-8000-000000000002";
        Path bundle = tmp.resolve("small.json");
        Files.writeString(
                bundle,
                "{\"type\":\"bundle\",\"id\":\"bundle--10000000-0000-4000-8000-000000000000\",\"objects\":["
                        + sdo("intrusion-set", group, "Small Group", "G9001", "") + ","
                        + sdo(
                                "attack-pattern",
                                technique,
                                "Small Technique",
                                "T9001",
                                ",\"kill_chain_phases\":[{\"kill_chain_name\":\"mitre-attack\",\"phase_name\":"
                                        + "\"execution\"}]")
                        + "," + sdo("tool", "tool--10000000-0000-4000-8000-000000000003", "Small Tool", "S9001", "")
                        + ",{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--10000000-0000-"
                        + "4000-8000-000000000004\",\"created\":\"" + T + "\",\"modified\":\"" + T
                        + "\",\"relationship_type\":\"uses\",\"source_ref\":\"" + group + "\",\"target_ref\":\""
                        + technique + "\"}]}");
        small = tmp.resolve("small").toString();
        Run s = cti("import", bundle.toString(), "--data", small);
        assertThat(s.code()).as(s.err()).isZero();
    }

    private static List<JsonNode> lines(Run r) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                out.add(json(line));
            }
        }
        return out;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void coverage_printsOneTechniquePerLineSortedByExternalId() {
        Run r = apt29;
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> rows = lines(r);
        assertThat(rows).hasSizeGreaterThan(100);
        assertThat(rows).allSatisfy(row -> {
            assertThat(keys(row)).containsExactly("id", "external_id", "name", "tactics", "via");
            assertThat(row.get("id").asText()).startsWith("attack-pattern--");
            assertThat(row.get("tactics")).isNotEmpty();
            assertThat(texts(row.get("via"))).isNotEmpty().isSubsetOf("direct", "subtechnique", "attribution");
        });
        List<String> ids =
                rows.stream().map(row -> row.get("external_id").asText()).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates().contains("T1059", "T1059.001");
        assertThat(rows).anySatisfy(row -> assertThat(texts(row.get("via"))).containsExactly("attribution"));
        JsonNode interpreter = rows.get(ids.indexOf("T1059"));
        assertThat(interpreter.get("name").asText()).isEqualTo("Command and Scripting Interpreter");
        assertThat(texts(interpreter.get("tactics"))).containsExactly("execution");

        Run direct = cti("attack", "coverage", "--direct", "--data", data, "G0016");
        assertThat(direct.code()).isZero();
        List<JsonNode> directRows = lines(direct);
        assertThat(directRows)
                .hasSizeLessThan(rows.size())
                .allSatisfy(row -> assertThat(texts(row.get("via"))).containsExactly("direct"));
    }

    @Test
    void coverage_unknownIdExits1_wrongTypeExits2() {
        Run found = cti("attack", "coverage", "intrusion-set--10000000-0000-4000-8000-000000000001", "--data", small);
        assertThat(found.code()).isZero();
        assertThat(found.out().strip())
                .isEqualTo("{\"id\":\"attack-pattern--10000000-0000-4000-8000-000000000002\",\"external_id\":\"T9001\","
                        + "\"name\":\"Small Technique\",\"tactics\":[\"execution\"],\"via\":[\"direct\"]}");
        assertThat(cti("attack", "coverage", "S9001", "--data", small).out()).isEmpty();

        Run unknown = cti("attack", "coverage", "G9999", "--data", small);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("G9999").contains("not in the store");

        Run technique = cti("attack", "coverage", "T9001", "--data", small);
        assertThat(technique.code()).isEqualTo(2);
        assertThat(technique.out()).isEmpty();
        assertThat(technique.err()).contains("attack-pattern").contains("intrusion-set");

        assertThat(cti("attack", "coverage", "--data", small).code()).isEqualTo(2);
    }

    @Test
    void layer_writesANavigatorLayerAndPrintsASummary() throws IOException {
        Path file = tmp.resolve("apt29-layer.json");
        Run r = cti("attack", "layer", "G0016", "-o", file.toString(), "--data", data);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode summary = json(r.out());
        assertThat(keys(summary)).containsExactly("file", "techniques");
        assertThat(summary.get("file").asText()).isEqualTo(file.toString());
        int covered = lines(apt29).size();
        assertThat(summary.get("techniques").asInt()).isEqualTo(covered);

        JsonNode layer = JSON.readTree(file.toFile());
        assertThat(layer.get("name").asText()).contains("APT29");
        assertThat(layer.get("versions").get("layer").asText()).isEqualTo("4.5");
        assertThat(layer.get("versions").has("navigator")).isTrue();
        assertThat(layer.get("domain").asText()).isEqualTo("enterprise-attack");
        assertThat(layer.get("techniques")).hasSize(covered).allSatisfy(t -> {
            assertThat(t.get("techniqueID").asText()).matches("T\\d{4}(\\.\\d{3})?");
            assertThat(t.get("score").asDouble()).isIn(1.0, 0.5);
            assertThat(t.get("comment").asText()).isNotBlank();
        });
        assertThat(layer.has("gradient")).isTrue();
        assertThat(layer.get("legendItems")).isNotEmpty();

        Path directFile = tmp.resolve("small-direct.json");
        Run direct = cti(
                "attack",
                "layer",
                "--direct",
                "G9001",
                "--output",
                directFile.toString(),
                "--attack-version",
                "18",
                "--domain",
                "ics",
                "--data",
                small);
        assertThat(direct.code()).isZero();
        assertThat(direct.out().strip()).isEqualTo("{\"file\":\"" + directFile + "\",\"techniques\":1}");
        JsonNode directLayer = JSON.readTree(directFile.toFile());
        assertThat(directLayer.get("versions").get("attack").asText()).isEqualTo("18");
        assertThat(directLayer.get("domain").asText()).isEqualTo("ics-attack");
        assertThat(directLayer.get("techniques").get(0).get("score").asDouble()).isEqualTo(1.0);

        assertThat(cti("attack", "layer", "G9999", "-o", file.toString(), "--data", small)
                        .code())
                .isEqualTo(1);
        assertThat(cti("attack", "layer", "T9001", "-o", file.toString(), "--data", small)
                        .code())
                .isEqualTo(2);
        assertThat(cti("attack", "layer", "G9001", "--data", small).code()).isEqualTo(2); // -o is required
        assertThat(cti("attack", "layer", "G9001", "-o", file.toString(), "--domain", "cloud", "--data", small)
                        .code())
                .isEqualTo(2);
        Run unwritable = cti(
                "attack",
                "layer",
                "G9001",
                "-o",
                tmp.resolve("missing/dir/layer.json").toString(),
                "--data",
                small);
        assertThat(unwritable.code()).isEqualTo(2);
        assertThat(unwritable.err()).contains("cannot write");
    }

    @Test
    void matrix_printsOneTacticPerLineInMatrixOrder() {
        Run r = cti("attack", "matrix", "--data", data);
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> tactics = lines(r);
        assertThat(tactics).hasSize(14);
        assertThat(tactics.get(0).get("tactic").asText()).isEqualTo("TA0043");
        assertThat(tactics.get(0).get("name").asText()).isEqualTo("Reconnaissance");
        assertThat(tactics.get(13).get("tactic").asText()).isEqualTo("TA0040");
        assertThat(tactics).allSatisfy(tactic -> {
            assertThat(keys(tactic)).containsExactly("tactic", "name", "techniques");
            assertThat(tactic.get("techniques")).isNotEmpty().allSatisfy(t -> {
                assertThat(keys(t)).containsExactly("external_id", "name", "subtechniques");
                assertThat(texts(t.get("subtechniques")))
                        .isSorted()
                        .allSatisfy(sub ->
                                assertThat(sub).startsWith(t.get("external_id").asText() + "."));
            });
            List<String> names = new ArrayList<>();
            tactic.get("techniques").forEach(t -> names.add(t.get("name").asText()));
            assertThat(names).isSorted();
        });
        Run none = cti("attack", "matrix", "--domain", "mobile-attack", "--data", small);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("mobile-attack");
        assertThat(cti("attack", "matrix", "--data", small).code()).isEqualTo(1);
        assertThat(cti("attack", "matrix", "--domain", "cloud", "--data", small).code())
                .isEqualTo(2);
    }

    @Test
    void overlap_printsOneObject() {
        Run self = cti("attack", "overlap", "G0016", "G0016", "--data", data);
        assertThat(self.code()).as(self.err()).isZero();
        JsonNode o = json(self.out());
        assertThat(keys(o)).containsExactly("a", "b", "shared", "jaccard", "techniques");
        assertThat(keys(o.get("a"))).containsExactly("id", "external_id", "name", "techniques");
        assertThat(o.get("jaccard").asDouble()).isEqualTo(1.0);
        assertThat(o.get("shared").asInt())
                .isEqualTo(o.get("a").get("techniques").asInt());
        assertThat(keys(o.get("techniques").get(0))).containsExactly("id", "external_id", "name", "via_a", "via_b");

        JsonNode ab =
                json(cti("attack", "overlap", "--data", data, "G0016", "G0007").out());
        assertThat(ab.get("jaccard").asDouble()).isStrictlyBetween(0.0, 1.0);
        assertThat(ab.get("shared").asInt())
                .isPositive()
                .isEqualTo(ab.get("techniques").size());
        assertThat(ab.get("a").get("external_id").asText()).isEqualTo("G0016");
        assertThat(ab.get("b").get("name").asText()).isEqualTo("APT28");

        Run disjoint = cti("attack", "overlap", "G9001", "S9001", "--data", small);
        assertThat(disjoint.code()).isZero();
        assertThat(json(disjoint.out()).get("jaccard").asDouble()).isZero();
        Run unknown = cti("attack", "overlap", "G9001", "G9999", "--data", small);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("G9999");
        assertThat(cti("attack", "overlap", "G9001", "T9001", "--data", small).code())
                .isEqualTo(2);
    }

    @Test
    void mitigationsAndDetections_ofATechnique() {
        Run r = cti("attack", "mitigations", "T1003", "--data", data);
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> rows = lines(r);
        assertThat(rows)
                .allSatisfy(row -> assertThat(keys(row)).containsExactly("id", "external_id", "name", "relationship"));
        assertThat(rows.stream().map(row -> row.get("external_id").asText()).toList())
                .isSorted()
                .contains("M1026", "M1027", "M1043");
        Run none = cti("attack", "mitigations", "T9001", "--data", small);
        assertThat(none.code()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(cti("attack", "mitigations", "T9999", "--data", small).code())
                .isEqualTo(1);
        assertThat(cti("attack", "mitigations", "G9001", "--data", small).code())
                .isEqualTo(2);

        Run d = cti("attack", "detections", "T1003", "--data", data);
        assertThat(d.code()).as(d.err()).isZero();
        List<JsonNode> detections = lines(d);
        assertThat(detections).hasSize(1);
        JsonNode strategy = detections.get(0);
        assertThat(keys(strategy)).containsExactly("id", "type", "external_id", "name", "analytics");
        assertThat(strategy.get("type").asText()).isEqualTo("x-mitre-detection-strategy");
        assertThat(strategy.get("external_id").asText()).isEqualTo("DET0234");
        JsonNode analytic = strategy.get("analytics").get(0);
        assertThat(keys(analytic)).containsExactly("id", "external_id", "name", "platforms", "log_sources");
        assertThat(keys(analytic.get("log_sources").get(0)))
                .containsExactly("data_component_id", "data_component", "name", "channel");
        assertThat(cti("attack", "detections", "T9999", "--data", small).code()).isEqualTo(1);
        assertThat(cti("attack", "detections", "S9001", "--data", small).code()).isEqualTo(2);
    }

    @Test
    void help_onEverySubcommand() {
        assertThat(cti("attack", "--help").code()).isZero();
        assertThat(cti("attack").code()).isEqualTo(2);
        for (String sub : List.of("coverage", "layer", "matrix", "overlap", "mitigations", "detections")) {
            Run help = cti("attack", sub, "--help");
            assertThat(help.code()).as(sub).isZero();
            assertThat(help.out()).as(sub).contains("Usage:").contains(sub);
        }
    }
}
