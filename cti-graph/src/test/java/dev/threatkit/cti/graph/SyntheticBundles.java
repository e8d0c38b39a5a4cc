package dev.threatkit.cti.graph;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bundles of synthetic objects for the kill test, the same in the process that writes them and the one that
 * checks them. Bundle {@code n} holds {@link #SIZE} objects, {@link #MALWARE} malware then as many relationships
 * (each malware a variant of the next, in a ring), and every id says which bundle and which position it is.
 */
final class SyntheticBundles {
    static final int MALWARE = 1_250;
    /** Two write batches of the importer (2,000 and 500), so a bundle can be cut between them. */
    static final int SIZE = 2 * MALWARE;

    private static final String T = "2021-01-01T00:00:00.000Z";

    private SyntheticBundles() {}

    /** The id of object {@code index} of bundle {@code bundle}. */
    static String id(int bundle, int index) {
        return (index < MALWARE ? "malware" : "relationship") + "--"
                + String.format("%08x-%04x-4000-8000-000000000000", bundle, index);
    }

    /** Bundle number and position of a generated id, or null for any other id. */
    static int[] parse(String id) {
        int cut = id.indexOf("--");
        if (cut < 0 || !id.endsWith("-4000-8000-000000000000") || id.length() != cut + 2 + 36) {
            return null;
        }
        int bundle = Integer.parseInt(id.substring(cut + 2, cut + 10), 16);
        int index = Integer.parseInt(id.substring(cut + 11, cut + 15), 16);
        return index < SIZE && id.equals(id(bundle, index)) ? new int[] {bundle, index} : null;
    }

    /** Object {@code index} of bundle {@code bundle}, as JSON. */
    static String json(int bundle, int index) {
        String common = "\"spec_version\":\"2.1\",\"id\":\"" + id(bundle, index) + "\",\"created\":\"" + T
                + "\",\"modified\":\"" + T + "\",\"description\":\"bundle " + bundle + ", object " + index + "\"";
        if (index < MALWARE) {
            return "{\"type\":\"malware\"," + common + ",\"name\":\"B" + bundle + "-M" + index
                    + "\",\"is_family\":true}";
        }
        int k = index - MALWARE;
        return "{\"type\":\"relationship\"," + common + ",\"relationship_type\":\"variant-of\",\"source_ref\":\""
                + id(bundle, k) + "\",\"target_ref\":\"" + id(bundle, (k + 1) % MALWARE) + "\"}";
    }

    /** Writes bundle {@code bundle} to {@code file}. */
    static void write(int bundle, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"type\":\"bundle\",\"id\":\"bundle--" + String.format("%08x-0000-4000-8000-000000000000", bundle)
                    + "\",\"objects\":[");
            for (int i = 0; i < SIZE; i++) {
                w.write(i == 0 ? "\n" : ",\n");
                w.write(json(bundle, i));
            }
            w.write("]}\n");
        }
    }
}
