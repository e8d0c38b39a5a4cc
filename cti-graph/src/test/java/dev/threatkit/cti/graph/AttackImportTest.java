package dev.threatkit.cti.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ATT&CK Enterprise 18.1 into an empty store: one stored object per object, and exactly four suggestions. */
class AttackImportTest {
    @TempDir
    Path data;

    @Test
    void enterpriseImportsOneToOneAndKeepsTheFourPairsApart() {
        Path bundle = SharedData.file("mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz");
        Map<String, Integer> expected = new TreeMap<>();
        try (StixReader r = StixReader.open(bundle)) {
            while (r.hasNext()) {
                expected.merge(r.next().type(), 1, Integer::sum);
            }
        }
        try (Cti cti = Cti.builder().dataDirectory(data).build()) {
            ImportReport report = cti.importFiles(List.of(bundle), Caller.ADMIN);
            System.out.println(report.objects() + " objects in " + report.seconds() + " s");
            assertThat(report.rejected()).isEmpty();
            assertThat(report.objects()).isEqualTo(24_771);
            assertThat(report.created()).isEqualTo(24_771);
            assertThat(cti.stats()).isEqualTo(expected);
            List<String> pairs = cti.suggestions().stream()
                    .map(s -> s.names().stream().sorted().collect(Collectors.joining(" + ")))
                    .sorted()
                    .collect(Collectors.toList());
            assertThat(pairs)
                    .containsExactlyInAnyOrder(
                            "Ember Bear + Saint Bear",
                            "Lotus Blossom + Thrip",
                            "POWERSOURCE + TEXTMATE",
                            "More_eggs + SpicyOmelette");

            ImportReport again = cti.importFiles(List.of(bundle), Caller.ADMIN);
            assertThat(again.unchanged()).isEqualTo(24_771);
            assertThat(again.created() + again.updated()).isZero();
            StixObject apt29 = cti.get("intrusion-set--899ce53f-13a0-479b-a0e4-67d46e241542", Caller.ADMIN)
                    .orElseThrow();
            assertThat(apt29.name()).isEqualTo("APT29");
        }
        try (Cti reopened = Cti.builder().dataDirectory(data).build()) {
            assertThat(reopened.stats()).isEqualTo(expected);
            assertThat(reopened.suggestions()).hasSize(4);
            assertThat(reopened.get("G0016", Caller.ADMIN).orElseThrow().name()).isEqualTo("APT29");
            assertThat(reopened.neighbors("G0016", "uses", Direction.OUT, false, Caller.ADMIN)
                            .orElseThrow())
                    .isNotEmpty()
                    .allSatisfy(n -> assertThat(n.relationshipType()).isEqualTo("uses"));
        }
    }

    @Test
    void release171Then181UpgradesInPlace() {
        Path v171 = SharedData.file("mitre-attack-enterprise/enterprise-attack-17.1.stix21.json.gz");
        Path v181 = SharedData.file("mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz");
        try (Cti cti = Cti.builder().dataDirectory(data).build()) {
            ImportReport first = cti.importFiles(List.of(v171), Caller.ADMIN);
            assertThat(first.created()).isEqualTo(first.objects());
            long deprecatedBefore = deprecatedDataSources(cti);
            ImportReport second = cti.importFiles(List.of(v181), Caller.ADMIN);
            assertThat(second.rejected()).isEmpty();
            assertThat(second.created()).isEqualTo(4_241);
            assertThat(second.updated()).isEqualTo(1_225 + 103);
            long sameModified = second.warnings().stream()
                    .filter(w -> w.message().contains("without a newer modified"))
                    .count();
            assertThat(sameModified).isEqualTo(103);
            assertThat(cti.stats().get("relationship")).isEqualTo(20_048 + 2_122);
            assertThat(deprecatedDataSources(cti) - deprecatedBefore).isEqualTo(37);
            ImportReport third = cti.importFiles(List.of(v181), Caller.ADMIN);
            assertThat(third.unchanged()).isEqualTo(third.objects());
        }
    }

    private static long deprecatedDataSources(Cti cti) {
        long[] n = {0};
        cti.forEachObject(Caller.ADMIN, o -> {
            if (o.type().equals("x-mitre-data-source") && Boolean.TRUE.equals(o.getBoolean("x_mitre_deprecated"))) {
                n[0]++;
            }
        });
        return n[0];
    }
}
