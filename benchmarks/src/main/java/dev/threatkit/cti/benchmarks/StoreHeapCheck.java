package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.ImportReport;
import dev.threatkit.cti.store.Caller;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * Heap per stored object after importing MITRE ATT&amp;CK Enterprise 18.1 (24,771 objects): live heap after
 * full collections with the store open, minus the live heap before it was opened, divided by the objects.
 * Run once per backend, each in a fresh JVM:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.threatkit.cti.benchmarks.StoreHeapCheck tinkergraph
 * java -cp benchmarks/target/benchmarks.jar dev.threatkit.cti.benchmarks.StoreHeapCheck janusgraph
 * </pre>
 */
public final class StoreHeapCheck {
    private StoreHeapCheck() {}

    public static void main(String[] args) throws InterruptedException {
        String backend = args.length > 0 ? args[0] : "tinkergraph";
        Path bundle = DataFiles.locate(DataFiles.ATTACK_ENTERPRISE_18_1);
        // Load the classes and warm the code paths on a throwaway store first, so they are not counted.
        Path warm = StoreBackends.tempDir("heap-warm");
        try (Cti cti = StoreBackends.open(warm, backend)) {
            cti.stats();
        }
        StoreBackends.delete(warm);
        Path data = StoreBackends.tempDir("heap-check");
        importAndMeasure(backend, bundle, data);
        reopenAndMeasure(backend, data); // a separate frame: the first store is unreachable by now
        StoreBackends.delete(data);
    }

    private static void importAndMeasure(String backend, Path bundle, Path data) throws InterruptedException {
        long before = liveHeap();
        try (Cti cti = StoreBackends.open(data, backend)) {
            ImportReport r = cti.importFiles(List.of(bundle), Caller.ADMIN);
            long after = liveHeap();
            System.out.printf(
                    "%s: %,d objects imported, live heap %+.1f MiB, %,.0f bytes per stored object%n",
                    backend, r.created(), (after - before) / 1048576.0, (after - before) / (double) r.created());
        }
    }

    /** The store a restarted process holds: rebuilt from the snapshot written on close. */
    private static void reopenAndMeasure(String backend, Path data) throws InterruptedException {
        long before = liveHeap();
        try (Cti cti = StoreBackends.open(data, backend)) {
            long after = liveHeap();
            int objects =
                    cti.stats().values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf(
                    "%s, reopened: %,d objects, live heap %+.1f MiB, %,.0f bytes per stored object%n",
                    backend, objects, (after - before) / 1048576.0, (after - before) / (double) objects);
        }
    }

    private static long liveHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
