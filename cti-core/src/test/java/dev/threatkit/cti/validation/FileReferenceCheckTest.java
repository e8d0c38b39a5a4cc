package dev.threatkit.cti.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link FileValidator} skips the format check of a reference whose target is the id of an object it has already
 * checked, and decides the target's type from what it knows of that object. These tests hold it to the plain
 * path: each object validated on its own (every reference checked in full), its references handed to a plain
 * sink, and dangling targets worked out from the ids of the whole file. Random bundles mix well-formed and
 * malformed ids, ids whose prefix is not their object's type, custom and unknown types, targets of types a
 * property does not allow, forward references and targets that never turn up.
 */
class FileReferenceCheckTest {
    private static final String[] TYPES = {
        "attack-pattern", "identity", "malware", "tool", "relationship", "marking-definition", "x-foo",
        "report", "sighting", "indicator", "ipv4-addr", "x-mitre-tactic", "campaign", "location"
    };
    private static final String[] SINGLE_REFS = {
        "created_by_ref", "source_ref", "target_ref", "sighting_of_ref", "x_foo_ref", "x_mitre_modified_by_ref"
    };
    private static final String[] LIST_REFS = {"object_marking_refs", "object_refs", "where_sighted_refs"};

    @Test
    void findsWhatCheckingEachReferenceInFullFinds() {
        Random random = new Random(2026);
        for (int round = 0; round < 300; round++) {
            String bundle = randomBundle(random, round);
            for (ValidationOptions options :
                    List.of(ValidationOptions.DEFAULT, ValidationOptions.STRICT, ValidationOptions.OPENCTI)) {
                StixValidator validator = StixValidator.of(dev.threatkit.cti.schema.StixRegistry.builtIn(), options);
                FileValidator.Report actual = new FileValidator(validator)
                        .validate(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), "f.json");
                Expected expected = plainPath(validator, bundle);
                String where = "round " + round + " (seed 2026), " + options;
                assertThat(actual.failure()).as(where).isNull();
                assertThat(actual.errors()).as(where).containsExactlyElementsOf(expected.errors);
                assertThat(actual.warnings().subList(0, expected.warnings.size()))
                        .as(where)
                        .containsExactlyElementsOf(expected.warnings);
                List<Violation> dangling = actual.warnings()
                        .subList(expected.warnings.size(), actual.warnings().size());
                assertThat(dangling).as(where).hasSize(expected.dangling.size());
                int i = 0;
                for (Map.Entry<String, Reference> e : expected.dangling.entrySet()) {
                    Violation w = dangling.get(i++);
                    Reference first = e.getValue();
                    assertThat(w.objectId()).as(where).isEqualTo(first.objectId);
                    assertThat(w.path()).as(where).isEqualTo(first.path);
                    assertThat(w.message()).as(where).startsWith("\"" + e.getKey() + "\" is not in this file");
                    String times = first.count == 1 ? "" : "(referenced " + first.count + " times";
                    assertThat(w.message()).as(where).contains(times);
                }
            }
        }
    }

    @Test
    void aTargetOfTheWrongTypeIsAnErrorEvenWhenItsObjectWasChecked() {
        String malware = "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b";
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":["
                + object("malware", malware, Map.of("name", "\"X\"", "is_family", "true"))
                + ","
                + object(
                        "malware",
                        "malware--41b940d4-6f7f-459a-80ea-9c1f17b5891b",
                        Map.of("name", "\"Y\"", "is_family", "true", "created_by_ref", "\"" + malware + "\""))
                + "]}";
        FileValidator.Report r = new FileValidator(StixValidator.builtIn())
                .validate(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), "f.json");
        assertThat(r.errors())
                .extracting(Violation::path, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "objects[1].created_by_ref", "\"" + malware + "\" must refer to identity, not malware"));
    }

    private record Expected(List<Violation> errors, List<Violation> warnings, Map<String, Reference> dangling) {}

    private static final class Reference {
        final String objectId;
        final String path;
        int count = 1;

        Reference(String objectId, String path) {
            this.objectId = objectId;
            this.path = path;
        }
    }

    /** Every object checked on its own, references to a plain sink, dangling targets from all the file's ids. */
    private static Expected plainPath(StixValidator validator, String bundle) {
        List<Violation> errors = new ArrayList<>();
        List<Violation> warnings = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String[]> references = new ArrayList<>();
        try (StixReader reader =
                StixReader.open(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), "f.json")) {
            while (reader.hasNext()) {
                StixObject o = reader.next();
                validator.validate(
                        o,
                        "objects[" + reader.index() + "]",
                        v -> (v.isError() ? errors : warnings).add(v),
                        (objectId, target, path) -> references.add(new String[] {objectId, target, path.get()}));
                if (o.id() != null) {
                    ids.add(o.id());
                }
            }
        }
        Map<String, Reference> dangling = new LinkedHashMap<>();
        for (String[] r : references) {
            if (!ids.contains(r[1])) {
                Reference first = dangling.get(r[1]);
                if (first == null) {
                    dangling.put(r[1], new Reference(r[0], r[2]));
                } else {
                    first.count++;
                }
            }
        }
        return new Expected(errors, warnings, dangling);
    }

    private static String randomBundle(Random random, int round) {
        int n = 2 + random.nextInt(round % 5 == 0 ? 150 : 30);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String uuid = new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(3L << 62) | 1L << 63)
                    .toString();
            double r = random.nextDouble();
            String prefix = r < 0.05 ? "Bad_Type" : TYPES[random.nextInt(TYPES.length)];
            if (random.nextDouble() < 0.05) {
                uuid = random.nextBoolean() ? uuid.toUpperCase() : uuid.substring(1) + "z";
            }
            pool.add(prefix + "--" + uuid);
        }
        StringBuilder json = new StringBuilder("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\"");
        json.append(",\"objects\":[");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        for (int k = 0; k < n; k++) {
            String id = pool.get(order.get(k));
            String type = id.substring(0, id.indexOf("--"));
            if (type.equals("Bad_Type") || random.nextDouble() < 0.08) {
                type = TYPES[random.nextInt(TYPES.length)]; // an id whose prefix is not the object's type
            }
            Map<String, String> props = new LinkedHashMap<>();
            for (String key : SINGLE_REFS) {
                if (random.nextDouble() < 0.4) {
                    props.put(key, "\"" + target(random, pool) + "\"");
                }
            }
            for (String key : LIST_REFS) {
                if (random.nextDouble() < 0.3) {
                    List<String> targets = new ArrayList<>();
                    for (int j = random.nextInt(4); j > 0; j--) {
                        targets.add("\"" + target(random, pool) + "\"");
                    }
                    props.put(key, targets.toString());
                }
            }
            json.append(k == 0 ? "" : ",").append(object(type, id, props));
        }
        return json.append("]}").toString();
    }

    private static String target(Random random, List<String> pool) {
        double x = random.nextDouble();
        if (x < 0.7) {
            return pool.get(random.nextInt(pool.size()));
        }
        if (x < 0.8) {
            return TYPES[random.nextInt(TYPES.length)] + "--" + UUID.randomUUID(); // never in the file
        }
        if (x < 0.9) {
            return random.nextBoolean()
                    ? "not-an-id"
                    : "x-foo--" + UUID.randomUUID().toString().toUpperCase();
        }
        return pool.get(random.nextInt(pool.size())).toUpperCase();
    }

    private static String object(String type, String id, Map<String, String> props) {
        StringBuilder o = new StringBuilder("{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id
                + "\",\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"2020-01-02T00:00:00.000Z\"");
        props.forEach((k, v) -> o.append(",\"").append(k).append("\":").append(v));
        return o.append('}').toString();
    }
}
