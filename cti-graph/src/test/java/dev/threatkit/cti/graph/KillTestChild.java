package dev.threatkit.cti.graph;

import dev.threatkit.cti.store.Caller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link KillTest} kills: opens the store in {@code args[0]}, prints {@code READY}, then imports
 * synthetic bundles 0, 1, 2 ... (written to {@code args[1]}) one {@code importFiles} call each, and prints
 * {@code ACK n bytes} once the call for bundle n has returned, that is once the store has acknowledged it;
 * {@code bytes} is the journal's size then, all of it on disk.
 */
public final class KillTestChild {
    private KillTestChild() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int bundles = Integer.parseInt(args[2]);
        try (Cti cti = Cti.builder().dataDirectory(data).build()) {
            System.out.println("READY");
            System.out.flush();
            for (int n = 0; n < bundles; n++) {
                Path file = work.resolve("bundle-" + n + ".json");
                SyntheticBundles.write(n, file);
                ImportReport r = cti.importFiles(List.of(file), Caller.ADMIN);
                if (!r.ok() || r.created() != SyntheticBundles.SIZE || r.warningCount() != 0) {
                    System.out.println("BAD " + n + " " + r);
                    System.exit(3);
                }
                System.out.println("ACK " + n + " " + journalBytes(data));
                System.out.flush();
                Files.delete(file);
            }
            System.out.println("DONE");
        }
    }

    static long journalBytes(Path data) throws java.io.IOException {
        long total = 0;
        try (java.util.stream.Stream<Path> s = Files.list(data.resolve("journal"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                total += Files.size(p);
            }
        }
        return total;
    }
}
