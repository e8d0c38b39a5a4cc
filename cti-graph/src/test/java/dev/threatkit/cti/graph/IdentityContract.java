package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.Fixtures.MITRE;
import static dev.threatkit.cti.graph.Fixtures.OTHER_AUTHOR;
import static dev.threatkit.cti.graph.Fixtures.identity;
import static dev.threatkit.cti.graph.Fixtures.load;
import static dev.threatkit.cti.graph.Fixtures.malware;
import static dev.threatkit.cti.graph.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.ids.DeterministicIds;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identity resolution: by id, known ids, standard id, alias and hash; and the kept-apart rule. */
interface IdentityContract extends StoreContract {
    String T = "2021-01-01T00:00:00.000Z";

    @Test
    default void differentAuthorsSameNameMergeIntoOneObject(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            assertThat(cti.backend()).isEqualTo(backend().name());
            load(cti, identity(MITRE, "MITRE"), identity(OTHER_AUTHOR, "Other"));
            load(cti, malware("malware--" + uuid(1), "Emotet", MITRE, T, "'aliases':['Geodo']"));
            ImportReport r = load(
                    cti,
                    malware(
                            "malware--" + uuid(2),
                            "emotet ",
                            OTHER_AUTHOR,
                            T,
                            "'aliases':['Heodo'],'labels':['banker']"));
            assertThat(r.created()).isZero();
            assertThat(r.updated()).isEqualTo(1);
            assertThat(cti.stats().get("malware")).isEqualTo(1);
            StixObject stored = cti.get("malware--" + uuid(2), Caller.ADMIN).orElseThrow();
            assertThat(stored.id()).isEqualTo("malware--" + uuid(1));
            assertThat(stored.getStrings("aliases")).containsExactly("Geodo", "Heodo");
            assertThat(stored.getStrings("labels")).containsExactly("banker");
            assertThat(stored.getStrings("x_opencti_stix_ids")).containsExactly("malware--" + uuid(2));
            assertThat(stored.createdByRef()).isEqualTo(MITRE); // replaced only on strictly higher confidence
            assertThat(cti.suggestions()).isEmpty();
        }
    }

    @Test
    default void sameAuthorDifferentIdsStayApartWithASuggestion(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(cti, identity(MITRE, "MITRE"));
            load(
                    cti,
                    malware(
                            "malware--" + uuid(1),
                            "TEXTMATE",
                            MITRE,
                            T,
                            "'x_mitre_aliases':['TEXTMATE','DNSMessenger']"));
            ImportReport r = load(
                    cti,
                    malware(
                            "malware--" + uuid(2),
                            "POWERSOURCE",
                            MITRE,
                            T,
                            "'x_mitre_aliases':['POWERSOURCE','DNSMessenger']"));
            assertThat(r.created()).isEqualTo(1);
            assertThat(cti.stats().get("malware")).isEqualTo(2);
            assertThat(cti.suggestions()).singleElement().satisfies(s -> {
                assertThat(s.ids()).containsExactly("malware--" + uuid(1), "malware--" + uuid(2));
                assertThat(s.names()).containsExactly("TEXTMATE", "POWERSOURCE");
                assertThat(s.reason()).contains(MITRE);
            });
        }
    }

    @Test
    default void sameImportDifferentIdsStayApart(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            ImportReport r = load(
                    cti,
                    malware("malware--" + uuid(1), "Dridex", null, T, null),
                    malware("malware--" + uuid(2), "Dridex", null, T, null));
            assertThat(r.created()).isEqualTo(2);
            assertThat(cti.suggestions())
                    .singleElement()
                    .satisfies(s -> assertThat(s.reason()).contains("one import"));
            // A later import from elsewhere matches the first stored one and is merged into it.
            ImportReport later = load(cti, malware("malware--" + uuid(3), "dridex", null, T, null));
            assertThat(later.updated()).isEqualTo(1);
            assertThat(cti.get("malware--" + uuid(3), Caller.ADMIN)
                            .orElseThrow()
                            .id())
                    .isEqualTo("malware--" + uuid(1));
        }
    }

    @Test
    default void revokedObjectsAreNeverMatchedByNameOrAlias(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(cti, malware("malware--" + uuid(1), "Darkmoon", null, T, "'revoked':true"));
            ImportReport r = load(cti, malware("malware--" + uuid(2), "Darkmoon", null, T, null));
            assertThat(r.created()).isEqualTo(1);
            ImportReport revokedIncoming =
                    load(cti, malware("malware--" + uuid(3), "Darkmoon", null, T, "'revoked':true"));
            assertThat(revokedIncoming.created()).isEqualTo(1);
            assertThat(cti.stats().get("malware")).isEqualTo(3);
        }
    }

    @Test
    default void attackIdsKeepSameNamedTechniquesApartAndCapecPhishingApartFromT1566(@TempDir Path dir) {
        String t1566 = "{'type':'attack-pattern','spec_version':'2.1','id':'attack-pattern--" + uuid(1) + "',"
                + "'created':'" + T + "','modified':'" + T + "','name':'Phishing',"
                + "'external_references':[{'source_name':'mitre-attack','external_id':'T1566'}]}";
        String capec = "{'type':'attack-pattern','spec_version':'2.1','id':'attack-pattern--" + uuid(2) + "',"
                + "'created':'" + T + "','modified':'" + T + "','name':'Phishing',"
                + "'external_references':[{'source_name':'capec','external_id':'CAPEC-98'}]}";
        String dns1 = "{'type':'attack-pattern','spec_version':'2.1','id':'attack-pattern--" + uuid(3) + "',"
                + "'created':'" + T + "','modified':'" + T + "','name':'DNS',"
                + "'external_references':[{'source_name':'mitre-attack','external_id':'T1071.004'}]}";
        String dns2 = "{'type':'attack-pattern','spec_version':'2.1','id':'attack-pattern--" + uuid(4) + "',"
                + "'created':'" + T + "','modified':'" + T + "','name':'DNS',"
                + "'external_references':[{'source_name':'mitre-attack','external_id':'T1590.002'}]}";
        try (Cti cti = open(dir)) {
            load(cti, t1566, dns1);
            ImportReport r = load(cti, capec, dns2);
            assertThat(r.created()).isEqualTo(2);
            assertThat(cti.stats().get("attack-pattern")).isEqualTo(4);
            assertThat(cti.get("T1566", Caller.ADMIN).orElseThrow().id()).isEqualTo("attack-pattern--" + uuid(1));
            assertThat(cti.get("capec-98", Caller.ADMIN).orElseThrow().id()).isEqualTo("attack-pattern--" + uuid(2));
        }
    }

    @Test
    default void observablesMatchByAnySharedHashAndAreFoundByHashValue(@TempDir Path dir) {
        String md5 = "d41d8cd98f00b204e9800998ecf8427e";
        String sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    "{'type':'file','spec_version':'2.1','id':'file--" + uuid(1) + "','hashes':{'MD5':'" + md5 + "'}}");
            ImportReport r = load(
                    cti,
                    "{'type':'file','spec_version':'2.1','id':'file--" + uuid(2) + "','hashes':{" + "'MD5':'" + md5
                            + "','SHA-256':'" + sha256 + "'},'name':'empty.bin'}");
            assertThat(r.updated()).isEqualTo(1);
            StixObject f = cti.get(sha256.toUpperCase(), Caller.ADMIN).orElseThrow();
            assertThat(f.id()).isEqualTo("file--" + uuid(1));
            assertThat(f.getObject("hashes")).containsKeys("MD5", "SHA-256");
            assertThat(f.getString("name")).isEqualTo("empty.bin");
        }
    }

    @Test
    default void foundByStandardIdAndByEveryKnownId(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    malware(
                            "malware--" + uuid(1),
                            "Ryuk",
                            null,
                            T,
                            "'x_opencti_stix_ids':['malware--" + uuid(9) + "']"));
            String standard = DeterministicIds.builtIn()
                    .compute(Fixtures.obj(malware("malware--" + uuid(5), "Ryuk", null, T, null)))
                    .id();
            assertThat(cti.get(standard, Caller.ADMIN)).isPresent();
            assertThat(cti.get("malware--" + uuid(9), Caller.ADMIN)
                            .orElseThrow()
                            .id())
                    .isEqualTo("malware--" + uuid(1));
            // An import under a known id is the same object.
            ImportReport r = load(cti, malware("malware--" + uuid(9), "Ryuk", null, "2022-01-01T00:00:00.000Z", null));
            assertThat(r.updated()).isEqualTo(1);
            assertThat(cti.stats().get("malware")).isEqualTo(1);
        }
    }
}
