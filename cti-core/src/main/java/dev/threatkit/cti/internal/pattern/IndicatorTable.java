package dev.threatkit.cti.internal.pattern;

import dev.threatkit.cti.pattern.Literal;
import dev.threatkit.cti.pattern.ObjectPath;
import dev.threatkit.cti.pattern.ObservationExpression;
import dev.threatkit.cti.pattern.ObservedData;
import dev.threatkit.cti.pattern.Pattern;
import dev.threatkit.cti.stix.StixProperties;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The lookup structures of the indicator index: for each observation expression of each indicator, its
 * {@link IndexKey}s, filed so that one event finds the expressions it may satisfy: equality values in hash
 * maps per path, networks in a prefix trie, numeric bounds in an ordered map, LIKE/MATCHES literals by
 * five-character piece, and the rest by object type. Candidates are then evaluated in full by the caller. Not
 * thread-safe: the index guards it.
 */
public final class IndicatorTable {
    /** One observation expression of one indicator, as filed. */
    public static final class Entry {
        public final String indicatorId;
        public final Pattern pattern;
        public final ObservationExpression.Observation observation;
        final List<IndexKey> keys;

        Entry(String indicatorId, Pattern pattern, ObservationExpression.Observation observation, List<IndexKey> keys) {
            this.indicatorId = indicatorId;
            this.pattern = pattern;
            this.observation = observation;
            this.keys = keys;
        }
    }

    /** Everything filed under one path of one type. */
    private static final class PathIndex {
        final ObjectPath path;
        final LongMap<List<Entry>> strings = new LongMap<>(); // by textHash(): a collision is only a candidate
        final Map<String, List<Entry>> others = new HashMap<>(); // numbers and booleans, by canonical text
        final CidrTrie cidrs = new CidrTrie();
        final Intervals<Entry> ranges = new Intervals<>();
        final LongMap<List<Entry>> grams = new LongMap<>(); // by packed piece, see pack()
        final long[] gramFilter = new long[1 << 12]; // a bit per piece ever filed, checked before the map
        final Map<Entry, java.util.ArrayDeque<Long>> chosenGrams = new HashMap<>(); // one per Gram key, in order
        int uses;

        final boolean keysOnly; // only key steps, none through a reference
        final String[] keys;

        PathIndex(ObjectPath path) {
            this.path = path;
            boolean simple =
                    !path.property().endsWith("_ref") && !path.property().endsWith("_refs");
            List<String> ks = new ArrayList<>();
            for (dev.threatkit.cti.pattern.PathStep step : path.steps()) {
                if (step instanceof dev.threatkit.cti.pattern.PathStep.Key k) {
                    ks.add(k.name());
                    simple &= !k.name().endsWith("_ref") && !k.name().endsWith("_refs");
                } else {
                    simple = false;
                }
            }
            this.keysOnly = simple;
            this.keys = ks.toArray(new String[0]);
        }
    }

    private final Map<String, Map<String, PathIndex>> pathsByType = new HashMap<>();
    private final Map<String, PathIndex[]> pathArrays = new HashMap<>(); // the same, as arrays for the lookups
    private final Map<String, List<Entry>> byType = new HashMap<>();
    // a bit per exact string value ever filed (all paths): most event values are in no indicator, and one probe
    // here (256 KB, mostly cached) saves a probe of the large table
    private final long[] stringFilter = new long[1 << 15];

    /** Files the observation expression {@code o} of an indicator. */
    public Entry add(String indicatorId, Pattern pattern, ObservationExpression.Observation o) {
        List<IndexKey> keys = IndexPlan.keys(o.comparison());
        Entry entry = new Entry(indicatorId, pattern, o, keys);
        for (IndexKey k : keys) {
            file(entry, k, true);
        }
        return entry;
    }

    public void remove(Entry entry) {
        for (IndexKey k : entry.keys) {
            file(entry, k, false);
        }
    }

    private void file(Entry e, IndexKey key, boolean add) {
        if (key instanceof IndexKey.Type t) {
            edit(byType, t.type(), e, add);
            return;
        }
        ObjectPath path = key instanceof IndexKey.Exact x
                ? x.path()
                : key instanceof IndexKey.Cidr c
                        ? c.path()
                        : key instanceof IndexKey.Range r ? r.path() : ((IndexKey.Gram) key).path();
        Map<String, PathIndex> paths = pathsByType.computeIfAbsent(key.type(), t -> new HashMap<>());
        String pathText = path.toString();
        PathIndex p = paths.get(pathText);
        if (p == null) {
            p = new PathIndex(path);
            paths.put(pathText, p);
            pathArrays.put(key.type(), paths.values().toArray(new PathIndex[0]));
        }
        if (key instanceof IndexKey.Exact x) {
            if (x.value().charAt(0) == 's') {
                long h = textHash(x.value(), 1);
                editLong(p.strings, h, e, add);
                if (add) {
                    stringFilter[(int) (h >>> 49)] |= 1L << (h & 63);
                }
            } else {
                edit(p.others, x.value().substring(1), e, add);
            }
        } else if (key instanceof IndexKey.Cidr c) {
            p.cidrs.edit(c.network(), e, add);
        } else if (key instanceof IndexKey.Range r) {
            if (add) {
                p.ranges.add(r.low(), r.high(), e);
            } else {
                p.ranges.remove(e);
            }
        } else {
            Long gram;
            if (add) {
                gram = rarestGram(p, ((IndexKey.Gram) key).literal());
                p.chosenGrams
                        .computeIfAbsent(e, x -> new java.util.ArrayDeque<>(1))
                        .addLast(gram);
            } else {
                java.util.ArrayDeque<Long> chosen = p.chosenGrams.get(e);
                gram = chosen == null ? null : chosen.pollFirst(); // keys are removed in the order they were filed
                if (chosen != null && chosen.isEmpty()) {
                    p.chosenGrams.remove(e);
                }
            }
            if (gram != null) {
                editLong(p.grams, gram, e, add);
                if (add) {
                    p.gramFilter[filterSlot(gram)] |= filterBit(gram); // bits stay set on removal: a filter may err yes
                }
            }
        }
        p.uses += add ? 1 : -1;
        if (p.uses == 0) {
            paths.remove(pathText);
            if (paths.isEmpty()) {
                pathsByType.remove(key.type());
                pathArrays.remove(key.type());
            } else {
                pathArrays.put(key.type(), paths.values().toArray(new PathIndex[0]));
            }
        }
    }

    /**
     * The piece of {@code literal} under which the fewest entries are filed yet: pieces every value has (".exe",
     * "http") would make every event a candidate for every such entry.
     */
    private static Long rarestGram(PathIndex p, String literal) {
        Long best = null;
        int bestCount = Integer.MAX_VALUE;
        for (int i = literal.length() - IndexPlan.GRAM; i >= 0; i--) {
            Long g = pack(literal, i);
            List<Entry> filed = p.grams.get(g);
            int count = filed == null ? 0 : filed.size();
            if (count < bestCount) {
                best = g;
                bestCount = count;
            }
        }
        return best;
    }

    private static void editLong(LongMap<List<Entry>> map, long key, Entry e, boolean add) {
        if (add) {
            map.computeIfAbsent(key, k -> new ArrayList<>(2)).add(e);
        } else {
            drop(map.get(key), e, () -> map.remove(key));
        }
    }

    /** Removes {@code e} from a filed list; {@code whenEmpty} unfiles the list once nothing is left in it. */
    private static void drop(List<Entry> list, Entry e, Runnable whenEmpty) {
        if (list != null && list.remove(e) && list.isEmpty()) {
            whenEmpty.run();
        }
    }

    /** A 64-bit hash of {@code s} from {@code from}: the exact-value table's key. */
    static long textHash(String s, int from) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h ^ (h >>> 29);
    }

    private static int filterSlot(long gram) {
        return (int) ((gram * 0x9E3779B97F4A7C15L) >>> 52); // 4,096 longs of 64 bits: 32 KB
    }

    private static long filterBit(long gram) {
        return 1L << (gram * 0xC2B2AE3D27D4EB4FL >>> 58);
    }

    private static <K> void edit(Map<K, List<Entry>> map, K key, Entry e, boolean add) {
        if (add) {
            map.computeIfAbsent(key, k -> new ArrayList<>(2)).add(e);
        } else {
            drop(map.get(key), e, () -> map.remove(key));
        }
    }

    // ---- lookup --------------------------------------------------------------------------------------------

    /** Every entry some object of {@code event} may satisfy (with repeats); the caller evaluates them. */
    public void candidates(ObservedData event, Consumer<Entry> out) {
        for (StixProperties object : event.objects().values()) {
            String type = object.getString("type");
            if (type == null) {
                continue;
            }
            List<Entry> anyOfType = byType.get(type);
            if (anyOfType != null) {
                anyOfType.forEach(out);
            }
            PathIndex[] paths = pathArrays.get(type);
            if (paths == null) {
                continue;
            }
            for (PathIndex p : paths) {
                if (p.keysOnly) { // a.b.c without lists or references: walk it without allocating
                    Object v = object.get(p.path.property());
                    for (int i = 0; v != null && i < p.keys.length; i++) {
                        v = v instanceof StixProperties m ? m.get(p.keys[i]) : null;
                    }
                    if (v != null) {
                        lookup(p, v, out);
                    }
                } else {
                    for (Object v : ComparisonEvaluator.resolve(p.path, object, event)) {
                        lookup(p, v, out);
                    }
                }
            }
        }
    }

    private void lookup(PathIndex p, Object v, Consumer<Entry> out) {
        if (v instanceof String s) {
            List<Entry> hit = null;
            if (p.strings.size() > 0) {
                long h = textHash(s, 0);
                if ((stringFilter[(int) (h >>> 49)] & (1L << (h & 63))) != 0) {
                    hit = p.strings.get(h);
                }
            }
            if (hit != null) {
                hit.forEach(out);
            }
            if (!p.cidrs.isEmpty()) {
                long v4 = IpNetworks.ipv4Block(s);
                if (v4 >= 0) {
                    p.cidrs.collectV4((int) v4, (int) (v4 >>> 32), out);
                } else {
                    IpNetworks.Network n = IpNetworks.parse(s);
                    if (n != null) {
                        p.cidrs.collect(n, out);
                    }
                }
            }
            if (p.grams.size() > 0) {
                grams(p, s, out);
            }
        } else if (v instanceof Number || v instanceof Boolean) {
            String spelling = p.others.isEmpty() ? null : canonical(v);
            if (spelling != null) {
                List<Entry> hit = p.others.get(spelling);
                if (hit != null) {
                    hit.forEach(out);
                }
            }
            if (v instanceof Number n && !p.ranges.isEmpty() && !Double.isNaN(n.doubleValue())) {
                p.ranges.containing(n.doubleValue(), out);
            }
        }
        // a list without [n] or [*] equals no constant: nothing to look up
    }

    private static void grams(PathIndex p, String s, Consumer<Entry> out) {
        // a rolling window of the last GRAM characters, as pack() spells a piece
        long[] filter = p.gramFilter;
        long window = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) { // not ASCII: LIKE and MATCHES see the NFC form, so the pieces must come from it
                String normal = Normalizer.normalize(s, Normalizer.Form.NFC);
                for (int k = 0; k + IndexPlan.GRAM <= normal.length(); k++) {
                    probe(p, pack(normal, k), out);
                }
                return;
            }
            window = ((window << BITS) | (c & CHAR_MASK)) & WINDOW_MASK;
            if (i >= IndexPlan.GRAM - 1 && (filter[filterSlot(window)] & filterBit(window)) != 0) {
                List<Entry> hit = p.grams.get(window);
                if (hit != null) {
                    hit.forEach(out);
                }
            }
        }
    }

    private static void probe(PathIndex p, long gram, Consumer<Entry> out) {
        if ((p.gramFilter[filterSlot(gram)] & filterBit(gram)) != 0) {
            List<Entry> hit = p.grams.get(gram);
            if (hit != null) {
                hit.forEach(out);
            }
        }
    }

    /**
     * {@link IndexPlan#GRAM} characters from {@code i} as one number, twelve bits each (a character beyond
     * U+0FFF shares its low bits with others: a piece may then collide, which only adds a candidate).
     */
    private static long pack(String s, int i) {
        long w = 0;
        for (int k = 0; k < IndexPlan.GRAM; k++) {
            w = (w << BITS) | (s.charAt(i + k) & CHAR_MASK);
        }
        return w;
    }

    private static final int BITS = 12;
    private static final long CHAR_MASK = (1L << BITS) - 1;
    private static final long WINDOW_MASK = (1L << (BITS * IndexPlan.GRAM)) - 1;

    // ---- value spelling ------------------------------------------------------------------------------------

    /** "s" + text for strings, "n" + canonical number, "b" + true/false; null for constants not filed exactly. */
    static String literalKey(Literal l) {
        if (l instanceof Literal.StringLiteral s) {
            return "s" + s.value();
        }
        if (l instanceof Literal.IntegerLiteral i) {
            return "n" + i.value();
        }
        if (l instanceof Literal.FloatLiteral f) {
            return Double.isFinite(f.value()) ? "n" + canonical(f.value()) : null;
        }
        if (l instanceof Literal.BooleanLiteral b) {
            return "b" + b.value();
        }
        return null;
    }

    /** One spelling per number value (5, 5.0 and 5L alike) and for booleans, for the "others" map. */
    private static String canonical(Object v) {
        if (v instanceof Boolean b) {
            return b.toString(); // cannot collide with a number's spelling
        }
        if (v instanceof Long || v instanceof Integer) {
            return Long.toString(((Number) v).longValue());
        }
        if (v instanceof Double x && !Double.isFinite(x)) {
            return null; // NaN or infinite: no constant equals it
        }
        BigDecimal d = v instanceof BigInteger b
                ? new BigDecimal(b)
                : v instanceof BigDecimal x ? x : new BigDecimal(((Number) v).doubleValue());
        d = d.stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        // beyond what a 64-bit integer or a finite double constant can be: no constant equals it, and its plain
        // spelling could run to millions of digits (1e999999999)
        if (d.precision() - d.scale() > 400 || d.scale() > 1100) {
            return null;
        }
        return d.toPlainString();
    }

    /** Addresses by prefix: every network on the path of an address contains it. */
    private static final class CidrTrie {
        private static final class Node {
            Node zero;
            Node one;
            List<Entry> entries;
        }

        private final Node v4 = new Node();
        private final Node v6 = new Node();
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        void edit(IpNetworks.Network n, Entry e, boolean add) {
            Node node = n.bits() == 32 ? v4 : v6;
            for (int i = 0; i < n.prefix(); i++) {
                boolean bit = n.base().testBit(n.bits() - 1 - i);
                Node next = bit ? node.one : node.zero;
                if (next == null) {
                    if (!add) {
                        return;
                    }
                    next = new Node();
                    if (bit) {
                        node.one = next;
                    } else {
                        node.zero = next;
                    }
                }
                node = next;
            }
            if (add) {
                if (node.entries == null) {
                    node.entries = new ArrayList<>(1);
                }
                node.entries.add(e);
                size++;
            } else if (node.entries != null && node.entries.remove(e)) {
                size--; // empty nodes stay: they are few and cheap
            }
        }

        /** Entries whose IPv4 network contains all of address/prefix. */
        void collectV4(int address, int prefix, Consumer<Entry> out) {
            Node node = v4;
            for (int i = 0; node != null; i++) {
                if (node.entries != null) {
                    node.entries.forEach(out);
                }
                if (i == prefix) {
                    break;
                }
                node = (address & (1 << (31 - i))) != 0 ? node.one : node.zero;
            }
        }

        /** Entries whose network contains all of {@code n}. */
        void collect(IpNetworks.Network n, Consumer<Entry> out) {
            Node node = n.bits() == 32 ? v4 : v6;
            for (int i = 0; node != null; i++) {
                if (node.entries != null) {
                    node.entries.forEach(out);
                }
                if (i == n.prefix()) {
                    break;
                }
                node = n.base().testBit(n.bits() - 1 - i) ? node.one : node.zero;
            }
        }
    }
}
