package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.store.StoreException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The append-only journal: the store's source of truth. Records live in segment files
 * ({@code segment-<first event id>.log}); each record is {@code int length | int crc32c | payload}. A record
 * is addressed by a pointer, {@code segment index << 40 | offset}, so the store can keep only pointers in
 * memory and read an object's JSON back when asked.
 *
 * <p>Appends are written without forcing; {@link #sync()} forces everything written so far, once for however
 * many records were appended (group commit). On open, every record is checked; a damaged or incomplete
 * record at the very end (a torn write from a crash) is cut off, anything damaged before it is an error.
 *
 * <p>Appends are not thread-safe (the store serialises writers); reads are.
 */
final class Journal implements Closeable {
    private static final int PENDING_CAPACITY = 1 << 16;
    // Records go to the file in writes of about this size; the fsync at sync() is what makes them durable, so
    // small writes cost little, and the buffer stays small on the heap after a big import.
    private static final int PENDING_LIMIT = 1 << 18;

    static final long SEGMENT_BYTES = 256L << 20;
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 512 << 20;
    private static final long OFFSET_MASK = (1L << 40) - 1;

    /** Receives each valid record during open, in order. */
    interface Visitor {
        void record(long pointer, byte[] payload);
    }

    private record Segment(Path path, FileChannel channel) {}

    /** Segment index that pointers use for records held by the snapshot file. */
    static final int SNAPSHOT_SEGMENT = (1 << 23) - 1;

    private final Path dir;
    private final boolean readOnly;
    private volatile Segment snapshot;
    private final List<Segment> segments = new CopyOnWriteArrayList<>();
    /** Logical end of the last segment: what is in the file plus what is still in {@link #pending}. */
    private long writePosition;
    /** Bytes of the last segment that are in the file (written, not necessarily forced). */
    private long flushedPosition;
    /** Records appended but not yet written: written with one call per batch at {@link #sync()}. */
    private final ByteSink pending = new ByteSink(PENDING_CAPACITY);

    private final CRC32C crc = new CRC32C();
    private long lastEventId;
    private boolean dirty;
    private String truncationNote;

    private Journal(Path dir, boolean readOnly) {
        this.dir = dir;
        this.readOnly = readOnly;
    }

    /** Opens (creating when writable and absent) the journal in {@code dir}, passing every record to {@code visitor}. */
    static Journal open(Path dir, boolean readOnly, Visitor visitor) {
        return open(dir, readOnly, 0, visitor);
    }

    /**
     * Opens the journal; records at or before {@code coveredThrough} (held by a snapshot) are checked only in
     * the last segment, and whole segments at or before it are not read at all.
     */
    static Journal open(Path dir, boolean readOnly, long coveredThrough, Visitor visitor) {
        Journal j = new Journal(dir, readOnly);
        j.lastEventId = coveredThrough;
        try {
            if (!readOnly) {
                Files.createDirectories(dir);
            }
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.getFileName().toString().matches("segment-\\d{20}\\.log"))
                            .sorted()
                            .forEach(files::add);
                }
            }
            for (int i = 0; i < files.size(); i++) {
                boolean last = i == files.size() - 1;
                if (!last && firstEventId(files.get(i + 1)) <= coveredThrough + 1) {
                    j.segments.add(new Segment(files.get(i), FileChannel.open(files.get(i), StandardOpenOption.READ)));
                    continue; // wholly covered by the snapshot
                }
                j.scan(files.get(i), i, last, visitor);
            }
            if (j.segments.isEmpty() && !readOnly) {
                j.roll(coveredThrough + 1);
            }
            return j;
        } catch (IOException e) {
            j.closeQuietly();
            throw new StoreException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            j.closeQuietly();
            throw e;
        }
    }

    private void scan(Path file, int index, boolean last, Visitor visitor) throws IOException {
        long covered = lastEventId; // ids at or below it may repeat what a snapshot holds; order is checked above it
        FileChannel ch = readOnly
                ? FileChannel.open(file, StandardOpenOption.READ)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        segments.add(new Segment(file, ch));
        long size = ch.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER + 9);
        while (pos < size) {
            String problem = null;
            byte[] payload = null;
            if (size - pos < HEADER) {
                problem = "an incomplete record header";
            } else {
                header.clear().limit(HEADER);
                readFully(ch, header, pos);
                int length = header.getInt(0);
                int crc = header.getInt(4);
                if (length <= 0 || length > MAX_RECORD) {
                    problem = "a record of impossible length " + length;
                } else if (length > size - pos - HEADER) {
                    problem = "a record cut short (" + (size - pos - HEADER) + " of its " + length + " bytes)";
                } else if (covered > 0
                        && length >= 9
                        && pos + HEADER + length < size
                        && coveredRecord(ch, pos, covered)) {
                    // A snapshot holds this event: its checksum is checked when it is read, if ever.
                    pos += HEADER + length;
                    continue;
                } else {
                    payload = new byte[length];
                    readFully(ch, ByteBuffer.wrap(payload), pos + HEADER);
                    if (crc(payload) != crc) {
                        problem = "a record whose checksum does not match";
                    } else if (EventCodec.eventId(payload) <= lastEventId && lastEventId > covered) {
                        problem = "a record whose event id " + EventCodec.eventId(payload) + " does not follow "
                                + lastEventId;
                    }
                }
            }
            if (problem != null) {
                if (!last) {
                    throw new StoreException("journal segment " + file + " is damaged at byte " + pos + ": " + problem
                            + ". Restore the data directory from a backup");
                }
                truncationNote = "dropped " + (size - pos) + " bytes at the end of " + file.getFileName() + " ("
                        + problem + ", from an interrupted write)";
                if (!readOnly) {
                    ch.truncate(pos);
                    ch.force(true);
                }
                break;
            }
            lastEventId = Math.max(lastEventId, EventCodec.eventId(payload));
            visitor.record(pointer(index, pos), payload);
            pos += HEADER + payload.length;
        }
        writePosition = pos;
        flushedPosition = pos;
    }

    /** True when the record at {@code pos} has an event id at or below {@code covered}. */
    private static boolean coveredRecord(FileChannel ch, long pos, long covered) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(9);
        readFully(ch, head, pos + HEADER);
        return head.getLong(1) <= covered;
    }

    /** What open had to cut off the end of the journal, or null when it was clean. */
    String truncationNote() {
        return truncationNote;
    }

    long lastEventId() {
        return lastEventId;
    }

    /** Bytes in all segments. */
    long size() {
        long total = 0;
        for (Segment s : segments) {
            if (s == null) {
                continue;
            }
            try {
                total += s.channel.size();
            } catch (IOException e) {
                throw new StoreException("cannot read the size of " + s.path + ": " + e.getMessage(), e);
            }
        }
        return total;
    }

    /**
     * Appends one event and returns its pointer. The record is buffered: it reaches the file at the next
     * {@link #sync()} (or when the buffer grows past a few MiB), and the disk when {@code sync} forces it.
     */
    long append(dev.threatkit.cti.store.ChangeEvent event, byte[] objectJson) {
        if (readOnly) {
            throw new IllegalStateException("the journal is open read-only");
        }
        if (writePosition >= SEGMENT_BYTES) {
            sync();
            try {
                roll(event.id());
            } catch (IOException e) {
                throw new StoreException("cannot start a new journal segment in " + dir + ": " + e.getMessage(), e);
            }
        }
        int start = pending.size();
        pending.writeLong(0); // length and checksum, filled in below
        EventCodec.encode(event, objectJson, pending);
        int length = pending.size() - start - HEADER;
        crc.reset();
        crc.update(pending.array(), start + HEADER, length);
        pending.putInt(start, length);
        pending.putInt(start + 4, (int) crc.getValue());
        long pointer = pointer(segments.size() - 1, writePosition);
        writePosition += HEADER + length;
        lastEventId = event.id();
        dirty = true;
        if (pending.size() > PENDING_LIMIT) {
            writePending();
        }
        return pointer;
    }

    /** Writes buffered records to the file, in one call. */
    private void writePending() {
        if (pending.size() == 0) {
            return;
        }
        FileChannel ch = segments.get(segments.size() - 1).channel;
        ByteBuffer buf = ByteBuffer.wrap(pending.array(), 0, pending.size());
        try {
            long at = flushedPosition;
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
            flushedPosition = at;
            // a buffer that one huge record grew is not kept: it would stay on the heap for the store's life
            pending.reset(PENDING_LIMIT * 2, PENDING_CAPACITY);
        } catch (IOException e) {
            throw new StoreException("cannot append to the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes and forces everything appended so far: one write and one fsync however many records (group commit). */
    void sync() {
        if (!dirty) {
            return;
        }
        writePending();
        try {
            segments.get(segments.size() - 1).channel.force(false);
            dirty = false;
        } catch (IOException e) {
            throw new StoreException("cannot force the journal to disk in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes records of {@code file} readable through pointers with {@link #SNAPSHOT_SEGMENT}; closes the previous one. */
    void attachSnapshot(Path file, FileChannel channel) {
        Segment old = snapshot;
        snapshot = new Segment(file, channel);
        if (old != null) {
            try {
                old.channel.close();
            } catch (IOException ignored) {
                // nothing points into it any more
            }
        }
    }

    static long snapshotPointer(long offset) {
        return pointer(SNAPSHOT_SEGMENT, offset);
    }

    /** The payload of the record at {@code pointer}. */
    byte[] read(long pointer) {
        int index = (int) (pointer >>> 40);
        Segment s = index == SNAPSHOT_SEGMENT ? snapshot : segments.get(index);
        long pos = pointer & OFFSET_MASK;
        if (index != SNAPSHOT_SEGMENT && index == segments.size() - 1 && pos >= flushedPosition) {
            // still in the buffer (the writer reads back what it appended in the same batch)
            int at = (int) (pos - flushedPosition);
            int length = ((pending.array()[at] & 0xff) << 24)
                    | ((pending.array()[at + 1] & 0xff) << 16)
                    | ((pending.array()[at + 2] & 0xff) << 8)
                    | (pending.array()[at + 3] & 0xff);
            return java.util.Arrays.copyOfRange(pending.array(), at + HEADER, at + HEADER + length);
        }
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(s.channel, header, pos);
            byte[] payload = new byte[header.getInt(0)];
            readFully(s.channel, ByteBuffer.wrap(payload), pos + HEADER);
            if (crc(payload) != header.getInt(4)) {
                throw new StoreException("journal record at byte " + pos + " of " + s.path
                        + " no longer matches its checksum; restore the data directory from a backup");
            }
            return payload;
        } catch (IOException e) {
            throw new StoreException(
                    "cannot read the journal record at byte " + pos + " of " + s.path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds to {@code out} the pointers of the records whose event ids are in {@code (after, through]}, in
     * order, reading record headers only.
     */
    void pointersAfter(long after, long through, List<Long> out) {
        ByteBuffer head = ByteBuffer.allocate(HEADER + 9);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            Segment next = nextSegment(i);
            if (s == null || (next != null && firstEventId(next.path) <= after + 1)) {
                continue; // every event of this segment is at or before 'after'
            }
            try {
                long size = i == segments.size() - 1 ? flushedPosition : s.channel.size();
                long pos = 0;
                while (pos + HEADER + 9 <= size) {
                    head.clear();
                    readFully(s.channel, head, pos);
                    int length = head.getInt(0);
                    long id = head.getLong(HEADER + 1);
                    if (id > through) {
                        return;
                    }
                    if (id > after) {
                        out.add(pointer(i, pos));
                    }
                    pos += HEADER + length;
                }
            } catch (IOException e) {
                throw new StoreException("cannot read the journal " + s.path + ": " + e.getMessage(), e);
            }
        }
    }

    private static long firstEventId(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring("segment-".length(), name.length() - ".log".length()));
    }

    /** Segment files in order, for backup. */
    List<Path> files() {
        List<Path> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s != null) {
                out.add(s.path);
            }
        }
        return out;
    }

    /** The snapshot file records are read from, or null. */
    Path snapshotFile() {
        Segment s = snapshot;
        return s == null ? null : s.path;
    }

    /** The first event id still in the journal's segments. */
    long firstRetainedEventId() {
        for (Segment s : segments) {
            if (s != null) {
                return firstEventId(s.path);
            }
        }
        return lastEventId + 1;
    }

    /**
     * Starts a new segment, then deletes the segments whose events are all at or before {@code eventId} (a
     * snapshot holds them now). Their indices stay reserved, so pointers into later segments stay valid.
     */
    int compactThrough(long eventId) {
        sync();
        try {
            if (writePosition > 0) {
                roll(lastEventId + 1);
            }
            int deleted = 0;
            for (int i = 0; i < segments.size() - 1; i++) {
                Segment s = segments.get(i);
                Segment next = nextSegment(i);
                if (s != null && next != null && firstEventId(next.path) <= eventId + 1) {
                    s.channel.close();
                    Files.deleteIfExists(s.path);
                    segments.set(i, null);
                    deleted++;
                }
            }
            forceDirectory(dir);
            return deleted;
        } catch (IOException e) {
            throw new StoreException("cannot compact the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private Segment nextSegment(int i) {
        for (int k = i + 1; k < segments.size(); k++) {
            if (segments.get(k) != null) {
                return segments.get(k);
            }
        }
        return null;
    }

    /** The number of bytes of the last segment in the file (what a consistent copy of it must include). */
    long writePosition() {
        return flushedPosition;
    }

    private void roll(long firstEventId) throws IOException {
        Path file = dir.resolve(String.format("segment-%020d.log", firstEventId));
        FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        segments.add(new Segment(file, ch));
        writePosition = 0;
        flushedPosition = 0;
        forceDirectory(dir);
    }

    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // Some platforms cannot open a directory for reading; the file's own force still holds its data.
        }
    }

    private static long pointer(int segment, long offset) {
        return ((long) segment << 40) | offset;
    }

    private static int crc(byte[] payload) {
        CRC32C c = new CRC32C();
        c.update(payload, 0, payload.length);
        return (int) c.getValue();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private void closeQuietly() {
        List<Segment> all = new ArrayList<>(segments);
        all.add(snapshot);
        for (Segment s : all) {
            if (s == null) {
                continue;
            }
            try {
                s.channel.close();
            } catch (IOException ignored) {
                // closing after a failure; the first error is the one reported
            }
        }
    }

    @Override
    public void close() {
        if (!readOnly) {
            sync();
        }
        closeQuietly();
    }
}
