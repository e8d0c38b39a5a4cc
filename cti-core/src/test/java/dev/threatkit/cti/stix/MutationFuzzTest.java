package dev.threatkit.cti.stix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.ids.DeterministicIds;
import dev.threatkit.cti.upgrade.Stix20Upgrader;
import dev.threatkit.cti.validation.FileValidator;
import dev.threatkit.cti.validation.StixValidator;
import dev.threatkit.cti.validation.ValidationOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Randomly mutated STIX (bytes flipped, cut, duplicated, values swapped for other JSON types): every entry point
 * either works or throws {@link StixParseException}; nothing else escapes. Reproduce with {@code -Dcti.seed=N}.
 */
class MutationFuzzTest {
    private static final long SEED = Long.getLong("cti.seed", System.nanoTime());
    private static final List<String> SEEDS = List.of(
            "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":[{\"type\":"
                    + "\"attack-pattern\",\"spec_version\":\"2.1\",\"id\":\"attack-pattern--7e150503-88e7-4861-866b-"
                    + "ff1ac82c4475\",\"created\":\"2017-05-31T21:30:44.329Z\",\"modified\":\"2025-04-15T19:58:33."
                    + "432Z\",\"name\":\"Phishing\",\"kill_chain_phases\":[{\"kill_chain_name\":\"mitre-attack\","
                    + "\"phase_name\":\"initial-access\"}],\"external_references\":[{\"source_name\":\"mitre-attack\","
                    + "\"external_id\":\"T1566\",\"url\":\"https://attack.mitre.org/techniques/T1566\"}],"
                    + "\"object_marking_refs\":[\"marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168\"],"
                    + "\"x_mitre_platforms\":[\"Linux\",\"Windows\"]}]}",
            "[{\"type\":\"file\",\"name\":\"a.exe\",\"hashes\":{\"SHA-256\":\"841a8921140aba50671ebb0770fecc4ee308c"
                    + "4952cfeff8de154ab14eeef4649\",\"md5\":\"d41d8cd98f00b204e9800998ecf8427e\"},\"extensions\":{"
                    + "\"windows-pebinary-ext\":{\"pe_type\":\"exe\",\"sections\":[{\"name\":\".data\",\"entropy\":"
                    + "7.980693}]}}},{\"type\":\"network-traffic\",\"src_ref\":\"ipv4-addr--ff26c055-6336-5bc5-b98d-"
                    + "13d6226742dd\",\"protocols\":[\"tcp\"],\"src_port\":80}]",
            "{\"type\":\"observed-data\",\"id\":\"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf\",\"created\":"
                    + "\"2016-04-06T19:58:16.000Z\",\"modified\":\"2016-04-06T19:58:16.000Z\",\"first_observed\":"
                    + "\"2015-12-21T19:00:00Z\",\"last_observed\":\"2015-12-21T19:00:00Z\",\"number_observed\":50,"
                    + "\"objects\":{\"0\":{\"type\":\"file\",\"name\":\"x\",\"parent_directory_ref\":\"1\"},\"1\":"
                    + "{\"type\":\"directory\",\"path\":\"/tmp\"}},\"labels\":[\"malware\"]}",
            "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"marking-definition--34098fce-860f-"
                    + "48ae-8e50-ebd3cc5e41da\",\"created\":\"2017-01-20T00:00:00.000Z\",\"definition_type\":\"tlp\","
                    + "\"name\":\"TLP:GREEN\",\"definition\":{\"tlp\":\"green\"},\"granular_markings\":[{\"selectors\":"
                    + "[\"name\"],\"lang\":\"en\"}]}");
    private static final String[] VALUES = {
        "null", "[]", "{}", "\"\"", "0", "-1e999", "true", "[[[]]]", "\"x--y\"", "1.5", "\"2024-02-30T00:00:00Z\""
    };

    static Stream<Arguments> cases() {
        System.out.println("MutationFuzzTest seed: " + SEED + " (rerun with -Dcti.seed=" + SEED + ")");
        Random random = new Random(SEED);
        return IntStream.range(0, Integer.getInteger("cti.fuzz.cases", 400))
                .mapToObj(i -> Arguments.of(i, mutate(SEEDS.get(random.nextInt(SEEDS.size())), random)));
    }

    private static String mutate(String json, Random r) {
        StringBuilder sb = new StringBuilder(json);
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds && sb.length() > 1; k++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(6)) {
                case 0:
                    sb.setLength(at); // truncate
                    break;
                case 1:
                    sb.setCharAt(at, (char) (32 + r.nextInt(95))); // flip a character
                    break;
                case 2:
                    sb.insert(at, sb.substring(at, Math.min(sb.length(), at + r.nextInt(40)))); // duplicate a span
                    break;
                case 3: { // replace a value after a colon with another JSON type
                    int colon = sb.indexOf(":", at);
                    if (colon > 0) {
                        int end = colon + 1;
                        while (end < sb.length() && ",}]".indexOf(sb.charAt(end)) < 0) {
                            end++;
                        }
                        sb.replace(colon + 1, end, VALUES[r.nextInt(VALUES.length)]);
                    }
                    break;
                }
                case 4:
                    sb.deleteCharAt(at);
                    break;
                default:
                    sb.insert(at, "\u00e9\u0000\ud800"); // non-ASCII, NUL, lone surrogate
            }
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "mutation {0}")
    @MethodSource("cases")
    void everyEntryPoint_failsOnlyWithParseErrors(int index, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        FileValidator.Report report = new FileValidator(
                        StixValidator.of(dev.threatkit.cti.schema.StixRegistry.builtIn(), ValidationOptions.STRICT))
                .validate(new ByteArrayInputStream(bytes), "mutation-" + index);
        assertThat(report).isNotNull();
        try (StixReader reader = StixReader.open(new ByteArrayInputStream(bytes), "mutation-" + index)) {
            while (reader.hasNext()) {
                StixObject o = reader.next();
                DeterministicIds.builtIn().compute(o);
                Stix20Upgrader.builtIn().upgrade(o);
                StixValidator.builtIn().validate(o);
                assertThat(StixJson.parseObject(StixJson.toJson(o))).isEqualTo(o);
            }
        } catch (StixParseException expected) {
            assertThat(expected.getMessage()).startsWith("mutation-" + index);
        }
    }
}
