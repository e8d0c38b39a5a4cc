package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.store.StoreException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A snapshot: every live object's latest record, with the catalog facts and references the store derived
 * from it, as of one event id. Opening a store loads the newest snapshot without parsing any JSON, then
 * replays the journal after it; {@code get} reads objects straight from the snapshot file.
 *
 * <pre>
 * "CTISNAP1" | long lastEventId | int entries
 * per entry: int length | int crc32c | payload (the journal record, unchanged: pointers land here)
 *            int length | facts (catalog fields and references, see {@link #writeFacts})
 * "CTIEND01"
 * </pre>
 *
 * Written to a temporary file, forced, then renamed: a snapshot is complete or absent. Older snapshots are
 * deleted once a newer one is in place.
 */
final class Snapshot {
    private static final byte[] MAGIC = "CTISNAP1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "CTIEND01".getBytes(StandardCharsets.US_ASCII);
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".snap";

    /** A loaded snapshot: its file (kept open for reads) and the last event it holds. */
    record Loaded(Path file, FileChannel channel, long lastEventId) {}

    private Snapshot() {}

    /** Loads the newest snapshot in {@code dir} into {@code store}; null when there is none. */
    static Loaded loadLatest(Path dir, GraphStore store) {
        Path file = latest(dir);
        if (file == null) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            long last;
            try (DataInputStream in = new DataInputStream(
                    new BufferedInputStream(Channels.newInputStream(channel.position(0)), 1 << 16))) {
                byte[] magic = new byte[MAGIC.length];
                in.readFully(magic);
                if (!java.util.Arrays.equals(magic, MAGIC)) {
                    throw new IOException("not a snapshot (bad magic)");
                }
                last = in.readLong();
                int count = in.readInt();
                long offset = MAGIC.length + 8 + 4;
                Entry[] restored = new Entry[count];
                List<List<Object[]>> references = new ArrayList<>(count);
                CRC32C crc = new CRC32C();
                for (int i = 0; i < count; i++) {
                    int length = in.readInt();
                    int sum = in.readInt();
                    byte[] payload = new byte[length];
                    in.readFully(payload);
                    crc.reset();
                    crc.update(payload, 0, length);
                    if ((int) crc.getValue() != sum) {
                        throw new IOException("record " + i + " does not match its checksum");
                    }
                    long pointer = Journal.snapshotPointer(offset);
                    offset += 8 + length;
                    int factsLength = in.readInt();
                    byte[] facts = new byte[factsLength];
                    in.readFully(facts);
                    offset += 4 + factsLength;
                    List<Object[]> refs = new ArrayList<>();
                    Entry fields = readFacts(ByteBuffer.wrap(facts), refs);
                    fields.pointer = pointer;
                    restored[i] = store.restore(fields);
                    references.add(refs);
                }
                for (int i = 0; i < count; i++) {
                    List<ObjectFacts.Ref> refs =
                            new ArrayList<>(references.get(i).size());
                    for (Object[] r : references.get(i)) {
                        String target = r[1] instanceof Integer ? restored[(Integer) r[1]].id : (String) r[1];
                        refs.add(new ObjectFacts.Ref((String) r[0], target));
                    }
                    store.linkRestored(restored[i], refs);
                }
                byte[] end = new byte[END.length];
                in.readFully(end);
                if (!java.util.Arrays.equals(end, END)) {
                    throw new IOException("missing end marker");
                }
            }
            // The stream wrapper closed the channel; reopen it for reads.
            return new Loaded(file, FileChannel.open(file, StandardOpenOption.READ), last);
        } catch (EOFException e) {
            throw damaged(file, "it ends early");
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // reporting the first error
                }
            }
            if (e instanceof StoreException) {
                throw (StoreException) e;
            }
            throw damaged(file, e.getMessage());
        }
    }

    private static StoreException damaged(Path file, String why) {
        return new StoreException("snapshot " + file + " is damaged (" + why + "). If the journal still starts at"
                + " event 1 (journal/segment-00000000000000000001.log), delete the snapshot and open again to"
                + " replay the journal; otherwise restore the data directory from a backup");
    }

    /**
     * Writes a snapshot of every live entry of {@code store} as of {@code lastEventId}, then points the
     * entries at their records in it and makes the journal read from it. Caller holds the write lock.
     */
    static Path write(Path dir, GraphStore store, long lastEventId) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(String.format("%s%020d%s", PREFIX, lastEventId, SUFFIX));
            Path temp = dir.resolve(target.getFileName() + ".tmp");
            List<Entry> entries = store.entries();
            long[] pointers = new long[entries.size()];
            java.util.Map<Integer, List<Object[]>> references = store.references();
            java.util.Map<Integer, Integer> position = new java.util.HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                position.put(entries.get(i).key, i);
            }
            try (FileChannel out = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteSink sink = new ByteSink(1 << 20);
                sink.write(MAGIC, 0, MAGIC.length);
                sink.writeLong(lastEventId);
                sink.writeInt(entries.size());
                long offset = 0;
                CRC32C crc = new CRC32C();
                for (int i = 0; i < entries.size(); i++) {
                    Entry en = entries.get(i);
                    byte[] payload = store.journal().read(en.pointer);
                    pointers[i] = Journal.snapshotPointer(offset + sink.size());
                    crc.reset();
                    crc.update(payload, 0, payload.length);
                    sink.writeInt(payload.length);
                    sink.writeInt((int) crc.getValue());
                    sink.write(payload, 0, payload.length);
                    int lengthAt = sink.size();
                    sink.writeInt(0);
                    writeFacts(en, references.get(en.key), position, sink);
                    sink.putInt(lengthAt, sink.size() - lengthAt - 4);
                    if (sink.size() > (4 << 20)) {
                        offset += drain(out, sink);
                    }
                }
                sink.write(END, 0, END.length);
                drain(out, sink);
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Journal.forceDirectory(dir);
            store.journal().attachSnapshot(target, FileChannel.open(target, StandardOpenOption.READ));
            for (int i = 0; i < entries.size(); i++) {
                store.repoint(entries.get(i), pointers[i]);
            }
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(PREFIX) && !p.equals(target)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new StoreException("cannot write a snapshot to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long drain(FileChannel out, ByteSink sink) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(sink.array(), 0, sink.size());
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        long n = sink.size();
        sink.reset();
        return n;
    }

    /** The newest complete snapshot file in {@code dir}, or null. */
    static Path latest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
                    })
                    .max(Path::compareTo)
                    .orElse(null);
        } catch (IOException e) {
            throw new StoreException("cannot list snapshots in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Catalog fields, then references: label, and the target as an entry's position in this snapshot (an int,
     * 8 bytes instead of an id) or, with position -1, a name or an id the store does not hold.
     */
    private static void writeFacts(
            Entry en, List<Object[]> refs, java.util.Map<Integer, Integer> position, ByteSink out) {
        out.writeString(en.id);
        out.writeString(en.type);
        out.writeString(en.name);
        out.writeString(en.entityType);
        out.writeString(en.standardId);
        strings(out, en.aliasIds);
        strings(out, en.otherIds);
        strings(out, en.hashes);
        out.writeString(en.externalId);
        out.writeString(en.createdBy);
        out.writeInt(en.confidence);
        out.write((en.revoked ? 1 : 0) | (en.deprecated ? 2 : 0) | (en.inferred ? 4 : 0) | (en.inferredRefs ? 8 : 0));
        strings(out, en.markings);
        out.writeString(en.relationshipType);
        out.writeString(en.from);
        strings(out, en.to);
        out.writeInt(refs.size());
        for (Object[] ref : refs) {
            out.writeString((String) ref[0]);
            if (ref[1] instanceof Integer) {
                out.writeInt(position.get((Integer) ref[1]));
            } else {
                out.writeInt(-1);
                out.writeString((String) ref[1]);
            }
        }
    }

    private static Entry readFacts(ByteBuffer in, List<Object[]> refs) {
        String id = EventCodec.readString(in);
        String type = EventCodec.readString(in);
        Entry en = new Entry(0, id, type);
        en.name = EventCodec.readString(in);
        en.entityType = EventCodec.readString(in);
        en.standardId = EventCodec.readString(in);
        en.aliasIds = strings(in);
        en.otherIds = strings(in);
        en.hashes = strings(in);
        en.externalId = EventCodec.readString(in);
        en.createdBy = EventCodec.readString(in);
        en.confidence = in.getInt();
        int flags = in.get();
        en.revoked = (flags & 1) != 0;
        en.deprecated = (flags & 2) != 0;
        en.inferred = (flags & 4) != 0;
        en.inferredRefs = (flags & 8) != 0;
        en.markings = strings(in);
        en.relationshipType = EventCodec.readString(in);
        en.from = EventCodec.readString(in);
        en.to = strings(in);
        int n = in.getInt();
        for (int i = 0; i < n; i++) {
            String label = EventCodec.readString(in);
            int at = in.getInt();
            refs.add(new Object[] {label, at >= 0 ? (Object) at : EventCodec.readString(in)});
        }
        return en;
    }

    private static void strings(ByteSink out, String[] values) {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (String v : values) {
            out.writeString(v);
        }
    }

    private static String[] strings(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0) {
            return null;
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = EventCodec.readString(in);
        }
        return out;
    }
}
