package dev.threatkit.cti.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded synthetic STIX 2.1 bundle shaped like a threat-intelligence feed, for store benchmarks.
 *
 * <p>For {@code n} objects: 20 author identities and the four TLP 2.0 markings' ids referenced (not
 * included: they resolve as pending references, as a feed's would); 1% malware and 0.5% intrusion sets with
 * names and aliases; 2% attack patterns; then repeating units of an observable (IPv4, domain or file with
 * MD5 and SHA-256, in turn), the indicator whose pattern matches it, a {@code based-on} relationship from
 * the indicator to the observable and an {@code indicates} relationship to a random malware; an intrusion set
 * {@code uses} a malware or attack pattern every fifth unit; a report holding the last 50 objects every 1,000
 * objects. Every object has an author, a marking and one external reference; timestamps are fixed so the
 * bundle is the same bytes for the same seed.
 *
 * <p>{@linkplain #write(Path, int, long, boolean) Described}, for the search benchmarks, the same bundle also gives
 * every malware, intrusion set, attack pattern, indicator and report a {@code description} of words drawn from
 * {@link SyntheticText}, by a random stream of its own: ids, values, hashes, markings and references stay
 * exactly those of the plain bundle for the same seed, and the plain bundle is the same bytes as before
 * descriptions existed.
 */
public final class StoreWorkload {
    private static final String T = "2024-05-01T12:00:00.000Z";
    /** Mixed into the seed for the descriptions' own random stream. */
    private static final long DESCRIPTION_SALT = 0x5EA4C4_0D35C41BL;
    /** TLP:WHITE, TLP:GREEN, TLP:AMBER and TLP:RED, as STIX 2.1 defines them; objects take one at random. */
    static final String[] TLP = {
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
    };

    private StoreWorkload() {}

    /** Writes a bundle of about {@code n} objects to {@code file}; returns the exact count. */
    public static int write(Path file, int n, long seed) throws IOException {
        return write(file, n, seed, false);
    }

    /**
     * Writes a bundle of about {@code n} objects to {@code file}, with descriptions when {@code described}; returns
     * the exact count.
     */
    public static int write(Path file, int n, long seed, boolean described) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("{\"type\":\"bundle\",\"id\":\"bundle--" + uuid(0, 0) + "\",\"objects\":[");
            int[] written = {0};
            generate(n, seed, described, json -> {
                try {
                    if (written[0]++ > 0) {
                        w.write(',');
                    }
                    w.write(json);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            w.write("]}");
            return written[0];
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Hands the bundle's objects to {@code sink} as JSON text, one object per call, in bundle order; returns the
     * count. The same objects as {@link #write(Path, int, long, boolean)}, without the file.
     */
    static int generate(int n, long seed, boolean described, Consumer<String> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom words = described ? new SplittableRandom(seed ^ DESCRIPTION_SALT) : null;
        int malware = Math.max(10, n / 100);
        int sets = Math.max(5, n / 200);
        int patterns = Math.max(10, n / 50);
        int written = 0;
        for (int i = 0; i < 20; i++) {
            written = emit(
                    sink,
                    written,
                    "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--"
                            + uuid(1, i) + "\",\"created\":\"" + T + "\",\"modified\":\"" + T
                            + "\",\"name\":\"Vendor " + i
                            + "\",\"identity_class\":\"organization\"}");
        }
        for (int i = 0; i < malware; i++) {
            written = emit(
                    sink,
                    written,
                    sdo(
                            random,
                            "malware",
                            2,
                            i,
                            "\"name\":\"Malware " + i + "\",\"is_family\":true,\"aliases\":[\"MW-" + i
                                    + "\"],\"malware_types\":[\"trojan\"]" + describe(words, 20, 60)));
        }
        for (int i = 0; i < sets; i++) {
            written = emit(
                    sink,
                    written,
                    sdo(
                            random,
                            "intrusion-set",
                            3,
                            i,
                            "\"name\":\"Group " + i + "\",\"aliases\":[\"G-" + i + "\",\"Actor " + i + "\"]"
                                    + describe(words, 20, 60)));
        }
        for (int i = 0; i < patterns; i++) {
            written = emit(
                    sink,
                    written,
                    sdo(
                            random,
                            "attack-pattern",
                            4,
                            i,
                            "\"name\":\"Technique " + i + "\","
                                    + "\"kill_chain_phases\":[{\"kill_chain_name\":\"mitre-attack\",\"phase_name\":\"execution\"}]"
                                    + describe(words, 20, 60)));
        }
        int unit = 0;
        int reportStart = written;
        while (written < n) {
            String observable;
            String pattern;
            String obsId;
            switch (unit % 3) {
                case 0:
                    String ip = (10 + unit / 65536 % 200) + "." + (unit / 256 % 256) + "." + (unit % 256) + ".7";
                    obsId = "ipv4-addr--" + uuid(5, unit);
                    observable = "{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"" + obsId
                            + "\",\"value\":\"" + ip + "\"}";
                    pattern = "[ipv4-addr:value = '" + ip + "']";
                    break;
                case 1:
                    String domain = "host" + unit + ".example" + (unit % 97) + ".com";
                    obsId = "domain-name--" + uuid(5, unit);
                    observable = "{\"type\":\"domain-name\",\"spec_version\":\"2.1\",\"id\":\"" + obsId
                            + "\",\"value\":\"" + domain + "\"}";
                    pattern = "[domain-name:value = '" + domain + "']";
                    break;
                default:
                    String md5 = hex(random, 32);
                    String sha256 = hex(random, 64);
                    obsId = "file--" + uuid(5, unit);
                    observable = "{\"type\":\"file\",\"spec_version\":\"2.1\",\"id\":\"" + obsId + "\",\"hashes\":"
                            + "{\"MD5\":\"" + md5 + "\",\"SHA-256\":\"" + sha256 + "\"},\"name\":\"sample" + unit
                            + ".exe\"}";
                    pattern = "[file:hashes.'SHA-256' = '" + sha256 + "']";
                    break;
            }
            String indicator = "indicator--" + uuid(6, unit);
            written = emit(sink, written, observable);
            written = emit(
                    sink,
                    written,
                    sdo(
                            random,
                            "indicator",
                            6,
                            unit,
                            "\"name\":\"Indicator " + unit
                                    + "\",\"pattern\":\"" + pattern.replace("'", "\\u0027")
                                    + "\",\"pattern_type\":\"stix\","
                                    + "\"valid_from\":\"" + T + "\",\"indicator_types\":[\"malicious-activity\"]"
                                    + describe(words, 5, 15)));
            written = emit(sink, written, relationship(random, 7, unit * 3, "based-on", indicator, obsId));
            written = emit(
                    sink,
                    written,
                    relationship(
                            random,
                            7,
                            unit * 3 + 1,
                            "indicates",
                            indicator,
                            "malware--" + uuid(2, random.nextInt(malware))));
            if (unit % 5 == 0) {
                String target = random.nextBoolean()
                        ? "malware--" + uuid(2, random.nextInt(malware))
                        : "attack-pattern--" + uuid(4, random.nextInt(patterns));
                written = emit(
                        sink,
                        written,
                        relationship(
                                random,
                                7,
                                unit * 3 + 2,
                                "uses",
                                "intrusion-set--" + uuid(3, random.nextInt(sets)),
                                target));
            }
            if (written - reportStart >= 1_000) {
                StringBuilder refs = new StringBuilder();
                for (int k = 0; k < 50; k++) {
                    refs.append(k == 0 ? "" : ",")
                            .append("\"indicator--")
                            .append(uuid(6, Math.max(0, unit - k)))
                            .append('"');
                }
                written = emit(
                        sink,
                        written,
                        sdo(
                                random,
                                "report",
                                8,
                                unit,
                                "\"name\":\"Report " + unit
                                        + "\",\"published\":\"" + T
                                        + "\",\"report_types\":[\"threat-report\"],\"object_refs\":["
                                        + refs + "]" + describe(words, 30, 80)));
                reportStart = written;
            }
            unit++;
        }
        return written;
    }

    private static int emit(Consumer<String> sink, int written, String json) {
        sink.accept(json);
        return written + 1;
    }

    /** {@code ,"description":"..."} of {@code min} to {@code max} words, or nothing when not described. */
    private static String describe(SplittableRandom words, int min, int max) {
        return words == null ? "" : ",\"description\":\"" + SyntheticText.sentence(words, min, max) + "\"";
    }

    private static String sdo(SplittableRandom random, String type, int kind, int i, String body) {
        return "{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + type + "--" + uuid(kind, i)
                + "\",\"created\":\"" + T + "\",\"modified\":\"" + T + "\",\"created_by_ref\":\"identity--"
                + uuid(1, random.nextInt(20)) + "\",\"object_marking_refs\":[\"" + TLP[random.nextInt(TLP.length)]
                + "\"],\"external_references\":[{\"source_name\":\"feed\",\"url\":\"https://feed.example/" + type + "/"
                + i + "\"}]," + body + "}";
    }

    private static String relationship(SplittableRandom random, int kind, int i, String type, String from, String to) {
        return sdo(
                random,
                "relationship",
                kind,
                i,
                "\"relationship_type\":\"" + type + "\",\"source_ref\":\"" + from + "\",\"target_ref\":\"" + to + "\"");
    }

    /** A version-4-shaped UUID that encodes (kind, i), so ids are stable and distinct. */
    static String uuid(int kind, int i) {
        return String.format(Locale.ROOT, "%08x-%04x-4000-8000-%012x", i, kind, (long) i * 31 + kind);
    }

    private static String hex(SplittableRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }
}
