package dev.threatkit.cti.internal.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * References to identifiers not seen (yet) in a file, one entry per target: the first referring object and
 * path, and how many references there were. Targets are hashed like {@link IdSet} (some characters of the
 * UUID only): every reference of every object passes through here, each a fresh string whose full hash would cost
 * a read of all its characters. Should the targets collide under that hash (a probe run longer than
 * {@link IdSet#LONG_RUN}), the table turns to a seeded hash of every character, as the id set does. Open
 * addressing with backward-shift deletion, as a target leaves when its object turns up. Not thread-safe.
 */
public final class PendingReferences {
    /** One missing target. */
    public record Target(String id, String firstObjectId, String firstPath, int count) {}

    private String[] keys = new String[1 << 8];
    private int[] hashes = new int[1 << 8];
    private String[] firstObjects = new String[1 << 8];
    private String[] firstPaths = new String[1 << 8];
    private int[] counts = new int[1 << 8];
    private long[] order = new long[1 << 8]; // insertion sequence, to report in first-seen order
    private long sequence;
    private int size;
    private long seed; // 0 while the sampled hash serves
    private boolean crowded; // a probe run grew long
    // how many targets end in each character (its low six bits): most ids added to a file are not awaited, and
    // this tells so for most of them without hashing the id
    private final int[] lastCharacters = new int[64];

    /** Records a reference to {@code target}; the path is formatted only for a target's first reference. */
    public void add(String target, String objectId, java.util.function.Supplier<String> path) {
        int h = hashOf(target);
        int slot = slotOf(target, h);
        if (crowded) {
            reseed();
            h = hashOf(target);
            slot = slotOf(target, h);
        }
        if (keys[slot] != null) {
            counts[slot]++;
            return;
        }
        keys[slot] = target;
        lastCharacters[last(target)]++;
        hashes[slot] = h;
        firstObjects[slot] = objectId;
        firstPaths[slot] = path.get();
        counts[slot] = 1;
        order[slot] = sequence++;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** Counts {@code n} more references to {@code target}, which must be missing ({@link #add} was called). */
    public void count(String target, int n) {
        int slot = slotOf(target, hashOf(target));
        if (crowded) {
            reseed();
            slot = slotOf(target, hashOf(target));
        }
        counts[slot] += n;
    }

    /** Forgets {@code id}: its object turned up. True when it was missing. */
    public boolean remove(String id) {
        if (size > 0 && lastCharacters[last(id)] > 0) {
            int slot = slotOf(id, hashOf(id));
            if (crowded) {
                reseed();
                slot = slotOf(id, hashOf(id));
            }
            if (keys[slot] != null) {
                delete(slot);
                return true;
            }
        }
        return false;
    }

    private static int last(String id) {
        return id.isEmpty() ? 0 : id.charAt(id.length() - 1) & 63;
    }

    /** The slot holding {@code id}, or the empty slot where it would go. */
    private int slotOf(String id, int h) {
        int mask = keys.length - 1;
        int slot = h & mask;
        String k;
        int run = 0;
        while ((k = keys[slot]) != null && !(hashes[slot] == h && k.equals(id))) {
            slot = (slot + 1) & mask;
            run++;
        }
        crowded = run > IdSet.LONG_RUN && seed == 0;
        return slot;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The targets still missing, in the order of their first reference. */
    public List<Target> targets() {
        List<Target> out = new ArrayList<>(size);
        List<Long> seq = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                out.add(new Target(keys[i], firstObjects[i], firstPaths[i], counts[i]));
                seq.add(order[i]);
            }
        }
        Integer[] idx = new Integer[out.size()];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, Comparator.comparingLong(seq::get));
        List<Target> sorted = new ArrayList<>(out.size());
        for (Integer i : idx) {
            sorted.add(out.get(i));
        }
        return sorted;
    }

    /** Removes the entry at {@code slot} and shifts back the entries of its probe run behind it. */
    private void delete(int slot) {
        lastCharacters[last(keys[slot])]--;
        int mask = keys.length - 1;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (keys[next] != null) {
            int home = hashes[next] & mask;
            // move next into the hole unless its home lies cyclically in (hole, next]
            boolean stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (!stays) {
                move(next, hole);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = null;
        firstObjects[hole] = null;
        firstPaths[hole] = null;
        size--;
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        hashes[to] = hashes[from];
        firstObjects[to] = firstObjects[from];
        firstPaths[to] = firstPaths[from];
        counts[to] = counts[from];
        order[to] = order[from];
    }

    private int hashOf(String id) {
        return seed == 0 ? IdSet.hash(id) : IdSet.seededHash(id, seed);
    }

    /** Whether the table gave up the sampled hash for the seeded one; for tests. */
    boolean reseeded() {
        return seed != 0;
    }

    /** Turns to the seeded hash of every character and places every target again. */
    private void reseed() {
        seed = java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1;
        crowded = false;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                hashes[i] = hashOf(keys[i]);
            }
        }
        rebuild(keys.length);
    }

    private void grow() {
        rebuild(keys.length * 2);
    }

    /** Places every entry again in tables of {@code capacity} slots, by the hashes held. */
    private void rebuild(int capacity) {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        String[] oldObjects = firstObjects;
        String[] oldPaths = firstPaths;
        int[] oldCounts = counts;
        long[] oldOrder = order;
        keys = new String[capacity];
        hashes = new int[capacity];
        firstObjects = new String[capacity];
        firstPaths = new String[capacity];
        counts = new int[capacity];
        order = new long[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            String key = oldKeys[i];
            if (key != null) {
                int slot = slotOf(key, oldHashes[i]);
                keys[slot] = key;
                hashes[slot] = oldHashes[i];
                firstObjects[slot] = oldObjects[i];
                firstPaths[slot] = oldPaths[i];
                counts[slot] = oldCounts[i];
                order[slot] = oldOrder[i];
            }
        }
    }
}
