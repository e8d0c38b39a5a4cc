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
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The lookup structures of the indicator index: for each observation expression of each indicator, its
 * {@link IndexKey}s, filed so that one event finds the expressions it may satisfy: equality values in hash
 * maps per path, networks in a prefix trie, numeric bounds in an ordered map, LIKE/MATCHES literals by
 * four-character piece, and the rest by object type. Candidates are then evaluated in full by the caller. Not
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
        final Map<String, List<Entry>> strings = new HashMap<>();
        final Map<String, List<Entry>> others = new HashMap<>(); // numbers and booleans, by canonical text
        final CidrTrie cidrs = new CidrTrie();
        final NavigableMap<Double, List<Entry>> narrowRanges = new TreeMap<>();
        final Map<Entry, double[]> rangeBounds = new HashMap<>();
        final List<Entry> wideRanges = new ArrayList<>();
        double widest; // of the narrow ranges
        final Map<String, List<Entry>> grams = new HashMap<>();
        int uses;

        PathIndex(ObjectPath path) {
            this.path = path;
        }
    }

    private static final double NARROW = 1 << 16;

    private final Map<String, Map<String, PathIndex>> pathsByType = new HashMap<>();
    private final Map<String, List<Entry>> byType = new HashMap<>();

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
        PathIndex p = paths.computeIfAbsent(pathText, t -> new PathIndex(path));
        if (key instanceof IndexKey.Exact x) {
            edit(x.value().charAt(0) == 's' ? p.strings : p.others, x.value().substring(1), e, add);
        } else if (key instanceof IndexKey.Cidr c) {
            p.cidrs.edit(c.network(), e, add);
        } else if (key instanceof IndexKey.Range r) {
            double width = r.high() - r.low();
            if (width > NARROW || Double.isNaN(width)) {
                if (add) {
                    p.wideRanges.add(e);
                } else {
                    p.wideRanges.remove(e);
                }
            } else {
                edit(p.narrowRanges, r.low(), e, add);
                p.widest = Math.max(p.widest, width);
            }
            if (add) {
                p.rangeBounds.put(e, new double[] {r.low(), r.high()});
            } else {
                p.rangeBounds.remove(e);
            }
        } else {
            edit(p.grams, ((IndexKey.Gram) key).gram(), e, add);
        }
        p.uses += add ? 1 : -1;
        if (p.uses == 0) {
            paths.remove(pathText);
            if (paths.isEmpty()) {
                pathsByType.remove(key.type());
            }
        }
    }

    private static <K> void edit(Map<K, List<Entry>> map, K key, Entry e, boolean add) {
        if (add) {
            map.computeIfAbsent(key, k -> new ArrayList<>(2)).add(e);
        } else {
            List<Entry> list = map.get(key);
            if (list != null) {
                list.remove(e);
                if (list.isEmpty()) {
                    map.remove(key);
                }
            }
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
            Map<String, PathIndex> paths = pathsByType.get(type);
            if (paths == null) {
                continue;
            }
            for (PathIndex p : paths.values()) {
                Object direct = p.path.isSimple() ? object.get(p.path.property()) : null;
                if (direct != null) {
                    lookup(p, direct, out);
                } else if (!p.path.isSimple()) {
                    for (Object v : ComparisonEvaluator.resolve(p.path, object, event)) {
                        lookup(p, v, out);
                    }
                }
            }
        }
    }

    private static void lookup(PathIndex p, Object v, Consumer<Entry> out) {
        if (v instanceof String s) {
            List<Entry> hit = p.strings.get(s);
            if (hit != null) {
                hit.forEach(out);
            }
            if (!p.cidrs.isEmpty()) {
                IpNetworks.Network n = IpNetworks.parse(s);
                if (n != null) {
                    p.cidrs.collect(n, out);
                }
            }
            if (!p.grams.isEmpty()) {
                grams(p, s, out);
            }
        } else if (v instanceof Number || v instanceof Boolean) {
            if (!p.others.isEmpty()) {
                List<Entry> hit = p.others.get(canonical(v));
                if (hit != null) {
                    hit.forEach(out);
                }
            }
            if (v instanceof Number n && !p.rangeBounds.isEmpty()) {
                ranges(p, n.doubleValue(), out);
            }
        }
        // a list without [n] or [*] equals no constant: nothing to look up
    }

    private static void grams(PathIndex p, String s, Consumer<Entry> out) {
        String text = isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
        for (int i = 0; i + IndexPlan.GRAM <= text.length(); i++) {
            List<Entry> hit = p.grams.get(text.substring(i, i + IndexPlan.GRAM));
            if (hit != null) {
                hit.forEach(out);
            }
        }
    }

    private static void ranges(PathIndex p, double v, Consumer<Entry> out) {
        for (List<Entry> list :
                p.narrowRanges.subMap(v - p.widest, true, v, true).values()) {
            for (Entry e : list) {
                if (p.rangeBounds.get(e)[1] >= v) {
                    out.accept(e);
                }
            }
        }
        for (Entry e : p.wideRanges) {
            double[] b = p.rangeBounds.get(e);
            if (b[0] <= v && v <= b[1]) {
                out.accept(e);
            }
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

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
        BigDecimal d = v instanceof BigInteger b
                ? new BigDecimal(b)
                : v instanceof BigDecimal x ? x : new BigDecimal(((Number) v).doubleValue());
        d = d.stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
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
