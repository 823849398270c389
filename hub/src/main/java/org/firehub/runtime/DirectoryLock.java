package org.firehub.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS file lock that says "this embedded server is owned by a live hub". The kernel
 * drops it when the owning JVM dies (even by {@code kill -9}), so a server found running while we
 * hold the lock is an orphan, never a live sibling hub's server: that is what makes it safe to
 * stop it.
 */
final class DirectoryLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once, naming who holds it. */
    static DirectoryLock acquire(Path file, String what) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException(what + " is already in use by another running hub (lock " + file
                    + " is held); stop that hub or give this one another FIREHUB_HOME");
        }
        return new DirectoryLock(file, channel, lock);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) return;
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
