package org.ntkexplorer.core.experiment.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The operating-system lock a process holds on a run folder while it writes there, so that two processes never
 * append to the same files. The lock file names the holder's process id, which the refusal quotes. The operating
 * system releases the lock when the process ends, however it ends, so a killed run never leaves its folder locked.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = ".lock";
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} for writing, or fails with a message naming the process that holds it. */
    static RunLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new RunFolderBusyException(dir + " is being written by " + holder(file)
                        + "; wait for that run to end (or stop it) before resuming or writing to this folder");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new RunLock(ch, lock);
        } catch (IOException | RuntimeException e) {
            // Closing the channel also releases a lock taken before the failure.
            ch.close();
            throw e;
        }
    }

    /**
     * Who writes {@code dir} now, or null when nobody does. Only reads: a shared lock is tried and dropped, so a
     * folder that may not be written (a merge's shards) can be asked too.
     */
    public static String writer(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
            if (probe != null) {
                probe.release();
                return null;
            }
        } catch (OverlappingFileLockException e) {
            // This process holds it.
        } catch (IOException e) {
            return null;
        }
        return holder(file);
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (text.startsWith("pid ")) {
                return "process " + text.substring(4);
            }
        } catch (IOException e) {
            // The holder is unknown; the refusal says so.
        }
        return "another process (or another window of this one)";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another process writes the folder. */
    static final class RunFolderBusyException extends IOException {
        private static final long serialVersionUID = 1L;

        RunFolderBusyException(String message) {
            super(message);
        }
    }
}
