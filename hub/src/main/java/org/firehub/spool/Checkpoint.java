package org.firehub.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drainer's checkpoint: the sequence number of the first record InfluxDB has not
 * confirmed. Written to a temporary file, fsync'd and renamed into place, so a crash leaves
 * either the old or the new value, never a torn one. It may lag (replay is idempotent); it is
 * never written ahead of a confirmed write.
 */
final class Checkpoint {
    private static final Logger log = LoggerFactory.getLogger(Checkpoint.class);
    private static final String PREFIX = "next-seq=";

    private final Path file;
    private final Path temp;

    Checkpoint(Path directory) {
        this.file = directory.resolve("checkpoint");
        this.temp = directory.resolve("checkpoint.tmp");
    }

    /** The stored value; empty when there is none or it cannot be read (then draining restarts at the oldest segment). */
    OptionalLong read() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException absent) {
            return OptionalLong.empty();
        }
        if (text.startsWith(PREFIX)) {
            try {
                long value = Long.parseLong(text.substring(PREFIX.length()).trim());
                if (value >= 0) return OptionalLong.of(value);
            } catch (NumberFormatException ignored) {
                // falls through to the warning below
            }
        }
        log.warn("spool checkpoint {} is unreadable ('{}'); replaying from the oldest segment (InfluxDB overwrites duplicates)",
                file, text.length() > 60 ? text.substring(0, 60) : text);
        return OptionalLong.empty();
    }

    void write(long nextSeq) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap((PREFIX + nextSeq + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) channel.write(bytes);
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
