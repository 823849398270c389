package org.firehub.spool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;
import org.firehub.ingest.DeviceMessage;

/**
 * {@code dead-letter.jsonl}: one JSON line per message the spool gave up on, with the reason,
 * for a human to inspect and, if they wish, replay. Lines are fsync'd before the drainer's
 * checkpoint moves past them, so a dead-lettered message is never simply gone.
 */
final class DeadLetterFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    DeadLetterFile(Path directory) {
        this.file = directory.resolve("dead-letter.jsonl");
    }

    Path path() {
        return file;
    }

    /** InfluxDB refused this one message (after bisection isolated it). */
    void refused(long seq, DeviceMessage message, String reason) throws IOException {
        ObjectNode line = line("refused by InfluxDB: " + reason, seq);
        ObjectNode m = line.putObject("message");
        m.put("deviceId", message.device().id().value());
        m.put("kind", message.device().kind());
        m.put("venueId", message.device().venueId());
        m.put("grid", message.device().grid());
        m.put("ts", message.timestampMillis());
        if (message.seq().isPresent()) m.put("seq", message.seq().getAsLong());
        ObjectNode readings = m.putObject("readings");
        message.readings().forEach(readings::put);
        message.events().forEach(m.putArray("events")::add);
        m.put("receivedAt", message.receivedAtMillis());
        append(line);
    }

    /** A record whose checksum holds but whose content does not decode. */
    void undecodable(long seq, Segment segment, long offset, ByteBuffer payload, String reason) throws IOException {
        ObjectNode line = line("undecodable spool record: " + reason, seq);
        line.put("segment", segment.toString());
        line.put("offset", offset);
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        line.put("payloadBase64", Base64.getEncoder().encodeToString(bytes));
        append(line);
    }

    /**
     * Bytes of a segment that cannot be read as records (should never happen below the durable
     * end). They are copied next to the dead-letter file so nothing is destroyed.
     */
    void unreadable(Segment segment, long fromOffset, long toOffset, long firstSeq, long lostRecords, String reason) throws IOException {
        Path copy = file.resolveSibling("dead-letter-" + segment + "-" + fromOffset + ".bin");
        try (FileChannel in = FileChannel.open(segment.path(), StandardOpenOption.READ);
             FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long position = fromOffset;
            while (position < toOffset) {
                long moved = in.transferTo(position, toOffset - position, out);
                if (moved <= 0) break;
                position += moved;
            }
            out.force(true);
        }
        ObjectNode line = line("unreadable spool bytes: " + reason, firstSeq);
        line.put("segment", segment.toString());
        line.put("fromOffset", fromOffset);
        line.put("toOffset", toOffset);
        line.put("lostRecords", lostRecords);
        line.put("bytesCopiedTo", copy.getFileName().toString());
        append(line);
    }

    private static ObjectNode line(String reason, long seq) {
        ObjectNode line = JSON.createObjectNode();
        line.put("at", Instant.now().toString());
        line.put("reason", reason);
        line.put("spoolSeq", seq);
        return line;
    }

    private void append(ObjectNode line) throws IOException {
        byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        boolean created = !Files.exists(file);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) out.write(buffer);
            out.force(true);
        }
        if (created) Segments.fsyncDirectory(file.getParent());
    }
}
