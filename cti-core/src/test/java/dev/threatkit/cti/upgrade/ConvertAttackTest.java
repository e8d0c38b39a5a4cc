package dev.threatkit.cti.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.testing.JacksonObjects;
import dev.threatkit.cti.testing.Json;
import dev.threatkit.cti.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MITRE's 2.0 release of ATT&amp;CK, upgraded, equals MITRE's 2.1 release object by object. */
class ConvertAttackTest {
    private final Stix20Upgrader upgrader = Stix20Upgrader.builtIn();

    @Test
    void enterprise18_20upgradedEquals21() throws IOException {
        assertUpgradeEquals(
                "mitre-attack-enterprise/enterprise-attack-18.1.stix20.json.gz",
                "mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz",
                24_771);
    }

    @Test
    void mobile18_20upgradedEquals21() throws IOException {
        assertUpgradeEquals(
                "mitre-attack-mobile/mobile-attack-18.1.stix20.json",
                "mitre-attack-mobile/mobile-attack-18.1.stix21.json",
                2_535);
    }

    private void assertUpgradeEquals(String v20, String v21, int count) throws IOException {
        List<JsonNode> expected = JacksonObjects.read(SharedData.file(v21));
        Path source = SharedData.file(v20);
        int i = 0;
        try (StixReader reader = StixReader.open(source)) {
            boolean stix20 = "2.0".equals(reader.bundleProperties().get("spec_version"));
            assertThat(stix20).isTrue();
            while (reader.hasNext()) {
                StixObject o = reader.next();
                assertThat(Stix20Upgrader.isStix20(o, true)).isTrue();
                StixObject upgraded = upgrader.upgrade(o).upgraded();
                assertThat(Json.tree(StixJson.toJson(upgraded))).as(o.id()).isEqualTo(expected.get(i));
                // key order too, as MITRE writes it
                List<String> keys = new java.util.ArrayList<>();
                expected.get(i).fieldNames().forEachRemaining(keys::add);
                assertThat(upgraded.properties().keys()).as(o.id()).containsExactlyElementsOf(keys);
                i++;
            }
        }
        assertThat(i).isEqualTo(count).isEqualTo(expected.size());
    }
}
