package dev.threatkit.cti.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.ids.DeterministicIds;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.validation.StixValidator;
import dev.threatkit.cti.validation.ValidationOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StixRegistryTest {
    private final StixRegistry registry = StixRegistry.builtIn();

    @Test
    void builtIn_describesEveryTypeTheIssueNames() {
        List<String> sdos = List.of(
                "attack-pattern",
                "campaign",
                "course-of-action",
                "grouping",
                "identity",
                "incident",
                "indicator",
                "infrastructure",
                "intrusion-set",
                "location",
                "malware",
                "malware-analysis",
                "note",
                "observed-data",
                "opinion",
                "report",
                "threat-actor",
                "tool",
                "vulnerability");
        List<String> scos = List.of(
                "artifact",
                "autonomous-system",
                "directory",
                "domain-name",
                "email-addr",
                "email-message",
                "file",
                "ipv4-addr",
                "ipv6-addr",
                "mac-addr",
                "mutex",
                "network-traffic",
                "process",
                "software",
                "url",
                "user-account",
                "windows-registry-key",
                "x509-certificate");
        List<String> attack = List.of(
                "x-mitre-tactic",
                "x-mitre-matrix",
                "x-mitre-data-source",
                "x-mitre-data-component",
                "x-mitre-collection",
                "x-mitre-asset",
                "x-mitre-analytic",
                "x-mitre-detection-strategy");
        List<String> opencti = List.of(
                "case-incident",
                "case-rfi",
                "case-rft",
                "feedback",
                "task",
                "channel",
                "narrative",
                "event",
                "language",
                "data-source",
                "data-component",
                "security-coverage",
                "cryptographic-key",
                "cryptocurrency-wallet",
                "hostname",
                "text",
                "user-agent",
                "bank-account",
                "phone-number",
                "credential",
                "tracking-number",
                "payment-card",
                "media-content",
                "persona",
                "ssh-key",
                "ai-prompt");
        sdos.forEach(t -> assertThat(registry.type(t).category()).as(t).isEqualTo(Category.SDO));
        scos.forEach(t -> assertThat(registry.type(t).category()).as(t).isEqualTo(Category.SCO));
        attack.forEach(t -> assertThat(registry.type(t)).as(t).isNotNull());
        opencti.forEach(t -> assertThat(registry.type(t)).as(t).isNotNull());
        for (String t : List.of("relationship", "sighting")) {
            assertThat(registry.type(t).category()).isEqualTo(Category.SRO);
        }
        for (String t : List.of("marking-definition", "language-content", "extension-definition")) {
            assertThat(registry.type(t).category()).isEqualTo(Category.META);
        }
        assertThat(registry.type("bundle").category()).isEqualTo(Category.BUNDLE);
        for (String ext : List.of(
                "archive-ext",
                "ntfs-ext",
                "pdf-ext",
                "raster-image-ext",
                "windows-pebinary-ext",
                "http-request-ext",
                "icmp-ext",
                "socket-ext",
                "tcp-ext",
                "windows-process-ext",
                "windows-service-ext",
                "unix-account-ext")) {
            assertThat(registry.extension(ext)).as(ext).isNotNull();
        }
        assertThat(registry.modules()).containsExactly("stix-2.1", "mitre-attack", "opencti");
    }

    @Test
    void propertySpecs_carryKindRequiredIdRefsAndVocabulary() {
        TypeDef file = registry.type("file");
        assertThat(file.stixIdProperties())
                .containsExactlyInAnyOrder("hashes", "name", "extensions", "parent_directory_ref");
        assertThat(file.property("parent_directory_ref").refs()).containsExactly("directory");
        TypeDef malware = registry.type("malware");
        assertThat(malware.property("malware_types").vocabulary()).isEqualTo("malware-type-ov");
        assertThat(malware.property("created_by_ref").refs()).containsExactly("identity");
        assertThat(malware.requiredProperties()).contains("type", "id", "created", "modified", "is_family");
        assertThat(registry.vocabulary("malware-type-ov").contains("ransomware"))
                .isTrue();
        assertThat(registry.type("attack-pattern").property("x_mitre_platforms"))
                .isNotNull();
    }

    @Test
    void entityTypes_followOpenCti() {
        EntityTypeRule identity = registry.type("identity").entityType();
        assertThat(identity.resolve("class")).isEqualTo("Sector");
        assertThat(identity.resolve("individual")).isEqualTo("Individual");
        assertThat(identity.resolve("system")).isEqualTo("System");
        assertThat(identity.resolve("organization")).isEqualTo("Organization");
        assertThat(registry.entityType(StixJson.parseObject("{\"type\":\"threat-actor\",\"name\":\"a\"}")))
                .isEqualTo("Threat-Actor-Group");
        assertThat(registry.entityType(StixJson.parseObject("{\"type\":\"location\",\"city\":\"Paris\"}")))
                .isEqualTo("City");
        assertThat(registry.entityType(StixJson.parseObject("{\"type\":\"identity\",\"identity_class\":\"class\"}")))
                .isEqualTo("Sector");
        assertThat(registry.entityType(StixJson.parseObject("{\"type\":\"x-acme\"}")))
                .isNull();
        assertThat(registry.type("x-mitre-data-source").entityType().resolve((String) null))
                .isEqualTo("Data-Source");
    }

    @Test
    void customTypes_registerFromAFile_andValidate(@TempDir Path dir) throws IOException {
        Path module = Files.writeString(
                dir.resolve("acme.json"),
                "{\"module\":\"acme\",\"types\":{\"x-acme-ticket\":"
                        + "{\"category\":\"sdo\",\"standard_id\":[[\"name\"]],\"properties\":{\"name\":{\"kind\":\"string\","
                        + "\"required\":true},\"x_acme_priority\":{\"kind\":\"integer\",\"min\":1,\"max\":5}}}}}");
        StixRegistry custom = StixRegistry.builder().load(module).build();
        assertThat(custom.type("x-acme-ticket").module()).isEqualTo("acme");
        StixValidator v = StixValidator.of(custom, ValidationOptions.DEFAULT);
        String ticket = "{\"type\":\"x-acme-ticket\",\"spec_version\":\"2.1\",\"id\":"
                + "\"x-acme-ticket--31b940d4-6f7f-459a-80ea-9c1f17b5891b\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"T-1\",\"x_acme_priority\":3}";
        assertThat(v.validate(StixJson.parseObject(ticket)).valid()).isTrue();
        assertThat(v.validate(StixJson.parseObject(ticket.replace("\"name\":\"T-1\",", "")))
                        .errors())
                .extracting(x -> x.path())
                .containsExactly("name");
        assertThat(new DeterministicIds(custom)
                        .compute(StixJson.parseObject(ticket))
                        .canonicalName())
                .isEqualTo("{\"name\":\"t-1\"}");
    }

    @Test
    void badSchemaFiles_sayWhereAndWhat() {
        assertThatThrownBy(() -> StixRegistry.builder()
                        .load(
                                new ByteArrayInputStream(("{\"module\":\"m\",\"types\":{\"x-a\":{\"category\":\"sdo\","
                                                + "\"properties\":{\"p\":{\"kind\":\"strnig\"}}}}}")
                                        .getBytes(StandardCharsets.UTF_8)),
                                "m.json"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("m.json at types.x-a.properties.p.kind")
                .hasMessageContaining("string");
        assertThatThrownBy(() -> StixRegistry.builder()
                        .load(new ByteArrayInputStream("{\"types\":{}}".getBytes(StandardCharsets.UTF_8)), "n.json"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("module");
    }

    @Test
    void openctiPrefixedTypes_areAliasesOfTheirTypes() {
        assertThat(registry.type("x-opencti-case-incident")).isSameAs(registry.type("case-incident"));
        String incident = "{\"type\":\"x-opencti-case-incident\",\"spec_version\":\"2.1\",\"id\":"
                + "\"x-opencti-case-incident--31b940d4-6f7f-459a-80ea-9c1f17b5891b\",\"created\":"
                + "\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"Case\","
                + "\"severity\":\"high\"}";
        assertThat(StixValidator.builtIn()
                        .validate(StixJson.parseObject(incident))
                        .errors())
                .isEmpty();
        assertThat(DeterministicIds.builtIn()
                        .compute(StixJson.parseObject(incident))
                        .id())
                .startsWith("case-incident--");
    }
}
