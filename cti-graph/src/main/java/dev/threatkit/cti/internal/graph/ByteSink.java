package dev.threatkit.cti.internal.graph;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with big-endian primitive writes, reused to encode records without copies. */
final class ByteSink extends OutputStream {
    private byte[] buf;
    private int size;

    ByteSink(int capacity) {
        buf = new byte[capacity];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    void reset() {
        size = 0;
    }

    /** Empties the buffer, and gives back an array grown beyond {@code largest} for a new one of {@code capacity}. */
    void reset(int largest, int capacity) {
        size = 0;
        if (buf.length > largest) {
            buf = new byte[capacity];
        }
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    void writeInt(int v) {
        ensure(4);
        putInt(size, v);
        size += 4;
    }

    void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** A string as int length (-1 for null) and UTF-8 bytes. */
    void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length);
        write(b, 0, b.length);
    }
}
