package dev.threatkit.cti.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threatkit.cti.testing.JacksonObjects;
import dev.threatkit.cti.testing.Json;
import dev.threatkit.cti.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command-line contract: exact forms, outputs and exit codes. */
class CtiCliTest {
    record Run(int code, String out, String err) {}

    static Run cti(String... args) {
        CommandLine cl = CtiCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static final String MALWARE = "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":"
            + "\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\",\"created\":\"2024-01-01T00:00:00.000Z\","
            + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"TinyTurla\",\"is_family\":true}";

    @Test
    void validate_validFile_exits0(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("one.json"), MALWARE);
        Run r = cti("validate", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("valid (1 objects, 0 errors");
    }

    @Test
    void validate_invalid_exits1_andJsonHasTheContractShape(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(
                dir.resolve("b.json"),
                "{\"type\":\"bundle\",\"id\":"
                        + "\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":[" + MALWARE + ","
                        + MALWARE.replace("\"name\":\"TinyTurla\",", "")
                                .replace("31b940d4", "41b940d4")
                                .replace(
                                        "\"is_family\":true",
                                        "\"is_family\":true,\"kill_chain_phases\":[{\"kill_chain_name\":1}]")
                        + "]}");
        Run r = cti("validate", f.toString(), "--json"); // options may follow the file
        assertThat(r.code()).isEqualTo(1);
        JsonNode report = Json.tree(r.out());
        JsonNode file = report.get("files").get(0);
        assertThat(file.get("file").asText()).isEqualTo(f.toString());
        assertThat(file.get("objects").asInt()).isEqualTo(2);
        assertThat(file.get("warnings").isArray()).isTrue();
        List<String> paths = file.get("errors").findValuesAsText("path");
        assertThat(paths)
                .contains(
                        "objects[1].name",
                        "objects[1].kill_chain_phases[0].kill_chain_name",
                        "objects[1].kill_chain_phases[0].phase_name");
        assertThat(file.get("errors").get(0).get("id").asText())
                .isEqualTo("malware--41b940d4-6f7f-459a-80ea-9c1f17b5891b");
    }

    @Test
    void validate_unreadable_exits2_evenWithInvalidOnes(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"type\":");
        Path invalid = Files.writeString(dir.resolve("inv.json"), "{\"type\":\"malware\"}");
        Run r = cti("validate", invalid.toString(), bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json:1");
        assertThat(cti("validate", dir.resolve("missing.json").toString()).code())
                .isEqualTo(2);
        Path dup = Files.writeString(dir.resolve("dup.json"), "{\"type\":\"tool\",\"type\":\"tool\"}");
        assertThat(cti("validate", dup.toString()).code()).isEqualTo(2);
    }

    @Test
    void validate_strict_turnsBestPracticesIntoErrors(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("c.json"), MALWARE.replace("}", ",\"acme_score\":3}"));
        assertThat(cti("validate", f.toString()).code()).isZero();
        assertThat(cti("validate", "--strict", f.toString()).code()).isEqualTo(1);
    }

    @Test
    void id_printsOneLinePerObject_andDashWithReason(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(
                dir.resolve("a.json"),
                "[" + MALWARE + ","
                        + "{\"type\":\"process\",\"pid\":1},{\"type\":\"ipv4-addr\",\"value\":\"94.177.198.94\"},"
                        + "{\"type\":\"x-mitre-tactic\",\"name\":\"Execution\"}]");
        Run r = cti("id", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().split("\n"))
                .containsExactly(
                        "malware--497fe074-67e0-5640-b7a5-af2e36a5e1db", "-",
                        "ipv4-addr--fb121ffa-0e50-5d39-bf28-b1acbd3dc750", "-");
        assertThat(r.err()).contains("[1]").contains("UUIDv4").contains("[3]");
        assertThat(cti("id", dir.resolve("nope.json").toString()).code()).isEqualTo(2);
    }

    @Test
    void convert_attackEnterprise20_equals21(@TempDir Path dir) throws IOException {
        Path in = SharedData.file("mitre-attack-enterprise/enterprise-attack-18.1.stix20.json.gz");
        Path out = dir.resolve("out.json");
        Run r = cti("convert", "--to", "2.1", in.toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> expected =
                JacksonObjects.read(SharedData.file("mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz"));
        List<JsonNode> actual = JacksonObjects.read(out);
        assertThat(actual).hasSize(24_771);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as(expected.get(i).get("id").asText()).isEqualTo(expected.get(i));
        }
        JsonNode bundle = Json.read(out);
        assertThat(bundle.has("spec_version")).isFalse();
    }

    @Test
    void convert_rejectsOtherTargets_andLeavesNoPartialOutput(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("t.json"), "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{");
        Path out = dir.resolve("o.json");
        assertThat(cti("convert", "--to", "3.0", in.toString(), "-o", out.toString())
                        .code())
                .isEqualTo(2);
        assertThat(cti("convert", "--to", "2.1", in.toString(), "-o", out.toString())
                        .code())
                .isEqualTo(2);
        assertThat(out).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void everySubcommand_hasHelp_andUsageErrorsExit2() {
        for (String sub : List.of("validate", "id", "convert")) {
            Run r = cti(sub, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage: cti " + sub);
        }
        assertThat(cti("validate").code()).isEqualTo(2);
        assertThat(cti("nosuch").code()).isEqualTo(2);
        assertThat(cti("validate", "--bogus", "x.json").code()).isEqualTo(2);
    }

    @Test
    void atArguments_areNotExpanded(@TempDir Path dir) {
        Run r = cti("validate", "@" + dir.resolve("args.txt"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("@");
    }
}
