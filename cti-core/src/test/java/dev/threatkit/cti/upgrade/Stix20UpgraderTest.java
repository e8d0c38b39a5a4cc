package dev.threatkit.cti.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.validation.FileValidator;
import dev.threatkit.cti.validation.StixValidator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Stix20UpgraderTest {
    private final Stix20Upgrader upgrader = Stix20Upgrader.builtIn();

    private StixObject up(String json) {
        return upgrader.upgrade(StixJson.parseObject(json)).upgraded();
    }

    @Test
    void labels_moveToTheirTypesProperty_typeNameIsDropped_othersStay() {
        StixObject malware = up("{\"type\":\"malware\",\"id\":\"malware--1\",\"name\":\"x\",\"description\":\"d\","
                + "\"labels\":[\"malware\",\"ransomware\",\"acme-tag\"]}");
        assertThat(malware.properties().keys())
                .containsExactly(
                        "type", "spec_version", "id", "name", "description", "is_family", "labels", "malware_types");
        assertThat(malware.getStrings("malware_types")).containsExactly("ransomware");
        assertThat(malware.labels()).containsExactly("acme-tag");
        assertThat(malware.getBoolean("is_family")).isTrue();
        StixObject tool = up("{\"type\":\"tool\",\"id\":\"tool--1\",\"labels\":[\"tool\"]}");
        assertThat(tool.has("labels")).isFalse();
        assertThat(tool.has("tool_types")).isFalse();
    }

    @Test
    void indicators_getPatternTypeAndTimestampQualifiers() {
        StixObject i = up("{\"type\":\"indicator\",\"id\":\"indicator--1\",\"pattern\":\"[file:name = 'a'] START "
                + "'2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'\",\"labels\":[\"malicious-activity\"]}");
        assertThat(i.getString("pattern_type")).isEqualTo("stix");
        assertThat(i.getString("pattern")).contains("START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'");
        assertThat(i.getStrings("indicator_types")).containsExactly("malicious-activity");
    }

    @Test
    void oneElementListsBecomeStrings() {
        StixObject identity = up(
                "{\"type\":\"identity\",\"id\":\"identity--1\",\"name\":\"n\",\"identity_class\":" + "[\"unknown\"]}");
        assertThat(identity.getString("identity_class")).isEqualTo("unknown");
    }

    @Test
    void observableContainers_areLiftedWithDeterministicIds() {
        Stix20Upgrader.Result r = upgrader.upgrade(StixJson.parseObject("{\"type\":\"observed-data\",\"id\":"
                + "\"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf\",\"objects\":{\"0\":{\"type\":\"file\","
                + "\"name\":\"x.exe\",\"parent_directory_ref\":\"1\",\"created\":\"2015-12-21T19:00:00Z\"},\"1\":"
                + "{\"type\":\"directory\",\"path\":\"/tmp\"}}}"));
        assertThat(r.objects()).hasSize(3);
        assertThat(r.origins()).containsExactly("objects.1", "objects.0", "");
        StixObject directory = r.objects().get(0);
        StixObject file = r.objects().get(1);
        assertThat(directory.id()).isEqualTo("directory--9d5142ea-3041-5292-b76f-5b9091552621");
        assertThat(file.getString("parent_directory_ref")).isEqualTo(directory.id());
        assertThat(file.getString("ctime")).isEqualTo("2015-12-21T19:00:00Z");
        assertThat(r.upgraded().getStrings("object_refs")).containsExactly(file.id(), directory.id());
        assertThat(r.upgraded().has("objects")).isFalse();
    }

    @Test
    void fileValidation_reportsLiftedObservablesAtTheirOriginalPlace() {
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"spec_version\":"
                + "\"2.0\",\"objects\":[{\"type\":\"observed-data\",\"id\":\"observed-data--b67d30ff-02ac-498a-92f9-"
                + "32f845f448cf\",\"created\":\"2016-04-06T19:58:16.000Z\",\"modified\":\"2016-04-06T19:58:16.000Z\","
                + "\"first_observed\":\"2015-12-21T19:00:00Z\",\"last_observed\":\"2015-12-21T19:00:00Z\","
                + "\"number_observed\":1,\"objects\":{\"0\":{\"type\":\"file\",\"hashes\":{\"MD5\":\"zz\"}}}}]}";
        FileValidator.Report report = new FileValidator(StixValidator.builtIn())
                .validate(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), "od");
        assertThat(report.errors()).extracting(v -> v.path()).containsExactly("objects[0].objects.0.hashes.MD5");
    }

    @Test
    void upgradingReader_streamsA20BundleAs21() {
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"spec_version\":"
                + "\"2.0\",\"objects\":[{\"type\":\"tool\",\"id\":\"tool--1\",\"labels\":[\"tool\"]},{\"type\":"
                + "\"observed-data\",\"id\":\"observed-data--2\",\"objects\":{\"0\":{\"type\":\"mutex\",\"name\":"
                + "\"m\"}}},{\"type\":\"mutex\",\"spec_version\":\"2.1\",\"id\":\"mutex--3\",\"name\":\"n\"}]}";
        java.util.List<String> types = new java.util.ArrayList<>();
        try (dev.threatkit.cti.stix.StixReader reader = dev.threatkit.cti.stix.StixReader.of(bundle)) {
            upgrader.upgrading(reader).forEachRemaining(o -> {
                assertThat(o.specVersion()).isEqualTo("2.1");
                types.add(o.type());
            });
        }
        assertThat(types).containsExactly("tool", "mutex", "observed-data", "mutex");
    }
}
