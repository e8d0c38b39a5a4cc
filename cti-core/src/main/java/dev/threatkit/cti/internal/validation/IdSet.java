package dev.threatkit.cti.internal.validation;

import java.util.Arrays;

/**
 * A set of STIX identifiers for reference checks across a file, each with a kind from 0 to 127 that its caller
 * defines ({@link FileReferences} keeps what it knows of the identifier's form and type). It hashes fifteen
 * characters of the UUID ({@link #hash}), where {@code String.hashCode} would read all sixty characters of every
 * reference (each a fresh {@code String} from the parser, so never cached) and a {@code HashSet} would chase a
 * node per entry; should ids collide under that hash, the set turns to a seeded hash of every character. Flat
 * arrays, linear probing, the kind in the low bits of the stored hash (one array less to miss in the cache); not
 * thread-safe.
 *
 * <p>The ids of relationships and sightings are only logged, in the order they come, and go into a set of their own
 * on the first look-up of such an id. A big file holds thousands of them (ATT&amp;CK 18.1: 20,048 relationships
 * among 24,771 objects) and refers to few or none, and hashing and placing each one, a cache miss in a table that
 * has outgrown the cache, cost more than a third of the reference bookkeeping. Which part holds an id depends on
 * its prefix alone.
 */
public final class IdSet {
    private static final int KIND = 0x7F;
    // a probe run longer than this, at a load of at most one half, means the hash is not spreading the ids
    static final int LONG_RUN = 64;

    // sized for a file of some thousands of objects, as most are, without rehashing on the way
    private String[] keys = new String[1 << 14];
    private int[] hashes = new int[1 << 14]; // the hash's high bits and the kind
    private int size;
    // 0 while the sampled hash serves; once a probe run grows long, a random seed for hashing every character
    private long seed;
    // relationship and sighting ids not indexed yet, with their kinds
    private final boolean logsRelations;
    private String[] logged;
    private byte[] loggedKinds;
    private int loggedCount;
    private IdSet relations; // made on the first look-up of such an id; from then on they go there at once

    public IdSet() {
        this(true);
    }

    private IdSet(boolean logsRelations) {
        this.logsRelations = logsRelations;
    }

    /**
     * Adds {@code id} with {@code kind} (0 to 127); an id already present keeps the lower of its two kinds, so a
     * caller can rank what it knows.
     */
    public void add(String id, int kind) {
        if (logsRelations && isRelation(id)) {
            if (relations != null) {
                relations.add(id, kind);
            } else {
                log(id, kind);
            }
            return;
        }
        int h = hashOf(id);
        int mask = keys.length - 1;
        int slot = (h >>> 7) & mask; // the bits above the kind
        int run = 0;
        while (keys[slot] != null) {
            if ((hashes[slot] & ~KIND) == (h & ~KIND) && keys[slot].equals(id)) {
                if (kind < (hashes[slot] & KIND)) {
                    hashes[slot] = (h & ~KIND) | kind;
                }
                return;
            }
            if (++run > LONG_RUN && seed == 0) {
                reseed();
                add(id, kind);
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = id;
        hashes[slot] = (h & ~KIND) | kind;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** The kind of {@code id}, or -1 when it is not in the set. */
    public int kind(String id) {
        if (logsRelations && isRelation(id)) {
            return relations().kind(id);
        }
        int h = hashOf(id);
        int mask = keys.length - 1;
        int slot = (h >>> 7) & mask; // the bits above the kind
        int run = 0;
        while (keys[slot] != null) {
            if ((hashes[slot] & ~KIND) == (h & ~KIND) && keys[slot].equals(id)) {
                return hashes[slot] & KIND;
            }
            if (++run > LONG_RUN && seed == 0) {
                reseed();
                return kind(id);
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    public int size() {
        return size + (logsRelations ? relations().size() : 0);
    }

    private static boolean isRelation(String id) {
        return id.startsWith("relationship--") || id.startsWith("sighting--");
    }

    private void log(String id, int kind) {
        if (logged == null) {
            logged = new String[1 << 10];
            loggedKinds = new byte[1 << 10];
        } else if (loggedCount == logged.length) {
            logged = Arrays.copyOf(logged, loggedCount * 2);
            loggedKinds = Arrays.copyOf(loggedKinds, loggedCount * 2);
        }
        logged[loggedCount] = id;
        loggedKinds[loggedCount++] = (byte) kind;
    }

    /** The set of relationship and sighting ids, made now from the log if it was not. */
    private IdSet relations() {
        if (relations == null) {
            relations = new IdSet(false);
            for (int i = 0; i < loggedCount; i++) {
                relations.add(logged[i], loggedKinds[i]);
            }
            logged = null;
            loggedKinds = null;
            loggedCount = 0;
        }
        return relations;
    }

    /** Whether the set gave up the sampled hash for the seeded one; for tests. */
    boolean reseeded() {
        return seed != 0 || (relations != null && relations.reseeded());
    }

    private int hashOf(String id) {
        return seed == 0 ? hash(id) : seededHash(id, seed);
    }

    /**
     * Turns to hashing every character with a random seed, and places every id again. A probe run this long does
     * not happen by chance at half load: the ids differ only where the sampled hash does not look, by design or
     * because their generator varies other characters, and every later look-up would walk the run.
     */
    private void reseed() {
        seed = java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                hashes[i] = (seededHash(keys[i], seed) & ~KIND) | (hashes[i] & KIND);
            }
        }
        rebuild(keys.length);
    }

    private void grow() {
        // a file that outgrows the first table is a big one: skip a step while the tables are small
        rebuild(keys.length * (keys.length < 1 << 18 ? 4 : 2));
    }

    /** Places every id again in tables of {@code length} slots, by the hashes held. */
    private void rebuild(int length) {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        keys = new String[length];
        hashes = new int[length];
        int mask = length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = (oldHashes[i] >>> 7) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }

    /**
     * A hash of every character of {@code id}, keyed by {@code seed}, for a table whose ids collided under
     * {@link #hash}: without the seed, ids cannot be made to collide on purpose.
     */
    static int seededHash(String id, long seed) {
        long h = seed ^ id.length();
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * The hash of an identifier, spread; shared with {@link PendingReferences}. Fifteen characters of the UUID
     * rather than all of the id: every reference of every object is a fresh string from the parser, so
     * {@code String.hashCode} would read all of it each time. Which fifteen: the last eight, random in the UUIDs
     * STIX asks for (versions 4 and 5, and 7); characters 4 to 7, the fastest-moving part of a version 1 UUID's
     * time, whose last twelve characters are the generating machine's and the same in every id it makes; and 15 to
     * 17, the same for version 6. Hashing only a version 1 id's last characters made a file of such ids take time
     * growing with the square of its size.
     */
    static int hash(String id) {
        int n = id.length();
        int h = n;
        if (n < 36) {
            for (int i = 0; i < n; i++) {
                h = 31 * h + id.charAt(i);
            }
        } else {
            int u = n - 36; // where a UUID at the end starts
            for (int i = u + 4; i < u + 8; i++) {
                h = 31 * h + id.charAt(i);
            }
            for (int i = u + 15; i < u + 18; i++) {
                h = 31 * h + id.charAt(i);
            }
            for (int i = n - 8; i < n; i++) {
                h = 31 * h + id.charAt(i);
            }
        }
        h *= 0x9E3779B9; // spread the bits over the table index
        return h ^ (h >>> 15);
    }
}
