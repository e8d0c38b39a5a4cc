package dev.threatkit.cti.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.pattern.IndicatorIndex;
import dev.threatkit.cti.stix.StixProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchEventsTest {
    @Test
    void alertsOnTheEventThatCarriesAnIndicatorsValue(@TempDir Path dir) throws IOException {
        Path bundle = Files.writeString(
                dir.resolve("indicators.json"),
                "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
                        + "{\"type\":\"indicator\",\"spec_version\":\"2.1\","
                        + "\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
                        + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
                        + "\"pattern\":\"[url:value = 'http://x4z9arb.cn/4712/']\",\"pattern_type\":\"stix\","
                        + "\"valid_from\":\"2024-01-01T00:00:00Z\"}]}");
        IndicatorIndex index = MatchEvents.load(bundle);
        assertThat(index.size()).isEqualTo(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        StixProperties url = StixProperties.builder()
                .put("type", "url")
                .put("value", "http://x4z9arb.cn/4712/")
                .build();
        StixProperties other = StixProperties.builder()
                .put("type", "url")
                .put("value", "https://example.com/")
                .build();
        assertThat(MatchEvents.onEvent(index, List.of(other), Instant.now(), print))
                .isZero();
        assertThat(MatchEvents.onEvent(index, List.of(other, url), Instant.now(), print))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ALERT indicator--8e2e2d2b");
    }
}
