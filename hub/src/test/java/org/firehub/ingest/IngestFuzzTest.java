package org.firehub.ingest;

import org.firehub.testing.TestSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.firehub.device.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Throws thousands of mutated good bodies and random bytes at the ingest path, interleaved
 * with good messages from another device, and checks that nothing escapes as an exception,
 * every answer is one of the three outcomes, and every good message is stored intact.
 * Seeds are fixed so a failure reproduces.
 */
class IngestFuzzTest {
    private static final long NOW = Instant.parse("2026-11-22T08:00:00Z").toEpochMilli();
    private static final List<String> READINGS = List.of("smoke_obscuration_db_m", "temperature_c", "battery_pct", "rssi_dbm");
    private static final List<String> EVENTS = List.of("alarm", "alarm_cleared", "fault", "low_battery", "tamper", "self_test", "muted", "heartbeat");
    private static final int ROUNDS = 3000;
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 20251122, 0xF12E})
    void garbageNeverBreaksTheIngestPathAndGoodMessagesAreAllStored(long seed) throws Exception {
        Random random = new Random(seed);
        PayloadDecoder decoder = new PayloadDecoder();
        try (TestSink sink = new TestSink(250)) {
            Ingestor ingestor = DefaultIngestor.create(vertx, Bodies.catalogue(), sink, new IngestMetrics(new SimpleMeterRegistry()),
                    Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
            EventLoopCaller transport = new EventLoopCaller(vertx.getOrCreateContext(), ingestor);
            Device good = Bodies.smokeAlarm("fuzz-good");
            Device bad = Bodies.smokeAlarm("fuzz-bad");

            List<CompletableFuture<EventLoopCaller.Call>> goodCalls = new ArrayList<>();
            List<CompletableFuture<EventLoopCaller.Call>> badCalls = new ArrayList<>();
            List<Map<String, Object>> goodSent = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                ContentFormat format = random.nextBoolean() ? ContentFormat.JSON : ContentFormat.CBOR;
                Map<String, Object> structure = goodStructure(random, round);
                goodSent.add(structure);
                goodCalls.add(transport.start(good, Transport.MQTT, Channel.TELEMETRY, Bodies.encode(structure, format), format));

                byte[] hostile = round % 4 == 0
                        ? randomBytes(random)
                        : mutate(random, Bodies.encode(goodStructure(random, random.nextInt(ROUNDS)), format).getBytes());
                for (ContentFormat parseAs : ContentFormat.values()) {
                    try {
                        decoder.decode(Buffer.buffer(hostile), parseAs);
                    } catch (RuntimeException e) {
                        fail("decoder threw on seed " + seed + " round " + round + " as " + parseAs + ": " + e, e);
                    }
                }
                badCalls.add(transport.start(bad, Transport.COAP, random.nextBoolean() ? Channel.TELEMETRY : Channel.EVENTS,
                        Buffer.buffer(hostile), format));
            }

            Map<Class<?>, Integer> outcomes = new LinkedHashMap<>();
            Map<RejectReason, Integer> reasons = new EnumMap<>(RejectReason.class);
            for (CompletableFuture<EventLoopCaller.Call> pending : badCalls) {
                EventLoopCaller.Call call = pending.get(30, TimeUnit.SECONDS);
                assertThat(call.outcome().succeeded()).as("hostile body failed: %s", call.outcome().cause()).isTrue();
                IngestResult result = call.outcome().result();
                outcomes.merge(result.getClass(), 1, Integer::sum);
                if (result instanceof IngestResult.Rejected rejected) {
                    reasons.merge(rejected.reason(), 1, Integer::sum);
                    assertThat(rejected.detail()).isNotBlank().hasSizeLessThan(220).doesNotContain("\n");
                }
            }
            for (int i = 0; i < goodCalls.size(); i++) {
                IngestResult result = goodCalls.get(i).get(30, TimeUnit.SECONDS).result();
                assertThat(result).as("good message %d", i).isInstanceOf(IngestResult.Stored.class);
                DeviceMessage stored = ((IngestResult.Stored) result).message();
                assertThat(stored.seq().getAsLong()).isEqualTo(((Number) goodSent.get(i).get("seq")).longValue());
                assertThat(stored.readings()).isEqualTo(asDoubles(goodSent.get(i).get("readings")));
                assertThat(stored.events()).isEqualTo(goodSent.get(i).get("events"));
            }
            assertThat(sink.stored().stream().filter(m -> m.device().equals(good))).hasSize(ROUNDS);
            // The mutations must reach deep into the decoder, not just bounce off the first byte.
            assertThat(reasons.keySet()).contains(RejectReason.MALFORMED, RejectReason.WRONG_TYPE,
                    RejectReason.UNKNOWN_FIELD, RejectReason.UNKNOWN_READING, RejectReason.UNKNOWN_EVENT);
            System.out.printf("seed %d: hostile outcomes %s, reasons %s%n", seed, outcomes, reasons);
        }
    }

    private static Map<String, Object> goodStructure(Random random, int seq) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (random.nextBoolean()) body.put("ts", NOW - random.nextInt(86_400_000));
        body.put("seq", seq);
        Map<String, Object> readings = new LinkedHashMap<>();
        for (String name : READINGS) {
            if (random.nextInt(3) > 0) readings.put(name, random.nextBoolean() ? random.nextInt(200) - 100 : random.nextGaussian() * 50);
        }
        List<String> events = new ArrayList<>();
        if (readings.isEmpty() || random.nextInt(4) == 0) events.add(EVENTS.get(random.nextInt(EVENTS.size())));
        body.put("readings", readings);
        body.put("events", events);
        return body;
    }

    private static Map<String, Double> asDoubles(Object readings) {
        Map<String, Double> doubles = new LinkedHashMap<>();
        ((Map<?, ?>) readings).forEach((k, v) -> doubles.put((String) k, ((Number) v).doubleValue()));
        return doubles;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) bytes[0] = (byte) (random.nextBoolean() ? '{' : 0xA0 + random.nextInt(32));
        return bytes;
    }

    /** One to three byte-level edits: flip, replace, insert, delete, truncate, duplicate a slice. */
    private static byte[] mutate(Random random, byte[] good) {
        byte[] bytes = good;
        for (int edits = 1 + random.nextInt(3); edits > 0 && bytes.length > 0; edits--) {
            int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(6)) {
                case 0 -> flip(bytes, at, 1 << random.nextInt(8));
                case 1 -> replace(bytes, at, (byte) random.nextInt(256));
                case 2 -> insert(bytes, at, (byte) random.nextInt(256));
                case 3 -> delete(bytes, at);
                case 4 -> java.util.Arrays.copyOf(bytes, at);
                default -> duplicateSlice(bytes, at, 1 + random.nextInt(Math.min(16, bytes.length - at)));
            };
        }
        return bytes;
    }

    private static byte[] flip(byte[] bytes, int at, int mask) {
        byte[] out = bytes.clone();
        out[at] ^= (byte) mask;
        return out;
    }

    private static byte[] replace(byte[] bytes, int at, byte value) {
        byte[] out = bytes.clone();
        out[at] = value;
        return out;
    }

    private static byte[] insert(byte[] bytes, int at, byte value) {
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
        return out;
    }

    private static byte[] delete(byte[] bytes, int at) {
        byte[] out = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
        return out;
    }

    private static byte[] duplicateSlice(byte[] bytes, int at, int length) {
        byte[] out = new byte[bytes.length + length];
        System.arraycopy(bytes, 0, out, 0, at + length);
        System.arraycopy(bytes, at, out, at + length, bytes.length - at);
        return out;
    }
}
