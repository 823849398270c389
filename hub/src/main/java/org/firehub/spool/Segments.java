package org.firehub.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The segment files of a spool directory, ordered by their first sequence number (which is
 * also their name, zero-padded so that names sort like numbers).
 */
final class Segments {
    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.seg");

    private final Path directory;
    private final ConcurrentSkipListMap<Long, Segment> byBase = new ConcurrentSkipListMap<>();

    Segments(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    static String fileName(long base) {
        return String.format("%020d.seg", base);
    }

    /** Segment files found on disk, by base sequence number. */
    static NavigableMap<Long, Path> list(Path directory) throws IOException {
        NavigableMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.seg")) {
            for (Path file : files) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches()) found.put(Long.parseLong(m.group(1)), file);
            }
        }
        return found;
    }

    /** Makes a directory entry (a created, renamed or deleted file) durable. */
    static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    void add(Segment segment) {
        byBase.put(segment.base(), segment);
    }

    void remove(Segment segment) {
        byBase.remove(segment.base(), segment);
    }

    /** The segment that holds (or will hold) sequence number {@code seq}. */
    Optional<Segment> containing(long seq) {
        Map.Entry<Long, Segment> entry = byBase.floorEntry(seq);
        return Optional.ofNullable(entry == null ? null : entry.getValue());
    }

    Optional<Segment> after(Segment segment) {
        Map.Entry<Long, Segment> entry = byBase.higherEntry(segment.base());
        return Optional.ofNullable(entry == null ? null : entry.getValue());
    }

    Optional<Segment> oldest() {
        Map.Entry<Long, Segment> entry = byBase.firstEntry();
        return Optional.ofNullable(entry == null ? null : entry.getValue());
    }

    Iterable<Segment> all() {
        return byBase.values();
    }

    int count() {
        return byBase.size();
    }
}
