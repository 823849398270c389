package org.firehub.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a spool directory back to a consistent state on open: every segment but the last is
 * complete (it was fsync'd before the next one was created); the last one may end in a torn
 * record from a crash mid-write, which is cut off and reported. Segments the checkpoint has
 * already passed are deleted.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    /** The state to resume from. {@code active} is the last segment, which the writer appends to. */
    record Result(Segments segments, Segment active, long nextDrainSeq, long bytesOnDisk, long truncatedBytes) {}

    private Recovery() {}

    static Result recover(SpoolConfig config, Checkpoint checkpoint) throws IOException {
        Path directory = config.directory();
        Files.createDirectories(directory);
        Files.deleteIfExists(directory.resolve("checkpoint.tmp"));
        OptionalLong stored = checkpoint.read();
        NavigableMap<Long, Path> files = Segments.list(directory);
        Segments segments = new Segments(directory);

        if (files.isEmpty()) {
            long base = stored.orElse(0);
            Segment active = createSegment(directory, base);
            segments.add(active);
            return new Result(segments, active, base, 0, 0);
        }

        long bytes = 0;
        for (Map.Entry<Long, Path> entry : files.headMap(files.lastKey(), false).entrySet()) {
            long size = Files.size(entry.getValue());
            long endSeq = files.higherKey(entry.getKey());
            segments.add(new Segment(entry.getKey(), entry.getValue(), new Segment.Mark(size, endSeq), true));
            bytes += size;
        }
        long lastBase = files.lastKey();
        Path lastPath = files.lastEntry().getValue();
        long truncated = 0;
        Segment.Mark end;
        try (FileChannel channel = FileChannel.open(lastPath, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            RecordReader reader = new RecordReader(channel, 0, config.maxRecordBytes());
            long count = 0;
            RecordReader.Next next;
            while ((next = reader.next(size)) instanceof RecordReader.Record) count++;
            if (next instanceof RecordReader.Broken broken) {
                truncated = size - broken.offset();
                log.warn("spool segment {}: cutting a torn tail of {} bytes at offset {} ({}); {} complete records kept",
                        lastPath.getFileName(), truncated, broken.offset(), broken.reason(), count);
                channel.truncate(broken.offset());
                channel.force(true);
            }
            end = new Segment.Mark(reader.position(), lastBase + count);
        }
        Segment active = new Segment(lastBase, lastPath, end, false);
        segments.add(active);
        bytes += end.bytes();

        long oldest = files.firstKey();
        long nextDrain = stored.orElse(oldest);
        if (nextDrain < oldest) nextDrain = oldest;
        if (nextDrain > end.endSeq()) {
            log.warn("spool checkpoint {} is past the last record {} on disk; draining resumes at {}", nextDrain, end.endSeq(), end.endSeq());
            nextDrain = end.endSeq();
        }
        bytes -= deleteDrained(segments, nextDrain);
        return new Result(segments, active, nextDrain, bytes, truncated);
    }

    /** Deletes sealed segments wholly before {@code nextDrainSeq}; returns the bytes freed. */
    private static long deleteDrained(Segments segments, long nextDrainSeq) throws IOException {
        long freed = 0;
        for (Segment segment : segments.all()) {
            if (segment.sealed() && segment.durable().endSeq() <= nextDrainSeq) {
                freed += segment.durable().bytes();
                Files.deleteIfExists(segment.path());
                segments.remove(segment);
                log.info("spool segment {} was already drained; deleted", segment);
            }
        }
        return freed;
    }

    static Segment createSegment(Path directory, long base) throws IOException {
        Path path = directory.resolve(Segments.fileName(base));
        // An empty file of that name can only be left by an earlier attempt that failed half-way.
        if (Files.exists(path) && Files.size(path) > 0) throw new IOException("segment " + path + " already exists with data");
        try (FileChannel created = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            created.force(true);
        }
        Segments.fsyncDirectory(directory);
        return new Segment(base, path, new Segment.Mark(0, base), false);
    }
}
