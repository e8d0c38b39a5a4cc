package dev.threatkit.cti.internal.pattern;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Numeric intervals [low, high] of index entries, for "which intervals contain v". Narrow ones sit in arrays
 * sorted by low, searched by bisection over contiguous memory (a tree map chases a pointer per level, a cache
 * miss each); a query scans only the lows within the widest narrow width below v. Wide and unbounded ones are
 * few and scanned. Not thread-safe.
 */
final class Intervals<E> {
    private static final double NARROW = 1 << 16;

    private double[] lows = new double[8];
    private double[] highs = new double[8];
    private Object[] entries = new Object[8];
    private int size;
    private double widest;
    private double[] wideLows = new double[0];
    private double[] wideHighs = new double[0];
    private Object[] wideEntries = new Object[0];

    boolean isEmpty() {
        return size == 0 && wideEntries.length == 0;
    }

    void add(double low, double high, E entry) {
        double width = high - low;
        if (!(width <= NARROW)) { // wide, unbounded or NaN
            int n = wideEntries.length;
            wideLows = Arrays.copyOf(wideLows, n + 1);
            wideHighs = Arrays.copyOf(wideHighs, n + 1);
            wideEntries = Arrays.copyOf(wideEntries, n + 1);
            wideLows[n] = low;
            wideHighs[n] = high;
            wideEntries[n] = entry;
            return;
        }
        if (size == lows.length) {
            lows = Arrays.copyOf(lows, size * 2);
            highs = Arrays.copyOf(highs, size * 2);
            entries = Arrays.copyOf(entries, size * 2);
        }
        int at = firstAtLeast(low);
        System.arraycopy(lows, at, lows, at + 1, size - at);
        System.arraycopy(highs, at, highs, at + 1, size - at);
        System.arraycopy(entries, at, entries, at + 1, size - at);
        lows[at] = low;
        highs[at] = high;
        entries[at] = entry;
        size++;
        widest = Math.max(widest, width);
    }

    void remove(E entry) {
        for (int i = 0; i < size; i++) {
            if (entries[i] == entry) {
                System.arraycopy(lows, i + 1, lows, i, size - i - 1);
                System.arraycopy(highs, i + 1, highs, i, size - i - 1);
                System.arraycopy(entries, i + 1, entries, i, size - i - 1);
                entries[--size] = null;
                return;
            }
        }
        for (int i = 0; i < wideEntries.length; i++) {
            if (wideEntries[i] == entry) {
                int n = wideEntries.length;
                wideLows = remove(wideLows, i);
                wideHighs = remove(wideHighs, i);
                Object[] e = new Object[n - 1];
                System.arraycopy(wideEntries, 0, e, 0, i);
                System.arraycopy(wideEntries, i + 1, e, i, n - i - 1);
                wideEntries = e;
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    void containing(double v, Consumer<E> out) {
        for (int i = firstAtLeast(v - widest); i < size && lows[i] <= v; i++) {
            if (highs[i] >= v) {
                out.accept((E) entries[i]);
            }
        }
        for (int i = 0; i < wideEntries.length; i++) {
            if (wideLows[i] <= v && v <= wideHighs[i]) {
                out.accept((E) wideEntries[i]);
            }
        }
    }

    /** The first index whose low is at least {@code x}. */
    private int firstAtLeast(double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (lows[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] remove(double[] a, int i) {
        double[] out = new double[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }
}
