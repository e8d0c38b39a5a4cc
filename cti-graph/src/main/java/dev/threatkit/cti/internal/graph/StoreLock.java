package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-writer rule: a writer holds an exclusive OS lock on {@code <data>/lock} for as long as the store is
 * open, and writes its process id into the file so a refused writer can say who holds it. Readers take no
 * lock. The OS drops the lock when the process dies, so a crash never leaves a store locked.
 */
final class StoreLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StoreLock acquire(Path dataDir) {
        Path file = dataDir.resolve("lock");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                throw new StoreException("the store in " + dataDir + " is already open for writing"
                        + (holder.isEmpty() ? "" : " by process " + holder)
                        + "; close that process, or open this store read-only");
            }
            ch.truncate(0);
            ch.write(
                    ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new StoreLock(ch, lock);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // reporting the first error
                }
            }
            throw new StoreException("cannot lock the store in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** True when some process holds the writer lock of {@code dataDir} (checked without taking it for long). */
    static boolean isHeld(Path dataDir) {
        Path file = dataDir.resolve("lock");
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException sameProcess) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the channel in any case
        }
    }
}
