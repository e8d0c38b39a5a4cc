package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import dev.threatkit.cti.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a change event inside a journal record. Strings are UTF-8 with an int length (-1 for
 * null); the object is its compact STIX JSON, so the journal holds every object losslessly.
 *
 * <pre>
 * byte version (1) | long id | byte kind | long epochMillis | byte inferred
 * | str source | str objectId | str objectJson | str patch | str reversePatch | int n | n x str mergedId
 * </pre>
 */
final class EventCodec {
    private static final byte VERSION = 1;
    private static final ChangeKind[] KINDS = ChangeKind.values();

    private EventCodec() {}

    /**
     * Encodes {@code e} into {@code out} (appending); {@code objectJson}, when not null, is the object's
     * compact JSON already written.
     */
    static void encode(ChangeEvent e, byte[] objectJson, ByteSink out) {
        out.write(VERSION);
        out.writeLong(e.id());
        out.write(e.kind().ordinal());
        out.writeLong(e.time().toEpochMilli());
        out.write(e.inferred() ? 1 : 0);
        out.writeString(e.source());
        out.writeString(e.objectId());
        if (objectJson != null) {
            out.writeInt(objectJson.length);
            out.write(objectJson, 0, objectJson.length);
        } else {
            int lengthAt = out.size();
            out.writeInt(0);
            StixJson.writeJson(e.object(), out);
            out.putInt(lengthAt, out.size() - lengthAt - 4);
        }
        out.writeString(e.patch());
        out.writeString(e.reversePatch());
        out.writeInt(e.mergedIds().size());
        for (String id : e.mergedIds()) {
            out.writeString(id);
        }
    }

    static ChangeEvent decode(byte[] payload, String where) {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            byte version = in.get();
            if (version != VERSION) {
                throw new StoreException(
                        where + ": journal record version " + version + " is not one this build reads (" + VERSION
                                + "); open the store with the version that wrote it");
            }
            long id = in.getLong();
            ChangeKind kind = KINDS[in.get()];
            Instant time = Instant.ofEpochMilli(in.getLong());
            boolean inferred = in.get() != 0;
            String source = readString(in);
            String objectId = readString(in);
            int length = in.getInt();
            StixObject object;
            try (StixReader r = StixReader.of(payload, in.position(), length, where)) {
                object = r.next();
            }
            in.position(in.position() + length);
            String patch = readString(in);
            String reverse = readString(in);
            int n = in.getInt();
            List<String> merged = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                merged.add(readString(in));
            }
            return new ChangeEvent(id, kind, time, source, objectId, object, patch, reverse, merged, inferred);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(where + ": journal record cannot be decoded (" + e + ")", e);
        }
    }

    /**
     * True when the event's object id is {@code id} or, for a merge, may name it among the merged ids: a cheap
     * test before decoding (the object id is read, the merged ids are looked for as bytes).
     */
    static boolean mentions(byte[] payload, String id) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        in.position(1 + 8);
        ChangeKind kind = KINDS[in.get()];
        in.position(in.position() + 8 + 1);
        int n = in.getInt();
        in.position(in.position() + Math.max(0, n)); // source
        String objectId = readString(in);
        if (id.equals(objectId)) {
            return true;
        }
        if (kind != ChangeKind.MERGE) {
            return false;
        }
        byte[] needle = id.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= payload.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (payload[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The object's compact JSON as the payload holds it. */
    static byte[] objectJson(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        in.position(1 + 8 + 1 + 8 + 1);
        skipString(in); // source
        skipString(in); // object id
        int length = in.getInt();
        return java.util.Arrays.copyOfRange(payload, in.position(), in.position() + length);
    }

    private static void skipString(ByteBuffer in) {
        int n = in.getInt();
        if (n > 0) {
            in.position(in.position() + n);
        }
    }

    /** Reads only the event id of an encoded event. */
    static long eventId(byte[] payload) {
        long v = 0;
        for (int i = 1; i < 9; i++) {
            v = (v << 8) | (payload[i] & 0xff);
        }
        return v;
    }

    /** A string as {@link ByteSink#writeString} wrote it. */
    static String readString(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0) {
            return null;
        }
        String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }
}
