package dev.threatkit.cti.server.cli;

import static dev.threatkit.cti.server.cli.CtiCliTest.cti;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.server.cli.CtiCliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cti pattern validate|match}: the forms, outputs and exit codes of issue #3. */
class PatternCliTest {
    private static final String BUNDLE = "{\"type\":\"bundle\",\"id\":\"bundle--0b6b3c5a-0a5e-4c39-9f55-7f0a6f6e6a11\","
            + "\"objects\":[{\"type\":\"observed-data\",\"spec_version\":\"2.1\","
            + "\"id\":\"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf\",\"created\":\"2016-04-06T19:58:16.000Z\","
            + "\"modified\":\"2016-04-06T19:58:16.000Z\",\"first_observed\":\"2015-12-21T19:00:00Z\","
            + "\"last_observed\":\"2015-12-21T19:00:00Z\",\"number_observed\":1,"
            + "\"object_refs\":[\"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd\"]},"
            + "{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd\","
            + "\"value\":\"198.51.100.3\"}]}";

    private static final String OBSERVED_20 = "[{\"type\":\"observed-data\","
            + "\"id\":\"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf\",\"first_observed\":\"2015-12-21T19:00:00Z\","
            + "\"last_observed\":\"2015-12-21T19:00:00Z\",\"number_observed\":1,"
            + "\"objects\":{\"0\":{\"type\":\"file\",\"name\":\"foo.exe\"}}}]";

    @Test
    void validate_valid_exits0() {
        Run r = cti("pattern", "validate", "[ipv4-addr:value ISSUBSET '198.51.100.0/24']");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validate_invalid_exits1_withPositionOnStderr() {
        Run r = cti("pattern", "validate", "[file:hashes.'SHA-256' = 'f00']");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("1:").contains("not a valid SHA-256 hash");
        Run syntax = cti("pattern", "validate", "[file.size = 1280]");
        assertThat(syntax.code()).isEqualTo(1);
        assertThat(syntax.err()).contains("at 1:6");
    }

    @Test
    void validate_specOption_anywhere() {
        assertThat(cti("pattern", "validate", "[x:y = 1]", "--spec", "2.0").code())
                .isZero();
        assertThat(cti(
                                "pattern",
                                "validate",
                                "--spec",
                                "2.0",
                                "[x:y = 1] START '2024-01-01T00:00:00Z' STOP " + "'2024-01-02T00:00:00Z'")
                        .code())
                .isZero();
        assertThat(cti("pattern", "validate", "[x:y = 1] START '2024-01-01T00:00:00Z' STOP '2024-01-02T00:00:00Z'")
                        .code())
                .as("2.1 needs t'...'")
                .isEqualTo(1);
        assertThat(cti("pattern", "validate", "--spec", "3.0", "[x:y = 1]").code())
                .isEqualTo(2);
    }

    @Test
    void match_printsMatchOrNomatch(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("b.json"), BUNDLE);
        Run yes = cti("pattern", "match", "[ipv4-addr:value ISSUBSET '198.51.100.0/24']", f.toString());
        assertThat(yes.code()).isZero();
        assertThat(yes.out()).isEqualTo("match" + System.lineSeparator());
        Run no = cti("pattern", "match", "[ipv4-addr:value = '203.0.113.1']", f.toString());
        assertThat(no.code()).isZero();
        assertThat(no.out()).isEqualTo("nomatch" + System.lineSeparator());
        Path array = Files.writeString(dir.resolve("a.json"), "[" + BUNDLE + "," + BUNDLE + "]");
        assertThat(cti("pattern", "match", "[ipv4-addr:value = '198.51.100.3']", array.toString())
                        .out())
                .startsWith("match");
    }

    @Test
    void match_stix20(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("o.json"), OBSERVED_20);
        Run r = cti("pattern", "match", "--spec", "2.0", "[file:name = 'foo.exe']", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("match");
    }

    @Test
    void match_badPattern_exits1_unreadableFile_exits2(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("b.json"), BUNDLE);
        assertThat(cti("pattern", "match", "[ipv4-addr:value = ]", f.toString()).code())
                .isEqualTo(1);
        assertThat(cti("pattern", "match", "[x:t = t'2024-01-01T00:00:00Z']", f.toString())
                        .code())
                .as("nothing to evaluate against: no x objects")
                .isZero();
        assertThat(cti(
                                "pattern",
                                "match",
                                "[ipv4-addr:value = 'x']",
                                dir.resolve("missing.json").toString())
                        .code())
                .isEqualTo(2);
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"type\": ");
        assertThat(cti("pattern", "match", "[ipv4-addr:value = 'x']", broken.toString())
                        .code())
                .isEqualTo(2);
    }

    @Test
    void match_evaluationError_exits1(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("b.json"), BUNDLE);
        Run r = cti("pattern", "match", "[ipv4-addr:value = t'2024-01-01T00:00:00Z']", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("not a STIX timestamp");
    }
}
