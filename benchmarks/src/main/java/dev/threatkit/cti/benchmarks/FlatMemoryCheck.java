package dev.threatkit.cti.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixParseException;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.validation.FileValidator;
import dev.threatkit.cti.validation.StixValidator;
import dev.threatkit.cti.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Flat-memory evidence for the validate path: streams the gzip ATT&amp;CK Enterprise 18.1 bundle (45,964,614 bytes
 * unpacked) from disk through {@link FileValidator} and prints the object count and the peak heap used. A
 * tree of the whole bundle would take several times its size; finishing with a heap smaller than the bundle's
 * own bytes proves that none is built:
 *
 * <pre>
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.threatkit.cti.benchmarks.FlatMemoryCheck
 * java -Xmx32m -cp benchmarks/target/benchmarks.jar dev.threatkit.cti.benchmarks.FlatMemoryCheck
 * java -Xmx12m -cp benchmarks/target/benchmarks.jar dev.threatkit.cti.benchmarks.FlatMemoryCheck --per-object
 * </pre>
 *
 * <p>Besides the peak heap used (which includes garbage not yet collected), it prints the largest heap
 * occupancy right after a collection during the run: the live set, that is what the validator really keeps.
 * {@code --per-object} runs {@link StixReader} and {@link StixValidator} object by object instead, without the
 * file-wide reference check, to tell the reader's memory from {@link FileValidator}'s bookkeeping. An optional
 * last argument names another file to check. Exit status 1 if the file did not read to its end.
 */
public final class FlatMemoryCheck {
    private FlatMemoryCheck() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean perObject = args.length > 0 && args[0].equals("--per-object");
        int fileArg = perObject ? 1 : 0;
        Path file = args.length > fileArg ? Path.of(args[fileArg]) : DataFiles.locate(DataFiles.ATTACK_ENTERPRISE_18_1);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong sampledPeak = new AtomicLong();
        Thread sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        sampledPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        AtomicLong maxAfterGc = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        listenToCollections(maxAfterGc, collections);

        long start = System.nanoTime();
        FileValidator.Report report;
        try (InputStream in = Files.newInputStream(file)) {
            report = perObject
                    ? validateEachObject(in, file.toString())
                    : new FileValidator(StixValidator.builtIn()).validate(in, file.toString());
        }
        long elapsed = System.nanoTime() - start;
        sampler.interrupt();
        sampler.join();
        sampledPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);

        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        Thread.sleep(200); // GC notifications arrive asynchronously
        long liveSetPeak = maxAfterGc.get();
        long collectionsDuringRun = collections.get();
        System.gc();
        long retainedAfter = memory.getHeapMemoryUsage().getUsed();

        System.out.printf(
                "path: %s%n",
                perObject
                        ? "StixReader + StixValidator per object (no cross-object reference check)"
                        : "FileValidator (per-object checks + cross-object reference check)");
        System.out.printf("file: %s (%,d bytes on disk)%n", file, Files.size(file));
        System.out.printf("objects: %,d%n", report.objects());
        System.out.printf(
                "errors: %,d, warnings: %,d, failure: %s%n",
                report.errors().size(), report.warnings().size(), report.failure());
        System.out.printf(
                "max heap (-Xmx): %.1f MiB%n", mib(Runtime.getRuntime().maxMemory()));
        System.out.printf("peak heap used (MemoryMXBean, sampled every 5 ms): %.1f MiB%n", mib(sampledPeak.get()));
        System.out.printf("sum of heap pools' peak usage (upper bound, not simultaneous): %.1f MiB%n", mib(poolPeaks));
        System.out.printf(
                "max heap used right after a GC during the run (live set): %.1f MiB over %d collections%n",
                mib(liveSetPeak), collectionsDuringRun);
        System.out.printf("heap used after System.gc(), report still live: %.1f MiB%n", mib(retainedAfter));
        System.out.printf("time: %.2f s (gunzip included)%n", elapsed / 1e9);
        if (report.failure() != null) {
            System.exit(1);
        }
    }

    /** The per-object path alone: what {@link FileValidator} does minus its cross-object reference bookkeeping. */
    private static FileValidator.Report validateEachObject(InputStream in, String source) {
        StixValidator validator = StixValidator.builtIn();
        List<Violation> errors = new ArrayList<>();
        List<Violation> warnings = new ArrayList<>();
        int objects = 0;
        try (StixReader reader = StixReader.open(in, source)) {
            while (reader.hasNext()) {
                StixObject object = reader.next();
                objects++;
                validator.validate(object, reader.path(), v -> (v.isError() ? errors : warnings).add(v));
            }
        } catch (StixParseException e) {
            return new FileValidator.Report(source, objects, errors, warnings, e);
        }
        return new FileValidator.Report(source, objects, errors, warnings, null);
    }

    /** Records the heap occupancy after every collection that ends while the file is read. */
    private static void listenToCollections(AtomicLong maxAfterGc, AtomicLong collections) {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long after = 0;
            for (Map.Entry<String, MemoryUsage> e :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    after += e.getValue().getUsed();
                }
            }
            maxAfterGc.accumulateAndGet(after, Math::max);
            collections.incrementAndGet();
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
