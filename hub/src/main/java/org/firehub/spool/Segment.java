package org.firehub.spool;

import java.nio.file.Path;

/**
 * One segment file as the writer and the drainer share it. Its records have consecutive
 * sequence numbers starting at {@link #base}. The writer publishes how far the file is durable;
 * the drainer reads no further than that.
 */
final class Segment {
    /** The durable end: byte length and the sequence number after the last durable record. */
    record Mark(long bytes, long endSeq) {}

    private final long base;
    private final Path path;
    private volatile Mark durable;
    private volatile boolean sealed;

    Segment(long base, Path path, Mark durable, boolean sealed) {
        this.base = base;
        this.path = path;
        this.durable = durable;
        this.sealed = sealed;
    }

    long base() {
        return base;
    }

    Path path() {
        return path;
    }

    Mark durable() {
        return durable;
    }

    /** Called by the writer after an fsync, before acknowledging the records. */
    void advance(Mark mark) {
        durable = mark;
    }

    /** No more records will be added: once drained past {@link Mark#endSeq}, the file can go. */
    boolean sealed() {
        return sealed;
    }

    void seal() {
        sealed = true;
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
