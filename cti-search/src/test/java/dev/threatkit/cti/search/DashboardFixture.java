package dev.threatkit.cti.search;

import dev.threatkit.cti.markings.Tlp;
import dev.threatkit.cti.store.Caller;
import java.util.List;
import java.util.Set;

/**
 * A small world for dashboard statistics: two TLP markings, authors, labelled malware and indicators with
 * confidences in every band and dates over days, weeks and months, intrusion sets with uses and targets
 * relationships, and a sighting. Several objects and relationships are TLP:RED, so a caller holding only
 * TLP:GREEN sees less; the expected numbers of both callers are written out in the tests.
 */
final class DashboardFixture {
    static final String GREEN = Tlp.Level.GREEN.stixId();
    static final String RED = Tlp.Level.RED.stixId();

    /** Sees unmarked and TLP:GREEN objects, never TLP:RED ones. */
    static final Caller GREEN_ONLY = Caller.of(Set.of(GREEN), 100);

    static final String ACME = id("identity", 1);
    static final String SECRET_SOURCE = id("identity", 2); // TLP:RED author
    static final String ENERGY = id("identity", 3);
    static final String FINANCE = id("identity", 4);
    static final String FRANCE = id("location", 5);
    static final String HIDDENLAND = id("location", 6); // TLP:RED
    static final String PHISHING = id("attack-pattern", 7);
    static final String POWERSHELL = id("attack-pattern", 8);
    static final String SECRET_TECHNIQUE = id("attack-pattern", 9); // TLP:RED
    static final String BEAR = id("intrusion-set", 10); // TLP:GREEN
    static final String PANDA = id("intrusion-set", 11);
    static final String GHOST = id("intrusion-set", 12); // TLP:RED
    static final String ALPHA = id("malware", 13);
    static final String BETA = id("malware", 14); // TLP:GREEN
    static final String GAMMA = id("malware", 15);
    static final String DELTA = id("malware", 16); // by the TLP:RED author
    static final String EPSILON = id("malware", 17); // TLP:RED
    static final String ZETA = id("malware", 18); // revoked
    static final String EVIL = id("indicator", 19); // TLP:GREEN
    static final String BAD = id("indicator", 20);
    static final String SECRET_INDICATOR = id("indicator", 21); // TLP:RED
    static final String PLAIN = id("indicator", 22);

    /** Every TLP:RED object (relationships aside). */
    static final Set<String> RED_OBJECTS =
            Set.of(SECRET_SOURCE, HIDDENLAND, SECRET_TECHNIQUE, GHOST, EPSILON, SECRET_INDICATOR);
    /** The names of the TLP:RED objects. */
    static final Set<String> RED_NAMES =
            Set.of("Secret Source", "Hiddenland", "Secret Technique", "Ghost", "Epsilon", "secret.example");

    private DashboardFixture() {}

    static String id(String type, int n) {
        return type + "--00000000-0000-4000-8000-" + String.format("%012d", n);
    }

    /** Feeds every object of the fixture and waits until they are searchable. */
    static void load(LuceneSearchIndex index) {
        Feed feed = new Feed(index);
        for (String json : objects()) {
            feed.create(json);
        }
        feed.sync();
    }

    static List<String> objects() {
        return List.of(
                marking(GREEN, "TLP:GREEN", "green"),
                marking(RED, "TLP:RED", "red"),
                sdo(ACME, "2024-01-01T00:00:00.000Z", "\"name\": \"ACME CERT\", \"identity_class\": \"organization\""),
                sdo(
                        SECRET_SOURCE,
                        "2024-01-01T00:00:00.000Z",
                        "\"name\": \"Secret Source\", " + "\"identity_class\": \"organization\", " + markings(RED)),
                sdo(ENERGY, "2024-01-01T00:00:00.000Z", "\"name\": \"Energy\", \"identity_class\": \"class\""),
                sdo(FINANCE, "2024-01-01T00:00:00.000Z", "\"name\": \"Finance\", \"identity_class\": \"class\""),
                sdo(FRANCE, "2024-01-01T00:00:00.000Z", "\"name\": \"France\", \"country\": \"FR\""),
                sdo(
                        HIDDENLAND,
                        "2024-01-01T00:00:00.000Z",
                        "\"name\": \"Hiddenland\", \"country\": \"XX\", " + markings(RED)),
                sdo(PHISHING, "2024-01-01T00:00:00.000Z", "\"name\": \"Spearphishing\""),
                sdo(POWERSHELL, "2024-01-01T00:00:00.000Z", "\"name\": \"PowerShell\""),
                sdo(SECRET_TECHNIQUE, "2024-01-01T00:00:00.000Z", "\"name\": \"Secret Technique\", " + markings(RED)),
                sdo(
                        BEAR,
                        "2024-01-01T00:00:00.000Z",
                        "\"name\": \"Bear\", \"confidence\": 85, " + "\"first_seen\": \"2023-06-15T00:00:00.000Z\", "
                                + author(ACME) + ", " + markings(GREEN)),
                sdo(
                        PANDA,
                        "2024-01-01T00:00:00.000Z",
                        "\"name\": \"Panda\", \"confidence\": 50, " + "\"first_seen\": \"2023-08-01T00:00:00.000Z\", "
                                + author(ACME)),
                sdo(
                        GHOST,
                        "2024-01-01T00:00:00.000Z",
                        "\"name\": \"Ghost\", \"confidence\": 90, "
                                + "\"first_seen\": \"2023-07-04T00:00:00.000Z\", " + author(SECRET_SOURCE) + ", "
                                + markings(RED)),
                malware(ALPHA, "Alpha", "2024-01-01T10:00:00.000Z", 10, "\"ransomware\"", author(ACME)),
                malware(
                        BETA,
                        "Beta",
                        "2024-01-02T12:00:00.000Z",
                        25,
                        "\"ransomware\", \"Trojan\"",
                        author(ACME) + ", " + markings(GREEN)),
                // Sunday 23:59:59 UTC: still the week of Monday 2024-01-01
                malware(GAMMA, "Gamma", "2024-01-07T23:59:59.000Z", 45, "\"trojan\"", null),
                malware(DELTA, "Delta", "2024-01-08T00:00:00.000Z", 65, "\"ransomware\"", author(SECRET_SOURCE)),
                malware(
                        EPSILON,
                        "Epsilon",
                        "2024-03-15T08:00:00.000Z",
                        95,
                        "\"Ransomware\"",
                        author(ACME) + ", " + markings(RED)),
                malware(ZETA, "Zeta", "2024-03-16T08:00:00.000Z", 70, "\"ransomware\"", "\"revoked\": true"),
                indicator(
                        EVIL,
                        "evil.example",
                        "2024-01-03T00:00:00.000Z",
                        "2024-01-03T00:00:00.000Z",
                        "\"labels\": [\"malicious-activity\"], \"confidence\": 80, " + markings(GREEN)),
                indicator(
                        BAD,
                        "bad.example",
                        "2024-02-10T00:00:00.000Z",
                        "2024-02-10T00:00:00.000Z",
                        "\"labels\": [\"malicious-activity\"], \"confidence\": 100"),
                indicator(
                        SECRET_INDICATOR,
                        "secret.example",
                        "2024-02-11T00:00:00.000Z",
                        "2024-02-12T00:00:00.000Z",
                        "\"labels\": [\"malicious-activity\"], \"confidence\": 0, " + markings(RED)),
                indicator(PLAIN, "plain.example", "2024-04-02T00:00:00.000Z", "2024-04-01T00:00:00.000Z", null),
                sdo(
                        id("report", 23),
                        "2024-01-05T00:00:00.000Z",
                        "\"name\": \"Old report\", "
                                + "\"published\": \"1990-06-01T00:00:00.000Z\", \"object_refs\": [\"" + ALPHA + "\"], "
                                + markings(GREEN)),
                sdo(
                        id("report", 24),
                        "2024-05-20T00:00:00.000Z",
                        "\"name\": \"New report\", "
                                + "\"published\": \"2024-05-20T00:00:00.000Z\", \"object_refs\": [\"" + GAMMA + "\"]"),
                relationship(25, "uses", BEAR, PHISHING, GREEN),
                relationship(26, "uses", BEAR, POWERSHELL, null),
                relationship(27, "uses", PANDA, PHISHING, null),
                relationship(28, "uses", PANDA, POWERSHELL, null),
                relationship(29, "uses", GHOST, PHISHING, RED),
                relationship(30, "uses", PANDA, SECRET_TECHNIQUE, null),
                relationship(31, "uses", BEAR, ALPHA, null),
                relationship(32, "uses", ALPHA, PHISHING, null),
                relationship(33, "targets", BEAR, ENERGY, null),
                relationship(34, "targets", PANDA, ENERGY, null),
                relationship(35, "targets", BEAR, FRANCE, null),
                relationship(36, "targets", PANDA, FRANCE, RED),
                relationship(37, "targets", GHOST, FINANCE, RED),
                relationship(38, "targets", BEAR, HIDDENLAND, null),
                relationship(39, "targets", PANDA, HIDDENLAND, null),
                relationship(40, "targets", ALPHA, HIDDENLAND, null),
                relationship(42, "uses", PANDA, ZETA, null), // to a revoked object
                sdo(
                        id("sighting", 41),
                        "2024-02-15T00:00:00.000Z",
                        "\"sighting_of_ref\": \"" + BAD + "\", " + "\"where_sighted_refs\": [\"" + ACME + "\", \""
                                + ENERGY + "\"], \"count\": 3"));
    }

    private static String marking(String id, String name, String tlp) {
        return "{\"type\": \"marking-definition\", \"spec_version\": \"2.1\", \"id\": \"" + id + "\", "
                + "\"created\": \"2017-01-20T00:00:00.000Z\", \"definition_type\": \"tlp\", \"name\": \"" + name
                + "\", \"definition\": {\"tlp\": \"" + tlp + "\"}}";
    }

    private static String sdo(String id, String created, String rest) {
        String type = id.substring(0, id.indexOf("--"));
        return "{\"type\": \"" + type + "\", \"spec_version\": \"2.1\", \"id\": \"" + id + "\", \"created\": \""
                + created + "\", \"modified\": \"" + created + "\", " + rest + "}";
    }

    private static String malware(String id, String name, String created, int confidence, String labels, String more) {
        return sdo(
                id,
                created,
                "\"name\": \"" + name + "\", \"is_family\": true, \"confidence\": " + confidence + ", \"labels\": ["
                        + labels + "]" + (more == null ? "" : ", " + more));
    }

    private static String indicator(String id, String name, String created, String validFrom, String more) {
        return sdo(
                id,
                created,
                "\"name\": \"" + name + "\", \"pattern\": \"[domain-name:value = '" + name
                        + "']\", \"pattern_type\": \"stix\", \"valid_from\": \"" + validFrom + "\""
                        + (more == null ? "" : ", " + more));
    }

    private static String relationship(int n, String type, String source, String target, String marking) {
        return sdo(
                id("relationship", n),
                "2024-01-10T00:00:00.000Z",
                "\"relationship_type\": \"" + type
                        + "\", \"source_ref\": \"" + source + "\", \"target_ref\": \"" + target + "\""
                        + (marking == null ? "" : ", " + markings(marking)));
    }

    private static String author(String id) {
        return "\"created_by_ref\": \"" + id + "\"";
    }

    private static String markings(String id) {
        return "\"object_marking_refs\": [\"" + id + "\"]";
    }
}
