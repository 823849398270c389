package org.firehub.spool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.firehub.timeseries.InfluxHttp;
import org.firehub.timeseries.InfluxWriter;
import org.firehub.timeseries.TestMessages;
import org.firehub.testing.TestInflux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolRecoveryTest {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final InfluxHttp http = new InfluxHttp(TestInflux.shared().url());
    private String db;
    private InfluxWriter influx;

    @BeforeEach
    void freshDatabase() {
        db = http.freshDatabase("recovery");
        influx = InfluxWriter.create(TestInflux.shared().url(), null, null, db, null);
    }

    @AfterEach
    void closeWriter() {
        influx.close();
    }

    private SpoolConfig config() {
        return SpoolConfig.defaults(dir).withRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private void appendAndClose(SpoolConfig config, String device, int count) throws Exception {
        try (Spool spool = Spool.open(config, influx, new SimpleMeterRegistry())) {
            for (int i = 0; i < count; i++) spool.append(TestMessages.reading(device, i)).get(5, TimeUnit.SECONDS);
        }
    }

    private long readings(String device) {
        return http.count(db, "SELECT count(temperature_c) FROM readings WHERE device_id = '" + device + "'");
    }

    @Test
    void garbageAfterTheLastRecordIsCutAndEveryCompleteRecordDrains() throws Exception {
        appendAndClose(config(), "torn", 10);
        byte[] garbage = new byte[37];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 0x7f; // an absurd length, like half a header written over old data
        appendTo(lastSegment(), garbage);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Spool spool = Spool.open(config(), influx, registry)) {
            assertThat(registry.get("firehub.spool.truncated.bytes").counter().count()).isEqualTo(37);
            assertThat(spool.depth()).isEqualTo(10);
            spool.start();
            spool.append(TestMessages.reading("torn", 10)).get(5, TimeUnit.SECONDS);
            assertThat(spool.awaitDrained(DRAIN_TIMEOUT)).isTrue();
        }
        assertThat(readings("torn")).isEqualTo(11);
    }

    @Test
    void aRecordCutInHalfIsDroppedAndTheOnesBeforeItSurvive() throws Exception {
        appendAndClose(config(), "halved", 10);
        Path segment = lastSegment();
        long size = Files.size(segment);
        int lastRecord = RecordFormat.frame(MessageCodec.encode(TestMessages.reading("halved", 9))).remaining();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(size - lastRecord / 2);
        }

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Spool spool = Spool.open(config(), influx, registry)) {
            assertThat(registry.get("firehub.spool.truncated.bytes").counter().count()).isEqualTo(lastRecord - lastRecord / 2);
            assertThat(spool.depth()).isEqualTo(9);
            spool.start();
            assertThat(spool.awaitDrained(DRAIN_TIMEOUT)).isTrue();
        }
        assertThat(Files.size(segment)).isEqualTo(size - lastRecord);
        assertThat(readings("halved")).isEqualTo(9);
    }

    @Test
    void aZeroFilledTailIsNotMistakenForRecords() throws Exception {
        appendAndClose(config(), "zeroes", 5);
        appendTo(lastSegment(), new byte[4096]);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Spool spool = Spool.open(config(), influx, registry)) {
            assertThat(registry.get("firehub.spool.truncated.bytes").counter().count()).isEqualTo(4096);
            assertThat(spool.depth()).isEqualTo(5);
        }
    }

    @Test
    void afterACrashRecordsPastTheCheckpointAreDrainedAgainAndNothingIsLost() throws Exception {
        PausableWriter writer = new PausableWriter(influx);
        Spool crashed = Spool.open(config().withCheckpointInterval(Duration.ofHours(1)), writer, new SimpleMeterRegistry());
        crashed.start();
        for (int i = 0; i < 100; i++) crashed.append(TestMessages.reading("crashy", i)).get(5, TimeUnit.SECONDS);
        assertThat(crashed.awaitDrained(DRAIN_TIMEOUT)).isTrue();
        writer.pause();
        for (int i = 100; i < 200; i++) crashed.append(TestMessages.reading("crashy", i)).get(5, TimeUnit.SECONDS);
        crashed.halt(); // no close: checkpoint and threads stop as a kill would leave them

        try (Spool spool = Spool.open(config(), influx, new SimpleMeterRegistry())) {
            assertThat(spool.depth()).isBetween(100L, 200L);
            spool.start();
            assertThat(spool.awaitDrained(DRAIN_TIMEOUT)).isTrue();
        }
        assertThat(readings("crashy")).isEqualTo(200);
    }

    @Test
    void anUnreadableRecordInAnOlderSegmentIsDeadLetteredAndDrainingGoesOn() throws Exception {
        SpoolConfig small = config().withSizes(4096, 1 << 20);
        appendAndClose(small, "damaged", 100);
        Path first = Segments.list(dir).firstEntry().getValue();
        List<Long> offsets = recordOffsets(first);
        assertThat(Segments.list(dir)).hasSizeGreaterThan(2);
        int damagedIndex = 4;
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long inPayload = offsets.get(damagedIndex) + RecordFormat.HEADER_BYTES + 10;
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, inPayload);
            channel.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x55)}), inPayload);
        }
        long lost = offsets.size() - damagedIndex;

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Spool spool = Spool.open(small, influx, registry)) {
            spool.start();
            assertThat(spool.awaitDrained(DRAIN_TIMEOUT)).isTrue();
            assertThat(registry.get("firehub.spool.dead.lettered").counter().count()).isEqualTo(lost);
            JsonNode line = new ObjectMapper().readTree(Files.readAllLines(spool.deadLetterFile()).getFirst());
            assertThat(line.path("reason").asText()).contains("checksum mismatch");
            assertThat(line.path("lostRecords").asLong()).isEqualTo(lost);
            assertThat(line.path("spoolSeq").asLong()).isEqualTo(damagedIndex);
            assertThat(dir.resolve(line.path("bytesCopiedTo").asText())).exists();
        }
        assertThat(readings("damaged")).isEqualTo(100 - lost);
    }

    private Path lastSegment() throws IOException {
        return Segments.list(dir).lastEntry().getValue();
    }

    private static void appendTo(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static List<Long> recordOffsets(Path segment) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            RecordReader reader = new RecordReader(channel, 0, 1 << 20);
            while (reader.next(channel.size()) instanceof RecordReader.Record record) offsets.add(record.offset());
        }
        return offsets;
    }
}
