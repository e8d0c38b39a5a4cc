package dev.threatkit.cti.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateAndIdentifyTest {
    @Test
    void run_printsOneLinePerObject(@TempDir Path dir) throws IOException {
        Path bundle = dir.resolve("bundle.json");
        Files.writeString(
                bundle,
                "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\","
                        + "\"objects\":[{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":"
                        + "\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\",\"created\":\"2024-01-01T00:00:00.000Z\","
                        + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"TinyTurla\",\"is_family\":true},"
                        + "{\"type\":\"ipv4-addr\",\"value\":\"94.177.198.94\",\"id\":"
                        + "\"ipv4-addr--fb121ffa-0e50-5d39-bf28-b1acbd3dc750\"}]}");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int invalid = ValidateAndIdentify.run(bundle, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        assertThat(invalid).isZero();
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .contains("malware TinyTurla valid=true standard_id=malware--497fe074-67e0-5640-b7a5-af2e36a5e1db")
                .contains("standard_id=ipv4-addr--fb121ffa-0e50-5d39-bf28-b1acbd3dc750");
    }
}
