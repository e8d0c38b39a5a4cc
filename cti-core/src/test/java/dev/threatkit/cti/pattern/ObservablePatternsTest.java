package dev.threatkit.cti.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.testing.SharedData;
import dev.threatkit.cti.validation.StixValidator;
import dev.threatkit.cti.validation.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservablePatternsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ipv4-addr|value|198.51.100.7|[ipv4-addr:value = '198.51.100.7']",
                "ipv4-addr|value|198.51.100.0/24|[ipv4-addr:value = '198.51.100.0/24']",
                "ipv6-addr|value|2001:db8::1|[ipv6-addr:value = '2001:db8::1']",
                "domain-name|value|evil.example|[domain-name:value = 'evil.example']",
                "hostname|value|ws-042|[hostname:value = 'ws-042']",
                "url|value|http://evil.example/a'b|[url:value = 'http://evil.example/a\\'b']",
                "email-addr|value|ceo@evil.example|[email-addr:value = 'ceo@evil.example']",
                "mutex|name|Global\\Pikabot|[mutex:name = 'Global\\\\Pikabot']",
                "windows-registry-key|key|HKEY_LOCAL_MACHINE\\Run|[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Run']",
                "user-agent|value|Mozilla/5.0 (evil)|[user-agent:value = 'Mozilla/5.0 (evil)']",
                "x509-certificate|serial_number|36:f7:d4:32|[x509-certificate:serial_number = '36:f7:d4:32']",
            })
    void observableToPatternAndBack(String type, String property, String value, String expected) {
        StixProperties observable =
                StixProperties.builder().put("type", type).put(property, value).build();
        String pattern = ObservablePatterns.toPattern(observable).orElseThrow();
        assertThat(pattern).isEqualTo(expected);
        Pattern parsed = Pattern.parse(pattern);
        assertThat(matches(parsed, observable)).isTrue();
        List<StixProperties> back = ObservablePatterns.toObservables(parsed);
        assertThat(back).singleElement().satisfies(o -> {
            assertThat(o.get("type")).isEqualTo(type);
            assertThat(o.get(property)).isEqualTo(value);
        });
    }

    @Test
    void autonomousSystemAndFiles() {
        StixProperties as = StixProperties.builder()
                .put("type", "autonomous-system")
                .put("number", 64496L)
                .build();
        assertThat(ObservablePatterns.toPattern(as)).hasValue("[autonomous-system:number = 64496]");
        StixProperties file = StixProperties.builder()
                .put("type", "file")
                .put("name", "invoice.exe")
                .put(
                        "hashes",
                        StixProperties.builder()
                                .put("MD5", "cead3f77f6cda6ec00f57d76c9a6879f")
                                .put("SHA-256", "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f")
                                .build())
                .build();
        String p = ObservablePatterns.toPattern(file).orElseThrow();
        assertThat(p)
                .isEqualTo("[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'"
                        + " OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']");
        assertThat(matches(Pattern.parse(p), file)).isTrue();
        List<StixProperties> back = ObservablePatterns.toObservables(Pattern.parse(p));
        assertThat(back)
                .hasSize(2)
                .allSatisfy(o -> assertThat(o.getString("id")).startsWith("file--"));
        StixProperties named = StixProperties.builder()
                .put("type", "file")
                .put("name", "a.dll")
                .build();
        assertThat(ObservablePatterns.toPattern(named)).hasValue("[file:name = 'a.dll']");
        assertThat(ObservablePatterns.toPattern(
                        StixProperties.builder().put("type", "process").build()))
                .isEmpty();
    }

    @Test
    void observablesFromAPatternCarryTheirDeterministicIds() {
        Pattern p = Pattern.parse("[file:name = 'a.exe' AND file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']"
                + " OR [ipv4-addr:value ISSUBSET '198.51.100.0/24'] OR [url:value LIKE '%evil%']");
        List<StixProperties> observables = ObservablePatterns.toObservables(p);
        assertThat(observables).hasSize(2);
        assertThat(observables.get(0).getObject("hashes").get("MD5")).isEqualTo("cead3f77f6cda6ec00f57d76c9a6879f");
        assertThat(observables.get(0).get("name")).isEqualTo("a.exe");
        assertThat(observables.get(1).get("value")).isEqualTo("198.51.100.0/24");
        StixValidator validator = StixValidator.builtIn();
        for (StixProperties o : observables) {
            ValidationResult r = validator.validate(StixObject.of(o));
            assertThat(r.errors()).as(o.toString()).isEmpty();
        }
    }

    /** Every STIX pattern of the indicators in ../shared/data parses, and gives valid observables. */
    @Test
    void indicatorPatternsOfTheSharedBundles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("stix-bundles", "opencti")) {
            try (Stream<Path> walk = Files.walk(SharedData.file(dir))) {
                walk.filter(f -> f.toString().endsWith(".json")).forEach(files::add);
            }
        }
        StixValidator validator = StixValidator.builtIn();
        int patterns = 0;
        int observables = 0;
        for (Path f : files) {
            try (StixReader reader = StixReader.open(f)) {
                while (reader.hasNext()) {
                    StixObject o = reader.next();
                    String text = o.properties().getString("pattern");
                    String type = o.properties().getString("pattern_type");
                    if (!"indicator".equals(o.type()) || text == null || (type != null && !type.equals("stix"))) {
                        continue;
                    }
                    PatternVersion version = "2.0".equals(o.specVersion()) || o.specVersion() == null
                            ? PatternVersion.V2_0
                            : PatternVersion.V2_1;
                    Pattern p = Pattern.parse(text, version);
                    patterns++;
                    for (StixProperties sco : ObservablePatterns.toObservables(p)) {
                        observables++;
                        // values are the indicator's own (emotet.json has a URL without a scheme,
                        // fighting-ursa.json a registry key under "HKCU"): only what the conversion adds
                        // must be valid
                        assertThat(validator.validate(StixObject.of(sco)).errors())
                                .as(f + " " + text)
                                .allSatisfy(v -> assertThat(v.path()).isNotIn("type", "spec_version", "id", ""));
                    }
                }
            } catch (dev.threatkit.cti.stix.StixParseException notStix) {
                // the directories hold a few files that are not STIX (CSV mapper configs): not ours to check here
            }
        }
        assertThat(patterns).isGreaterThan(50);
        assertThat(observables).isGreaterThan(50);
    }

    private static boolean matches(Pattern p, StixProperties observable) {
        ObservedData data = new ObservedData(null, T, T, 1, Map.of("0", observable));
        return PatternMatcher.match(p, List.of(data)).matched();
    }
}
