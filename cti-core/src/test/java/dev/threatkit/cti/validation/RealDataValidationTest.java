package dev.threatkit.cti.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The public datasets: ATT&amp;CK, CAPEC, the OASIS examples and the Unit 42 playbooks validate without errors;
 * the OpenCTI test bundles and the Attack Flow corpus, which break MUST rules, get exactly the errors pinned in
 * {@code src/test/resources/pinned-errors} (regenerate with {@code -Dcti.pin=true} after a deliberate change,
 * and review the diff).
 */
class RealDataValidationTest {
    private static final FileValidator VALIDATOR = new FileValidator(StixValidator.builtIn());
    private static final Path PINNED = Path.of("src/test/resources/pinned-errors");

    @TestFactory
    Stream<DynamicTest> cleanDatasets_haveNoErrors() throws IOException {
        Path data = SharedData.root();
        List<Path> files = new ArrayList<>(List.of(
                data.resolve("mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz"),
                data.resolve("mitre-attack-enterprise/enterprise-attack-18.1.stix20.json.gz"),
                data.resolve("mitre-attack-enterprise/enterprise-attack-17.1.stix21.json.gz"),
                data.resolve("mitre-attack-mobile/mobile-attack-18.1.stix21.json"),
                data.resolve("mitre-attack-mobile/mobile-attack-18.1.stix20.json"),
                data.resolve("mitre-attack-mobile/mobile-attack-17.1.json"),
                data.resolve("mitre-attack-ics/ics-attack-18.1.json"),
                data.resolve("mitre-attack-ics/ics-attack-17.1.json"),
                data.resolve("mitre-capec/stix-capec-3.9.stix21.json")));
        files.addAll(jsonFiles(data.resolve("stix-bundles/oasis-cti-documentation")));
        files.addAll(jsonFiles(data.resolve("stix-bundles/unit42-playbooks")));
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(data.relativize(f).toString(), () -> {
                    FileValidator.Report r = VALIDATOR.validate(f);
                    assertThat(r.failure()).isNull();
                    assertThat(r.objects()).isPositive();
                    assertThat(r.errors()).as(f.toString()).isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> brokenDatasets_getExactlyThePinnedErrors() throws IOException {
        Path data = SharedData.root();
        List<Path> files = new ArrayList<>(jsonFiles(data.resolve("stix-bundles/attack-flow-corpus")));
        try (Stream<Path> s = Files.walk(data.resolve("opencti"))) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        boolean pin = Boolean.getBoolean("cti.pin");
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(data.relativize(f).toString(), () -> {
                    FileValidator.Report r = VALIDATOR.validate(f);
                    String actual = describe(r);
                    Path golden = PINNED.resolve(data.relativize(f).toString().replace('/', '_') + ".txt");
                    if (pin) {
                        Files.writeString(golden, actual, StandardCharsets.UTF_8);
                    }
                    assertThat(golden)
                            .as("pinned errors for " + f + " (run with -Dcti.pin=true to create)")
                            .exists();
                    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
                }));
    }

    private static String describe(FileValidator.Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append("objects ").append(r.objects()).append('\n');
        if (r.failure() != null) {
            sb.append("unreadable ").append(r.failure().reason()).append('\n');
        }
        for (Violation v : r.errors()) {
            sb.append(v.path()).append(": ").append(v.message()).append('\n');
        }
        return sb.toString();
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }
}
