package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.markings.Tlp;
import dev.threatkit.cti.stix.StixObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, realistic knowledge base for filter tests: an author, markings (TLP:RED by its well-known id, a
 * statement, PAP:RED), malware, intrusion sets with aliases, an ATT&amp;CK technique, indicators, relationships
 * and a sighting, a report, observables, a revoked object, and a few objects that only a caller allowed TLP:RED
 * may see. Now is {@link #NOW}.
 */
final class FilterFixture {
    static final Instant NOW = Instant.parse("2024-03-20T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String AUTHOR = "identity--0a1b2c3d-0000-4000-8000-000000000001";
    static final String VICTIM = "identity--0a1b2c3d-0000-4000-8000-000000000002";
    static final String SECRET_AUTHOR = "identity--0a1b2c3d-0000-4000-8000-000000000003";
    static final String TLP_RED = Tlp.Level.RED.stixId();
    static final String STATEMENT = "marking-definition--0a1b2c3d-0000-4000-8000-000000000004";
    static final String PAP_RED = "marking-definition--0a1b2c3d-0000-4000-8000-000000000005";
    static final String MIMIKATZ = "malware--0a1b2c3d-0000-4000-8000-000000000010";
    static final String EMOTET = "malware--0a1b2c3d-0000-4000-8000-000000000011";
    static final String HIDDEN_RAT = "malware--0a1b2c3d-0000-4000-8000-000000000012";
    static final String OLDBOT = "malware--0a1b2c3d-0000-4000-8000-000000000013";
    static final String SHADOW = "malware--0a1b2c3d-0000-4000-8000-000000000014";
    static final String APT28 = "intrusion-set--0a1b2c3d-0000-4000-8000-000000000020";
    static final String APT29 = "intrusion-set--0a1b2c3d-0000-4000-8000-000000000021";
    static final String DISCO = "threat-actor--0a1b2c3d-0000-4000-8000-000000000022";
    static final String FRANCE = "location--0a1b2c3d-0000-4000-8000-000000000023";
    static final String DUMPING = "attack-pattern--0a1b2c3d-0000-4000-8000-000000000030";
    static final String IND_HASH = "indicator--0a1b2c3d-0000-4000-8000-000000000040";
    static final String IND_IP = "indicator--0a1b2c3d-0000-4000-8000-000000000041";
    static final String USES_1 = "relationship--0a1b2c3d-0000-4000-8000-000000000050";
    static final String TARGETS = "relationship--0a1b2c3d-0000-4000-8000-000000000051";
    static final String USES_2 = "relationship--0a1b2c3d-0000-4000-8000-000000000052";
    static final String INDICATES = "relationship--0a1b2c3d-0000-4000-8000-000000000053";
    static final String USES_HIDDEN = "relationship--0a1b2c3d-0000-4000-8000-000000000054";
    static final String USES_BY_HIDDEN = "relationship--0a1b2c3d-0000-4000-8000-000000000055";
    static final String SIGHTING = "sighting--0a1b2c3d-0000-4000-8000-000000000060";
    static final String REPORT = "report--0a1b2c3d-0000-4000-8000-000000000070";
    static final String IP = "ipv4-addr--0a1b2c3d-0000-4000-8000-000000000080";
    static final String FILE = "file--0a1b2c3d-0000-4000-8000-000000000090";
    static final String LABEL_TOOL = "label--0a1b2c3d-0000-4000-8000-000000000100";

    static final String LONG_DESCRIPTION = "APT29 is a threat group that has been attributed to the Russian "
            + "government's Foreign Intelligence Service. ".repeat(12)
            + "In its later operations it uses a unique beacon named Hammertoss.";

    private FilterFixture() {}

    static List<StixObject> objects() {
        List<StixObject> o = new ArrayList<>();
        String ts = "\"created\": \"2024-01-02T00:00:00.000Z\", \"modified\": \"2024-01-02T00:00:00.000Z\"";
        o.add(sdo("identity", AUTHOR, ts, "\"name\": \"ANSSI\", \"identity_class\": \"organization\""));
        o.add(sdo("identity", VICTIM, ts, "\"name\": \"Other Corp\", \"identity_class\": \"organization\""));
        o.add(sdo(
                "identity",
                SECRET_AUTHOR,
                ts,
                "\"name\": \"Secret Author\", \"identity_class\": \"individual\", \"object_marking_refs\": [\""
                        + TLP_RED + "\"]"));
        o.add(sdo(
                "marking-definition",
                TLP_RED,
                "\"created\": \"2017-01-20T00:00:00.000Z\"",
                "\"name\": \"TLP:RED\", \"definition_type\": \"tlp\", \"definition\": {\"tlp\": \"red\"}"));
        o.add(sdo(
                "marking-definition",
                STATEMENT,
                "\"created\": \"2024-01-01T00:00:00.000Z\"",
                "\"name\": \"Copyright ACME\", \"definition_type\": \"statement\", "
                        + "\"definition\": {\"statement\": \"Copyright 2024 ACME Corp\"}"));
        o.add(sdo(
                "marking-definition",
                PAP_RED,
                "\"created\": \"2024-01-01T00:00:00.000Z\"",
                "\"definition_type\": \"PAP\", \"definition\": {\"PAP\": \"PAP:RED\"}"));
        o.add(sdo(
                "malware",
                MIMIKATZ,
                "\"created\": \"2024-01-10T08:00:00.000Z\", \"modified\": \"2024-01-10T08:00:00.000Z\"",
                "\"name\": \"Mimikatz\", \"is_family\": false, \"labels\": [\"credential-theft\", \"Tool\"], "
                        + "\"description\": \"Mimikatz dumps credentials from LSASS memory.\", \"confidence\": 80, "
                        + "\"created_by_ref\": \"" + AUTHOR + "\", \"object_marking_refs\": [\"" + PAP_RED + "\"]"));
        o.add(sdo(
                "malware",
                EMOTET,
                "\"created\": \"2023-05-01T00:00:00.000Z\", \"modified\": \"2023-05-01T00:00:00.000Z\"",
                "\"name\": \"Émotet\", \"is_family\": true, \"labels\": [\"banking\"], \"description\": \"\", "
                        + "\"confidence\": 20"));
        o.add(sdo(
                "malware",
                HIDDEN_RAT,
                ts,
                "\"name\": \"HiddenRat\", \"is_family\": true, \"object_marking_refs\": [\"" + TLP_RED + "\"]"));
        o.add(sdo("malware", OLDBOT, ts, "\"name\": \"OldBot\", \"is_family\": true, \"revoked\": true"));
        o.add(sdo(
                "malware",
                SHADOW,
                ts,
                "\"name\": \"Shadow\", \"is_family\": true, \"created_by_ref\": \"" + SECRET_AUTHOR + "\""));
        o.add(sdo(
                "intrusion-set",
                APT28,
                "\"created\": \"2023-06-01T00:00:00.000Z\", \"modified\": \"2023-06-01T00:00:00.000Z\"",
                "\"name\": \"APT28\", \"aliases\": [\"Fancy Bear\", \"Sofacy\"], \"x_acme_score\": 7.5, "
                        + "\"created_by_ref\": \"" + AUTHOR + "\""));
        o.add(sdo(
                "intrusion-set",
                APT29,
                ts,
                "\"name\": \"APT29\", \"aliases\": [\"Cozy Bear\", \"The Dukes\"], \"acme_flag\": \"yes\", "
                        + "\"description\": \"" + LONG_DESCRIPTION + "\""));
        o.add(sdo(
                "threat-actor", DISCO, ts, "\"name\": \"Disco Team\", \"threat_actor_types\": [\"crime-syndicate\"]"));
        o.add(sdo("location", FRANCE, ts, "\"name\": \"France\", \"country\": \"FR\""));
        o.add(sdo(
                "attack-pattern",
                DUMPING,
                ts,
                "\"name\": \"OS Credential Dumping\", \"external_references\": [{\"source_name\": \"mitre-attack\", "
                        + "\"external_id\": \"T1003\", \"url\": \"https://attack.mitre.org/techniques/T1003\"}], "
                        + "\"kill_chain_phases\": [{\"kill_chain_name\": \"mitre-attack\", "
                        + "\"phase_name\": \"credential-access\"}]"));
        o.add(sdo(
                "indicator",
                IND_HASH,
                ts,
                "\"name\": \"Mimikatz hash\", \"pattern\": \"[file:hashes.'SHA-256' = "
                        + "'ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12']\", "
                        + "\"pattern_type\": \"stix\", \"valid_from\": \"2024-02-01T00:00:00.000Z\", "
                        + "\"labels\": [\"malicious-activity\"], \"created_by_ref\": \"" + AUTHOR + "\""));
        o.add(sdo(
                "indicator",
                IND_IP,
                ts,
                "\"name\": \"C2 address\", \"pattern\": \"[ipv4-addr:value = '198.51.100.7']\", "
                        + "\"pattern_type\": \"stix\", \"valid_from\": \"2024-03-15T12:00:00.000Z\""));
        o.add(relationship(USES_1, "uses", APT28, MIMIKATZ, ""));
        o.add(relationship(TARGETS, "targets", APT29, VICTIM, ""));
        o.add(relationship(USES_2, "uses", APT29, DUMPING, ""));
        o.add(relationship(INDICATES, "indicates", IND_HASH, MIMIKATZ, ""));
        o.add(relationship(USES_HIDDEN, "uses", APT29, MIMIKATZ, ", \"object_marking_refs\": [\"" + TLP_RED + "\"]"));
        o.add(relationship(USES_BY_HIDDEN, "uses", HIDDEN_RAT, DUMPING, ""));
        o.add(sdo(
                "sighting",
                SIGHTING,
                ts,
                "\"sighting_of_ref\": \"" + IND_IP + "\", \"where_sighted_refs\": [\"" + AUTHOR + "\", \"" + VICTIM
                        + "\"], \"count\": 3"));
        o.add(sdo(
                "report",
                REPORT,
                ts,
                "\"name\": \"Fancy Bear report\", \"report_types\": [\"threat-report\"], "
                        + "\"published\": \"2024-02-10T00:00:00.000Z\", \"object_refs\": [\"" + APT28 + "\", \""
                        + MIMIKATZ + "\", \"" + USES_1 + "\"], \"created_by_ref\": \"" + AUTHOR
                        + "\", \"object_marking_refs\": [\"" + STATEMENT + "\"], \"labels\": [\"report-label\"]"));
        o.add(TestIndex.object("{\"type\": \"ipv4-addr\", \"spec_version\": \"2.1\", \"id\": \"" + IP
                + "\", \"value\": \"198.51.100.7\"}"));
        o.add(TestIndex.object("{\"type\": \"file\", \"spec_version\": \"2.1\", \"id\": \"" + FILE
                + "\", \"name\": \"mimikatz.exe\", \"hashes\": {\"SHA-256\": "
                + "\"AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12\", "
                + "\"MD5\": \"0123456789ABCDEF0123456789ABCDEF\"}}"));
        o.add(TestIndex.object("{\"type\": \"label\", \"id\": \"" + LABEL_TOOL + "\", \"value\": \"Tool\"}"));
        return o;
    }

    static List<String> allIds() {
        return objects().stream().map(StixObject::id).toList();
    }

    static TestIndex index() {
        return TestIndex.of(objects(), CLOCK);
    }

    private static StixObject sdo(String type, String id, String timestamps, String rest) {
        return TestIndex.object("{\"type\": \"" + type + "\", \"spec_version\": \"2.1\", \"id\": \"" + id + "\", "
                + timestamps + ", " + rest + "}");
    }

    private static StixObject relationship(String id, String type, String from, String to, String extra) {
        return sdo(
                "relationship",
                id,
                "\"created\": \"2024-01-05T00:00:00.000Z\", \"modified\": \"2024-01-05T00:00:00.000Z\"",
                "\"relationship_type\": \"" + type + "\", \"source_ref\": \"" + from + "\", \"target_ref\": \"" + to
                        + "\"" + extra);
    }
}
