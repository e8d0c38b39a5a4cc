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

/** {@code cti rules list|enable|disable} and {@code cti stats --inferred}: output shapes and exit codes. */
class RulesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String T = "2021-01-01T00:00:00.000Z";
    private static final String GROUP = "intrusion-set--00000001-0000-4000-8000-000000000000";
    private static final String PARENT = "attack-pattern--00000002-0000-4000-8000-000000000000";
    private static final String SUB = "attack-pattern--00000003-0000-4000-8000-000000000000";

    @TempDir
    Path tmp;

    private String data;

    private static String sdo(String type, String id, String name) {
        return "{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + T
                + "\",\"modified\":\"" + T + "\",\"name\":\"" + name + "\"}";
    }

    private static String rel(int n, String type, String from, String to) {
        return "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--0000001" + n
                + "-0000-4000-8000-000000000000\",\"created\":\"" + T + "\",\"modified\":\"" + T
                + "\",\"relationship_type\":\"" + type + "\",\"source_ref\":\"" + from + "\",\"target_ref\":\"" + to
                + "\"}";
    }

    @BeforeEach
    void setUp() throws IOException {
        data = tmp.resolve("store").toString();
        Path bundle = Files.writeString(
                tmp.resolve("bundle.json"),
                "{\"type\":\"bundle\",\"id\":\"bundle--00000009-0000-4000-8000-000000000000\",\"objects\":["
                        + String.join(
                                ",",
                                sdo("intrusion-set", GROUP, "Group"),
                                sdo("attack-pattern", PARENT, "Parent"),
                                sdo("attack-pattern", SUB, "Sub"),
                                rel(1, "uses", GROUP, SUB),
                                rel(2, "subtechnique-of", SUB, PARENT))
                        + "]}");
        assertThat(cti("import", bundle.toString(), "--data", data).code()).isZero();
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void listPrintsEveryRuleOffByDefault() throws IOException {
        Run r = cti("rules", "list", "--data", data);
        assertThat(r.code()).isZero();
        List<JsonNode> rules = lines(r.out());
        assertThat(rules).hasSize(24);
        assertThat(rules.get(0).fieldNames()).toIterable().containsExactly("id", "name", "enabled");
        assertThat(rules).allMatch(n -> !n.get("enabled").asBoolean());
        assertThat(rules.stream().map(n -> n.get("id").asText())).contains("parent_technique_use");
    }

    @Test
    void enableAndDisablePrintWhatChangedAndStatsCountInferredApart() throws IOException {
        Run on = cti("rules", "enable", "parent_technique_use", "--data", data);
        assertThat(on.code()).isZero();
        assertThat(on.out().strip()).isEqualTo("{\"rule\":\"parent_technique_use\",\"enabled\":true,\"inferred\":1}");
        assertThat(cti("stats", "--data", data).out().strip())
                .isEqualTo("{\"attack-pattern\":2,\"intrusion-set\":1,\"relationship\":2}");
        assertThat(cti("stats", "--inferred", "--data", data).out().strip()).isEqualTo("{\"relationship\":1}");
        JsonNode listed = lines(
                        cti("rules", "list", "--data", data, "--details").out())
                .stream()
                .filter(n -> n.get("id").asText().equals("parent_technique_use"))
                .findFirst()
                .orElseThrow();
        assertThat(listed.get("enabled").asBoolean()).isTrue();
        assertThat(listed.get("scope").get("min_confidence").asInt()).isZero();

        Run off = cti("rules", "disable", "--data", data, "parent_technique_use");
        assertThat(off.code()).isZero();
        assertThat(off.out().strip()).isEqualTo("{\"rule\":\"parent_technique_use\",\"enabled\":false,\"inferred\":1}");
        assertThat(cti("stats", "--inferred", "--data", data).out().strip()).isEqualTo("{}");
    }

    @Test
    void unknownRulesExit1AndBadScopesExit2() {
        Run r = cti("rules", "enable", "no_such_rule", "--data", data);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no_such_rule").contains("rules list");
        assertThat(cti("rules", "disable", "no_such_rule", "--data", data).code())
                .isEqualTo(1);
        assertThat(cti("rules", "enable", "parent_technique_use", "--min-confidence", "101", "--data", data)
                        .code())
                .isEqualTo(2);
        assertThat(cti("rules", "--data", data).code()).isEqualTo(2);
        assertThat(cti("rules", "enable", "--help").code()).isZero();
    }

    @Test
    void severalRulesAtOncePrintOneLineEach() throws IOException {
        Run on = cti("rules", "enable", "attribution_use", "parent_technique_use", "--data", data);
        assertThat(on.code()).isZero();
        List<JsonNode> lines = lines(on.out());
        assertThat(lines)
                .extracting(n -> n.get("rule").asText())
                .containsExactly("attribution_use", "parent_technique_use");
        Run off = cti("rules", "disable", "parent_technique_use", "attribution_use", "--data", data);
        assertThat(lines(off.out())).hasSize(2);
        assertThat(cti("stats", "--inferred", "--data", data).out().strip()).isEqualTo("{}");
    }

    @Test
    void scopesRestrictWhatARuleUses() throws IOException {
        Run r = cti("rules", "enable", "parent_technique_use", "--min-confidence", "50", "--data", data);
        assertThat(lines(r.out()).get(0).get("inferred").asInt()).isZero(); // the fixture has no confidence
        Run typed = cti("rules", "enable", "parent_technique_use", "--entity-type", "Intrusion-Set", "--data", data);
        assertThat(lines(typed.out()).get(0).get("inferred").asInt()).isEqualTo(1);
    }
}
