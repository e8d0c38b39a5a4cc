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
    // all keys' bytes in 8-byte words, key i from word starts[i]: the last word of a key ends at the key's end
    // (overlapping the one before it), and a key shorter than eight bytes is one word in its low bytes
    private final long[] words;
    private final int[] starts;
    // per key: its length, or -1 for a key that a plain run cannot hold (escapes, non-ASCII), never predicted
    private final int[] lengths;

    KeyShape(String[] keys) {
        this.keys = keys;
        this.starts = new int[keys.length + 1];
        this.lengths = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            starts[i + 1] = starts[i] + (keys[i].length() + 7) / 8;
        }
        this.words = new long[starts[keys.length]];
        for (int i = 0; i < keys.length; i++) {
            lengths[i] = fill(keys[i], starts[i]) ? keys[i].length() : -1;
        }
    }

    private boolean fill(String key, int start) {
        int n = key.length();
        if (n == 0) {
            return false;
        }
        byte[] b = new byte[Math.max(n, 8)];
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
            b[i] = (byte) c;
        }
        int count = (n + 7) / 8;
        for (int k = 0; k < count - 1; k++) {
            words[start + k] = (long) LONGS.get(b, 8 * k);
        }
        words[start + count - 1] = (long) LONGS.get(b, Math.max(0, n - 8));
        return true;
    }

    int size() {
        return keys.length;
    }

    /**
     * Whether key {@code i} of this shape, followed by its closing quote, is at {@code from} in {@code buf}, all
     * before {@code limit}. The bytes equal a plain ASCII key and the quote ends it, so it is exactly that key.
     */
    boolean matches(int i, byte[] buf, int from, int limit) {
        int n = lengths[i];
        if (n <= 0 || from + n >= limit || from + 8 > buf.length || buf[from + n] != '"') {
            return false;
        }
        int w = starts[i];
        if (n <= 8) {
            long mask = n == 8 ? -1L : (1L << (n << 3)) - 1;
            return ((long) LONGS.get(buf, from) & mask) == words[w];
        }
        int last = starts[i + 1] - 1;
        if ((long) LONGS.get(buf, from + n - 8) != words[last]) {
            return false;
        }
        for (int k = w; k < last; k++) {
            if ((long) LONGS.get(buf, from + 8 * (k - w)) != words[k]) {
                return false;
            }
        }
        return true;
    }
}
