package dev.threatkit.cti.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The keys of one object shape (the same keys in the same order), shared by every object of that shape, with
 * each key's bytes as little-endian words so that a reader expecting this shape can recognise the next key by
 * comparing a word or three instead of looking it up.
 */
final class KeyShape {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final String[] keys;
    // per key: its bytes in 8-byte words, the last one ending at the key's end (overlapping the one before it)
    // or, for a key shorter than eight bytes, the whole key in its low bytes; null for a key with bytes that a
    // plain run cannot hold (escapes, non-ASCII), which is never predicted
    private final long[][] words;
    private final int[] lengths;

    KeyShape(String[] keys) {
        this.keys = keys;
        this.words = new long[keys.length][];
        this.lengths = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            lengths[i] = keys[i].length();
            words[i] = wordsOf(keys[i]);
        }
    }

    private static long[] wordsOf(String key) {
        int n = key.length();
        if (n == 0) {
            return null;
        }
        byte[] b = new byte[Math.max(n, 8)];
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return null;
            }
            b[i] = (byte) c;
        }
        if (n < 8) {
            return new long[] {(long) LONGS.get(b, 0)};
        }
        long[] w = new long[(n + 7) / 8];
        for (int k = 0; k < w.length - 1; k++) {
            w[k] = (long) LONGS.get(b, 8 * k);
        }
        w[w.length - 1] = (long) LONGS.get(b, n - 8);
        return w;
    }

    int size() {
        return keys.length;
    }

    /**
     * Whether key {@code i} of this shape, followed by its closing quote, is at {@code from} in {@code buf}, all
     * before {@code limit}. The bytes equal a plain ASCII key and the quote ends it, so it is exactly that key.
     */
    boolean matches(int i, byte[] buf, int from, int limit) {
        long[] w = words[i];
        int n = lengths[i];
        if (w == null || from + n >= limit || from + 8 > buf.length) {
            return false;
        }
        if (n < 8) {
            long mask = (1L << (n << 3)) - 1;
            return (((long) LONGS.get(buf, from) & mask) == w[0]) & buf[from + n] == '"';
        }
        int last = w.length - 1;
        if ((long) LONGS.get(buf, from + n - 8) != w[last] || buf[from + n] != '"') {
            return false;
        }
        for (int k = 0; k < last; k++) {
            if ((long) LONGS.get(buf, from + 8 * k) != w[k]) {
                return false;
            }
        }
        return true;
    }
}
