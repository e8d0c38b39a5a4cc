package dev.threatkit.cti.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill test: a child JVM ({@link KillTestChild}) imports synthetic bundles of 2,500 objects in a loop and
 * reports each acknowledgement; at a random moment (seeded) it gets SIGKILL. The store opened afterwards must open
 * (a torn last record is cut off and reported), hold every acknowledged bundle whole, hold no object that is not
 * exactly as generated, and hold what was written in the order it was written: whole bundles, then at most part of
 * the next one (its first objects), then nothing. Then it must take writes again.
 *
 * <p>A killed process loses nothing it wrote (the page cache outlives it), and a record is one write, so a kill
 * alone leaves no torn record. Every other run therefore also cuts the journal at a random byte after what the
 * last acknowledgement covered, as a power cut would drop the unsynced tail: recovery must cut off the torn record
 * and the same holds.
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // destroyForcibly is SIGKILL there
class KillTest {
    @TempDir
    Path tmp;

    private static final long[] SEEDS = {11, 22, 33, 44, 55, 66};
    private static final int MAX_DELAY_MS = 3_000;

    @Test
    void acknowledgedBundlesSurviveSigkillWholeAndNothingIsStoredHalf() throws Exception {
        List<String> runs = new ArrayList<>();
        for (long seed : SEEDS) {
            runs.add(killOnce(seed));
        }
        runs.forEach(System.out::println);
    }

    private String killOnce(long seed) throws Exception {
        Random random = new Random(seed);
        Path data = tmp.resolve("data-" + seed);
        Path work = Files.createDirectories(tmp.resolve("work-" + seed));
        Path stderr = work.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", // short-lived: C1 only warms up sooner
                "-cp",
                System.getProperty("java.class.path"),
                KillTestChild.class.getName(),
                data.toString(),
                work.toString(),
                "1000");
        pb.redirectError(stderr.toFile());
        Process child = pb.start();
        List<Integer> acks = Collections.synchronizedList(new ArrayList<>());
        long[] syncedBytes = {0};
        List<String> other = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(1);
        Thread out = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("ACK ")) {
                        String[] parts = line.split(" ");
                        acks.add(Integer.parseInt(parts[1]));
                        syncedBytes[0] = Long.parseLong(parts[2]);
                    } else {
                        other.add(line);
                    }
                }
            } catch (IOException closed) {
                // the child is gone
            }
        });
        out.start();
        int delay;
        try {
            assertThat(ready.await(60, TimeUnit.SECONDS))
                    .as("the child did not open the store: %s", stderrOf(stderr))
                    .isTrue();
            delay = random.nextInt(MAX_DELAY_MS);
            Thread.sleep(delay);
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        out.join(10_000);
        // 128 + 9: killed by the signal, not finished nor failed on its own
        assertThat(child.exitValue()).as("%s %s", other, stderrOf(stderr)).isEqualTo(137);
        List<Integer> acknowledged = new ArrayList<>(acks);
        assertThat(acknowledged)
                .isEqualTo(IntStream.range(0, acknowledged.size()).boxed().collect(Collectors.toList()));

        String cut = "";
        if (random.nextBoolean()) {
            List<Path> segments;
            try (Stream<Path> s = Files.list(data.resolve("journal"))) {
                segments = s.collect(Collectors.toList());
            }
            assertThat(segments).hasSize(1); // one segment: acknowledged sizes are offsets in it
            Path segment = segments.get(0);
            long size = Files.size(segment);
            long keep = syncedBytes[0] + (long) (random.nextDouble() * (size - syncedBytes[0]));
            try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                ch.truncate(keep);
            }
            cut = ", journal cut to " + keep + " of " + size + " bytes";
        }
        String note;
        int whole;
        int partial;
        try (Cti cti = Cti.builder().dataDirectory(data).build()) {
            note = cti.recoveryNote();
            // Every stored object is exactly as generated.
            Map<Integer, BitSet> present = new TreeMap<>();
            long[] stored = {0};
            cti.forEachObject(Caller.ADMIN, o -> {
                int[] at = SyntheticBundles.parse(o.id());
                assertThat(at).as("unexpected object %s", o.id()).isNotNull();
                assertThat(o).isEqualTo(expected(at[0], at[1]));
                present.computeIfAbsent(at[0], k -> new BitSet()).set(at[1]);
                stored[0]++;
            });
            // Whole bundles, then at most the first objects of the next one, then nothing.
            whole = 0;
            while (present.containsKey(whole) && present.get(whole).cardinality() == SyntheticBundles.SIZE) {
                whole++;
            }
            BitSet next = present.getOrDefault(whole, new BitSet());
            partial = next.cardinality();
            assertThat(next.nextClearBit(0))
                    .as("bundle %d is not a prefix", whole)
                    .isEqualTo(partial);
            int last = whole;
            assertThat(present.keySet()).allMatch(n -> n <= last);
            assertThat(stored[0]).isEqualTo((long) whole * SyntheticBundles.SIZE + partial);
            // Every acknowledged bundle is whole, and each of its objects can be got as generated.
            assertThat(whole).isGreaterThanOrEqualTo(acknowledged.size());
            for (int n : acknowledged) {
                for (int i = 0; i < SyntheticBundles.SIZE; i++) {
                    assertThat(cti.get(SyntheticBundles.id(n, i), Caller.ADMIN)).contains(expected(n, i));
                }
            }
            assertThat(cti.stats().values().stream()
                            .mapToLong(Integer::longValue)
                            .sum())
                    .isEqualTo(stored[0]);
            // And it is a store again: it takes the next bundle.
            Path file = work.resolve("after.json");
            SyntheticBundles.write(whole + 1, file);
            ImportReport r = cti.importFiles(List.of(file), Caller.ADMIN);
            assertThat(r.ok()).isTrue();
            assertThat(r.created()).isEqualTo(SyntheticBundles.SIZE);
        }
        try (Cti again = Cti.builder().dataDirectory(data).build()) {
            assertThat(again.recoveryNote()).isNull();
            assertThat(again.stats().values().stream()
                            .mapToLong(Integer::longValue)
                            .sum())
                    .isEqualTo((long) (whole + 1) * SyntheticBundles.SIZE + partial);
        }
        return String.format(
                "seed %d: killed %d ms after opening%s; %d acknowledged, %d whole, %d objects of bundle %d; recovery: %s",
                seed, delay, cut, acknowledged.size(), whole, partial, whole, note == null ? "clean" : note);
    }

    private static StixObject expected(int bundle, int index) {
        return StixJson.parseObject(SyntheticBundles.json(bundle, index));
    }

    private static String stderrOf(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
