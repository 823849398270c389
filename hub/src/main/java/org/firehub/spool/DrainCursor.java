package org.firehub.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.firehub.ingest.DeviceMessage;

/**
 * The drainer's read position in the log: walks the segments in order, reading only durable
 * records. What cannot be read is dead-lettered with its reason and skipped, so one damaged
 * region never stops draining.
 */
final class DrainCursor implements AutoCloseable {
    /** A decoded record and its sequence number. */
    record Entry(long seq, DeviceMessage message) {}

    /** Messages to deliver, and the sequence number after the last record they cover (dead-lettered ones included). */
    record Batch(List<Entry> entries, long endSeq) {}

    private final Segments segments;
    private final SpoolConfig config;
    private final DeadLetterFile deadLetter;
    private final SpoolMetrics metrics;
    private final long startSeq;
    private Segment segment;
    private FileChannel channel;
    private RecordReader reader;
    /** Sequence number of the record at the reader's position. */
    private long seq;

    DrainCursor(Segments segments, SpoolConfig config, DeadLetterFile deadLetter, SpoolMetrics metrics, long startSeq) {
        this.segments = segments;
        this.config = config;
        this.deadLetter = deadLetter;
        this.metrics = metrics;
        this.startSeq = startSeq;
        this.seq = startSeq;
    }

    /** The segment being read, which must not be deleted under the cursor. */
    Segment current() {
        return segment;
    }

    /** Reads up to {@code max} durable messages without waiting for more. */
    Batch read(int max) throws IOException {
        List<Entry> entries = new ArrayList<>(Math.min(max, 1024));
        while (entries.size() < max) {
            if (segment == null && !open()) break;
            // Sealed first: once sealed, the mark read after it is final.
            boolean sealed = segment.sealed();
            Segment.Mark mark = segment.durable();
            if (seq >= mark.endSeq()) {
                if (!sealed) break;
                moveTo(segments.after(segment).orElseThrow(() -> new IllegalStateException("sealed segment " + segment + " has no successor")));
                continue;
            }
            switch (reader.next(mark.bytes())) {
                case RecordReader.Record record -> {
                    if (seq >= startSeq) decodeInto(entries, record);
                    seq++;
                }
                case RecordReader.End end -> skipUnreadable(mark, "segment ends before its last record");
                case RecordReader.Broken broken -> skipUnreadable(mark, broken.reason());
            }
        }
        return new Batch(entries, Math.max(seq, startSeq));
    }

    private void decodeInto(List<Entry> entries, RecordReader.Record record) throws IOException {
        try {
            entries.add(new Entry(seq, MessageCodec.decode(record.payload())));
        } catch (MessageCodec.MalformedMessageException e) {
            deadLetter.undecodable(seq, segment, record.offset(), record.payload(), e.getMessage());
            metrics.deadLettered.increment();
        }
    }

    private void skipUnreadable(Segment.Mark mark, String reason) throws IOException {
        long from = reader.position();
        long firstLost = Math.max(seq, startSeq);
        long lost = Math.max(0, mark.endSeq() - firstLost);
        if (lost > 0) {
            deadLetter.unreadable(segment, from, mark.bytes(), firstLost, lost, reason);
            metrics.deadLettered.increment(lost);
        }
        reader.seek(mark.bytes());
        seq = mark.endSeq();
    }

    private boolean open() throws IOException {
        Segment first = segments.containing(seq).or(segments::oldest).orElse(null);
        if (first == null) return false;
        moveTo(first);
        return true;
    }

    private void moveTo(Segment next) throws IOException {
        close();
        channel = FileChannel.open(next.path(), StandardOpenOption.READ);
        reader = new RecordReader(channel, 0, config.maxRecordBytes());
        segment = next;
        seq = next.base();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) channel.close();
        channel = null;
    }
}
