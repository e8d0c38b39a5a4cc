package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.search.SearchException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/**
 * A page cursor: the sort values of the last hit of a page, so the next page starts after that position
 * (search-after), which stays right while objects are added or removed. Opaque to callers: URL-safe base64 of
 * a versioned binary form that records the shape of the sort it belongs to.
 */
public final class Cursor {
    private static final byte VERSION = 1;

    private Cursor() {}

    public static String encode(FieldDoc last, String sortShape) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        buf.put(VERSION);
        putString(buf, sortShape);
        buf.put((byte) last.fields.length);
        for (Object v : last.fields) {
            if (v == null) {
                buf.put((byte) 'n');
            } else if (v instanceof BytesRef) {
                BytesRef b = (BytesRef) v;
                buf.put((byte) 'b').putInt(b.length).put(b.bytes, b.offset, b.length);
            } else if (v instanceof Float) {
                buf.put((byte) 'f').putFloat((Float) v);
            } else if (v instanceof Double) {
                buf.put((byte) 'd').putDouble((Double) v);
            } else if (v instanceof Long) {
                buf.put((byte) 'l').putLong((Long) v);
            } else if (v instanceof Integer) {
                buf.put((byte) 'i').putInt((Integer) v);
            } else {
                throw new IllegalStateException("unexpected sort value " + v.getClass());
            }
        }
        buf.flip();
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The position {@code cursor} names, checked against the sort of the request it is given with. */
    public static FieldDoc decode(String cursor, String sortShape, SortField[] sort) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
            if (buf.get() != VERSION || !sortShape.equals(getString(buf))) {
                throw invalid();
            }
            int n = buf.get();
            if (n != sort.length) {
                throw invalid();
            }
            Object[] fields = new Object[n];
            for (int i = 0; i < n; i++) {
                byte tag = buf.get();
                switch (tag) {
                    case 'n':
                        fields[i] = null;
                        break;
                    case 'b':
                        int len = buf.getInt();
                        if (len < 0 || len > buf.remaining()) {
                            throw invalid();
                        }
                        byte[] bytes = new byte[len];
                        buf.get(bytes);
                        fields[i] = new BytesRef(bytes);
                        break;
                    case 'f':
                        fields[i] = buf.getFloat();
                        break;
                    case 'd':
                        fields[i] = buf.getDouble();
                        break;
                    case 'l':
                        fields[i] = buf.getLong();
                        break;
                    case 'i':
                        fields[i] = buf.getInt();
                        break;
                    default:
                        throw invalid();
                }
            }
            if (buf.hasRemaining()) {
                throw invalid();
            }
            return new FieldDoc(Integer.MAX_VALUE, Float.NaN, fields);
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw invalid();
        }
    }

    private static SearchException invalid() {
        return new SearchException("the cursor is not one this search returned; pass the endCursor of the previous "
                + "page of the same search (same text, filters, types and order), or none for the first page");
    }

    private static void putString(ByteBuffer buf, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        buf.putShort((short) b.length).put(b);
    }

    private static String getString(ByteBuffer buf) {
        int len = buf.getShort() & 0xffff;
        if (len > buf.remaining()) {
            throw invalid();
        }
        byte[] b = new byte[len];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
