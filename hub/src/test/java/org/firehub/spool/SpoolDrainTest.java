package org.firehub.spool;

import org.firehub.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.DurableSink;
import org.firehub.timeseries.InfluxHttp;
import org.firehub.timeseries.InfluxWriter;
import org.firehub.timeseries.TestMessages;
import org.firehub.testing.TestInflux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDrainTest {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final InfluxHttp http = new InfluxHttp(TestInflux.shared().url());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private String db;
    private InfluxWriter influx;

    @BeforeEach
    void freshDatabase() {
        db = http.freshDatabase("drain");
        influx = InfluxWriter.create(TestInflux.shared().url(), null, null, db, null);
    }

    @AfterEach
    void closeWriter() {
        influx.close();
    }

    private SpoolConfig config() {
        return SpoolConfig.defaults(dir).withRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    @Test
    void everyAcknowledgedRecordReachesInfluxDb() throws Exception {
        int appenders = 8;
        int perAppender = 500;
        try (Spool spool = Spool.open(config().withSizes(64 << 10, 4 << 20), influx, registry)) {
            spool.start();
            ExecutorService pool = Executors.newFixedThreadPool(appenders);
            List<java.util.concurrent.Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
            for (int a = 0; a < appenders; a++) {
                int appender = a;
                submitted.add(pool.submit(() -> {
                    List<CompletableFuture<Void>> acks = new ArrayList<>();
                    for (int i = 0; i < perAppender; i++) {
                        DeviceMessage m = TestMessages.reading("dev-" + appender, i);
                        if (i % 50 == 0) m = new DeviceMessage(m.device(), m.timestampMillis(), m.seq(), m.readings(), List.of("alarm"), m.receivedAtMillis());
                        acks.add(spool.append(m));
                    }
                    return acks;
                }));
            }
            for (var s : submitted) for (var ack : s.get(30, TimeUnit.SECONDS)) ack.get(30, TimeUnit.SECONDS);
            pool.shutdown();

            assertThat(spool.awaitDrained(DRAIN_TIMEOUT)).isTrue();

            int total = appenders * perAppender;
            assertThat(http.count(db, "SELECT count(temperature_c) FROM readings")).isEqualTo(total);
            assertThat(http.count(db, "SELECT count(seq) FROM events WHERE event = 'alarm'")).isEqualTo(total / 50);
            assertThat(registry.get("firehub.influx.written").counter().count()).isEqualTo(total + total / 50);
            assertThat(spool.lagMillis()).isZero();
            assertThat(spool.isWriterHealthy()).isTrue();
            // drained segments are deleted and their bytes freed: only the active one stays
            Await.until("drained segments deleted", Duration.ofSeconds(10), () -> segmentCount() == 1);
            assertThat(spool.bytes()).isLessThanOrEqualTo(64 << 10);
        }
    }

    @Test
    void aFullSpoolPushesBackAndLosesNothing() throws Exception {
        PausableWriter writer = new PausableWriter(influx);
        writer.pause();
        int acknowledged = 0;
        try (Spool spool = Spool.open(config().withSizes(4096, 8192), writer, registry)) {
            spool.start();
            Throwable refusal = null;
            for (int i = 0; i < 1000 && refusal == null; i++) {
                try {
                    spool.append(TestMessages.reading("pushy", i)).get(5, TimeUnit.SECONDS);
                    acknowledged++;
                } catch (ExecutionException e) {
                    refusal = e.getCause();
                }
            }
            assertThat(refusal).isInstanceOf(DurableSink.SinkFullException.class);
            assertThat(((DurableSink.SinkFullException) refusal).retryAfterMillis()).isPositive();
            assertThat(registry.get("firehub.spool.full").counter().count()).isEqualTo(1);
            assertThat(acknowledged).isGreaterThan(10);
            assertThat(spool.depth()).isEqualTo(acknowledged);
            assertThat(spool.bytes()).isLessThanOrEqualTo(8192);

            writer.resume();
            assertThat(spool.awaitDrained(DRAIN_TIMEOUT)).isTrue();
            int last = acknowledged;
            Await.until("space freed", Duration.ofSeconds(10), () -> spool.bytes() <= 4096);
            spool.append(TestMessages.reading("pushy", last)).get(5, TimeUnit.SECONDS);
            assertThat(spool.awaitDrained(DRAIN_TIMEOUT)).isTrue();
        }
        assertThat(http.count(db, "SELECT count(temperature_c) FROM readings")).isEqualTo(acknowledged + 1);
    }

    @Test
    void aRefusedMessageIsDeadLetteredAloneAndTheRestOfItsBatchIsWritten() throws Exception {
        // "poison" already exists as an integer field: a float for it is a field type conflict
        http.writeLine(db, "readings,device_id=earlier poison=1i " + TestMessages.BASE_TS);
        try (Spool spool = Spool.open(config(), influx, registry)) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                DeviceMessage m = i == 37
                        ? TestMessages.withReadings("poisoned", i, Map.of("temperature_c", 21.0, "poison", 2.5))
                        : TestMessages.reading("healthy", i);
                acks.add(spool.append(m));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            spool.start(); // one batch of 64: the drainer must bisect down to the poisoned one

            assertThat(spool.awaitDrained(DRAIN_TIMEOUT)).isTrue();
            assertThat(http.count(db, "SELECT count(temperature_c) FROM readings WHERE device_id = 'healthy'")).isEqualTo(63);
            assertThat(registry.get("firehub.spool.dead.lettered").counter().count()).isEqualTo(1);
            assertThat(registry.get("firehub.influx.write.failures").tag("kind", "refused").counter().count()).isGreaterThanOrEqualTo(6);

            List<String> lines = Files.readAllLines(spool.deadLetterFile());
            assertThat(lines).hasSize(1);
            JsonNode line = new ObjectMapper().readTree(lines.getFirst());
            assertThat(line.path("reason").asText()).contains("field type conflict");
            assertThat(line.path("message").path("deviceId").asText()).isEqualTo("poisoned");
            assertThat(line.path("message").path("readings").path("poison").asDouble()).isEqualTo(2.5);
            assertThat(line.path("message").path("ts").asLong()).isEqualTo(TestMessages.BASE_TS + 37);
            assertThat(spool.isWriterHealthy()).isTrue();
        }
    }

    @Test
    void messagesWithoutReadingsStillDrain() throws Exception {
        try (Spool spool = Spool.open(config(), influx, registry)) {
            spool.start();
            Map<String, Double> none = new LinkedHashMap<>();
            spool.append(new DeviceMessage(TestMessages.smoke("quiet"), TestMessages.BASE_TS, OptionalLong.empty(), none, List.of(), 0))
                    .get(5, TimeUnit.SECONDS);
            spool.append(new DeviceMessage(TestMessages.smoke("quiet"), TestMessages.BASE_TS + 1, OptionalLong.empty(), none, List.of("heartbeat"), 0))
                    .get(5, TimeUnit.SECONDS);
            assertThat(spool.awaitDrained(DRAIN_TIMEOUT)).isTrue();
        }
        assertThat(http.count(db, "SELECT count(seq) FROM events WHERE event = 'heartbeat'")).isEqualTo(1);
        assertThat(http.count(db, "SELECT count(*) FROM readings")).isZero();
    }

    private long segmentCount() {
        try {
            return Segments.list(dir).size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
