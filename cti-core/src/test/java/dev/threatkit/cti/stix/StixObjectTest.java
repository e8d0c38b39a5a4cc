package dev.threatkit.cti.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StixObjectTest {
    private static final StixObject PHISHING = StixJson.parseObject("{\"type\":\"attack-pattern\",\"spec_version\":"
            + "\"2.1\",\"id\":\"attack-pattern--a62a8db3-f23a-4d8f-afd6-9dbc77e7813b\",\"created\":"
            + "\"2020-03-02T18:45:07.892Z\",\"modified\":\"2025-04-15T19:58:33.432Z\",\"name\":\"Phishing\","
            + "\"confidence\":80,\"labels\":[\"a\",7],\"x_acme_score\":4.5,\"external_references\":[{\"source_name\":"
            + "\"mitre-attack\",\"external_id\":\"T1566\"}],\"kill_chain_phases\":[{\"kill_chain_name\":\"mitre-attack\","
            + "\"phase_name\":\"initial-access\"}]}");

    @Test
    void typedAccessors_readSpecAndCustomProperties() {
        assertThat(PHISHING.type()).isEqualTo("attack-pattern");
        assertThat(PHISHING.createdAt()).isEqualTo(Instant.parse("2020-03-02T18:45:07.892Z"));
        assertThat(PHISHING.confidence()).isEqualTo(80L);
        assertThat(PHISHING.labels()).containsExactly("a");
        assertThat(PHISHING.externalId("mitre-attack")).isEqualTo("T1566");
        assertThat(PHISHING.killChainPhases())
                .extracting(k -> k.getString("phase_name"))
                .containsExactly("initial-access");
        assertThat(PHISHING.get(PropertyKey.of("x_acme_score", Double.class))).isEqualTo(4.5);
        assertThat(PHISHING.get(PropertyKey.of("confidence", Double.class))).isEqualTo(80.0);
        assertThat(PHISHING.get(PropertyKey.of("name", Long.class))).isNull();
        assertThat(PHISHING.getTimestamp("name")).isNull();
    }

    @Test
    void builders_copyOnChange_andKeepOrder() {
        StixObject renamed = PHISHING.toBuilder()
                .put("name", "Spearphishing")
                .remove("labels")
                .build();
        assertThat(PHISHING.name()).isEqualTo("Phishing");
        assertThat(renamed.name()).isEqualTo("Spearphishing");
        assertThat(renamed.properties().keys()).startsWith("type", "spec_version", "id", "created", "modified", "name");
        assertThat(renamed.has("labels")).isFalse();
        StixObject built = StixObject.builder("malware")
                .id("malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b")
                .put("is_family", true)
                .put("aliases", List.of("X", "Y"))
                .put("x_meta", Map.of("k", 1))
                .build();
        assertThat(built.toString())
                .isEqualTo("{\"type\":\"malware\",\"id\":\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\","
                        + "\"is_family\":true,\"aliases\":[\"X\",\"Y\"],\"x_meta\":{\"k\":1}}");
        assertThat(built.aliases()).containsExactly("X", "Y");
        assertThat(StixJson.parseObject(built.toString())).isEqualTo(built);
    }

    @Test
    void valuesAreImmutable() {
        assertThatThrownBy(() -> PHISHING.getList("labels").add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> PHISHING.properties().put("name", "x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> PropertyKey.of("x", Integer.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
