package org.firehub.ingest;

import org.firehub.testing.TestSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.ingest.Bodies.encode;
import static org.firehub.ingest.Bodies.map;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DefaultIngestorTest {
    private static final long NOW = Instant.parse("2026-11-22T08:00:00Z").toEpochMilli();
    private static Vertx vertx;

    private final Device alarm = Bodies.smokeAlarm("smoke-0042");
    private PrometheusMeterRegistry registry;
    private TestSink sink;
    private EventLoopCaller transport;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    @BeforeEach
    void wire() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        sink = new TestSink(250);
        Ingestor ingestor = DefaultIngestor.create(vertx, Bodies.catalogue(), sink, new IngestMetrics(registry),
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        transport = new EventLoopCaller(vertx.getOrCreateContext(), ingestor);
    }

    @AfterEach
    void closeSink() {
        sink.close();
    }

    @ParameterizedTest
    @EnumSource(ContentFormat.class)
    void goodBodyIsStoredAsExactlyTheMessageItDescribes(ContentFormat format) {
        Buffer body = encode(map("ts", NOW - 1000, "seq", 4711,
                "readings", map("smoke_obscuration_db_m", 0.05, "temperature_c", 24.5, "battery_pct", 87, "rssi_dbm", -71),
                "events", List.of("alarm")), format);

        IngestResult result = transport.result(alarm, Transport.MQTT, Channel.TELEMETRY, body, format);

        DeviceMessage expected = new DeviceMessage(alarm, NOW - 1000, OptionalLong.of(4711),
                Map.of("smoke_obscuration_db_m", 0.05, "temperature_c", 24.5, "battery_pct", 87.0, "rssi_dbm", -71.0),
                List.of("alarm"), NOW);
        assertThat(result).isEqualTo(new IngestResult.Stored(expected));
        assertThat(sink.stored()).containsExactly(expected);
        assertThat(registry.get("firehub.ingest.accepted").tag("transport", "mqtt").counter().count()).isEqualTo(1);
        assertThat(registry.get("firehub.ingest.commit").tag("transport", "mqtt").timer().count()).isEqualTo(1);
    }

    @Test
    void resultArrivesOnTheCallersEventLoopThoughTheSinkCompletesOnItsOwnThread() {
        EventLoopCaller.Call call = transport.call(alarm, Transport.COAP, Channel.EVENTS,
                Bodies.json("{\"events\":[\"heartbeat\"]}"), ContentFormat.JSON);

        assertThat(call.result()).isInstanceOf(IngestResult.Stored.class);
        assertThat(call.callerThread().getName()).startsWith("vert.x-eventloop-thread-");
        assertThat(call.completionThread()).isSameAs(call.callerThread());
    }

    @Test
    void deviceIsNotAnsweredBeforeTheAppendIsDurable() throws Exception {
        sink.mode(TestSink.Mode.HOLD);
        CompletableFuture<EventLoopCaller.Call> pending = transport.start(alarm, Transport.MQTT, Channel.EVENTS,
                Bodies.json("{\"seq\":1,\"events\":[\"alarm\"]}"), ContentFormat.JSON);
        awaitUntil(() -> sink.held().size() == 1);

        assertThat(pending).as("no answer while the append is pending").isNotDone();
        assertThat(sink.stored()).isEmpty();

        sink.releaseHeld();
        EventLoopCaller.Call call = pending.get(10, TimeUnit.SECONDS);
        assertThat(call.result()).isInstanceOf(IngestResult.Stored.class);
        assertThat(call.completionThread()).isSameAs(call.callerThread());
        assertThat(sink.stored()).hasSize(1);
    }

    @Test
    void redeliveryIsAcknowledgedAsDuplicateAndStoredOnce() {
        Buffer body = Bodies.json("{\"seq\":9,\"readings\":{\"temperature_c\":22}}");

        assertThat(transport.result(alarm, Transport.MQTT, Channel.TELEMETRY, body, ContentFormat.JSON)).isInstanceOf(IngestResult.Stored.class);
        assertThat(transport.result(alarm, Transport.MQTT, Channel.TELEMETRY, body, ContentFormat.JSON)).isEqualTo(new IngestResult.Duplicate(9));

        assertThat(sink.stored()).hasSize(1);
        assertThat(registry.get("firehub.ingest.duplicates").tag("transport", "mqtt").counter().count()).isEqualTo(1);
        assertThat(registry.get("firehub.ingest.accepted").tag("transport", "mqtt").counter().count()).isEqualTo(1);
    }

    @Test
    void skippedSeqsAreCountedAsGaps() {
        for (int seq : new int[] {1, 2, 6, 7, 10}) {
            transport.result(alarm, Transport.HTTP, Channel.EVENTS, Bodies.json("{\"seq\":" + seq + ",\"events\":[\"heartbeat\"]}"), ContentFormat.JSON);
        }
        assertThat(registry.get("firehub.ingest.seq.gaps").tag("transport", "http").counter().count()).isEqualTo(3 + 2);
        assertThat(sink.stored()).hasSize(5);
    }

    @Test
    void fullSpoolPushesBackAndTheRetryOfTheSameSeqIsStoredNotDropped() {
        Buffer body = encode(map("seq", 77, "events", List.of("alarm")), ContentFormat.CBOR);
        sink.mode(TestSink.Mode.FULL);

        EventLoopCaller.Call refused = transport.call(alarm, Transport.COAP, Channel.EVENTS, body, ContentFormat.CBOR);

        assertThat(refused.outcome().failed()).isTrue();
        assertThat(refused.outcome().cause()).isInstanceOf(DurableSink.SinkFullException.class);
        assertThat(((DurableSink.SinkFullException) refused.outcome().cause()).retryAfterMillis()).isEqualTo(250);
        assertThat(refused.completionThread()).isSameAs(refused.callerThread());
        assertThat(registry.get("firehub.ingest.rejected").tags("transport", "coap", "reason", "spool_full").counter().count()).isEqualTo(1);

        sink.mode(TestSink.Mode.STORE);
        assertThat(transport.result(alarm, Transport.COAP, Channel.EVENTS, body, ContentFormat.CBOR)).isInstanceOf(IngestResult.Stored.class);
        assertThat(sink.stored()).hasSize(1);
    }

    @Test
    void failedAppendFailsWithTheDeviceNamedAndTheRetryIsStored() {
        Buffer body = Bodies.json("{\"seq\":5,\"events\":[\"fault\"]}");
        sink.mode(TestSink.Mode.FAIL);

        EventLoopCaller.Call failed = transport.call(alarm, Transport.MQTT, Channel.EVENTS, body, ContentFormat.JSON);

        assertThat(failed.outcome().failed()).isTrue();
        assertThat(failed.outcome().cause()).isInstanceOf(IngestFailedException.class)
                .hasMessageContaining("device smoke-0042: durable append failed")
                .hasRootCauseMessage("disk on fire (test)");
        assertThat(registry.get("firehub.ingest.accepted").tag("transport", "mqtt").counter().count()).isZero();

        sink.mode(TestSink.Mode.STORE);
        assertThat(transport.result(alarm, Transport.MQTT, Channel.EVENTS, body, ContentFormat.JSON)).isInstanceOf(IngestResult.Stored.class);
    }

    @Test
    void badBodiesAreRejectedCountedPerReasonAndNeverReachTheSink() {
        assertThat(transport.result(alarm, Transport.COAP, Channel.TELEMETRY,
                encode(map("readings", map("temperature_c", Double.NaN)), ContentFormat.CBOR), ContentFormat.CBOR))
                .isEqualTo(new IngestResult.Rejected(RejectReason.NOT_FINITE, "reading 'temperature_c' is NaN"));
        assertThat(transport.result(alarm, Transport.COAP, Channel.EVENTS,
                Bodies.json("{\"readings\":{\"temperature_c\":30}}"), ContentFormat.JSON))
                .isEqualTo(new IngestResult.Rejected(RejectReason.EMPTY, "a message on the events channel carries no event"));
        assertThat(transport.result(alarm, Transport.COAP, Channel.TELEMETRY,
                Bodies.json("{\"readings\":{\"gas_lel_pct\":3}}"), ContentFormat.JSON))
                .isInstanceOf(IngestResult.Rejected.class);
        assertThat(transport.result(alarm, Transport.COAP, Channel.EVENTS,
                Bodies.json("{\"ts\":" + (NOW + 2 * 86_400_000L) + ",\"events\":[\"alarm\"]}"), ContentFormat.JSON))
                .isInstanceOf(IngestResult.Rejected.class);

        assertThat(sink.stored()).isEmpty();
        assertThat(rejected("coap", "not_finite")).isEqualTo(1);
        assertThat(rejected("coap", "empty")).isEqualTo(1);
        assertThat(rejected("coap", "unknown_reading")).isEqualTo(1);
        assertThat(rejected("coap", "ts_in_future")).isEqualTo(1);
        assertThat(rejected("mqtt", "not_finite")).isZero();
    }

    @Test
    void rejectedMessageDoesNotConsumeItsSeq() {
        assertThat(transport.result(alarm, Transport.MQTT, Channel.TELEMETRY,
                Bodies.json("{\"seq\":3,\"readings\":{\"temperature\":30}}"), ContentFormat.JSON)).isInstanceOf(IngestResult.Rejected.class);
        assertThat(transport.result(alarm, Transport.MQTT, Channel.TELEMETRY,
                Bodies.json("{\"seq\":3,\"readings\":{\"temperature_c\":30}}"), ContentFormat.JSON)).isInstanceOf(IngestResult.Stored.class);
    }

    @Test
    void deviceOfAnUnknownKindFailsWithItsIdAndNothingIsStored() {
        Device orphan = new Device(new DeviceId("old-7"), "sprinkler", 1, "grid-1");

        EventLoopCaller.Call call = transport.call(orphan, Transport.HTTP, Channel.EVENTS, Bodies.json("{\"events\":[\"alarm\"]}"), ContentFormat.JSON);

        assertThat(call.outcome().failed()).isTrue();
        assertThat(call.outcome().cause()).isInstanceOf(IngestFailedException.class).hasMessageContaining("old-7").hasMessageContaining("sprinkler");
        assertThat(sink.stored()).isEmpty();
    }

    @Test
    void callerOutsideVertxGetsItsResultOnAVertxThread() throws Exception {
        Ingestor ingestor = DefaultIngestor.create(vertx, Bodies.catalogue(), sink, new IngestMetrics(registry),
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        CompletableFuture<Thread> completedOn = new CompletableFuture<>();

        ingestor.accept(alarm, Transport.BRIDGE, Channel.EVENTS, Bodies.json("{\"events\":[\"alarm\"]}"), ContentFormat.JSON)
                .onComplete(done -> completedOn.complete(Thread.currentThread()));

        assertThat(completedOn.get(10, TimeUnit.SECONDS).getName()).startsWith("vert.x-eventloop-thread-");
        assertThat(sink.stored()).hasSize(1);
    }

    private double rejected(String transportLabel, String reason) {
        return registry.get("firehub.ingest.rejected").tags("transport", transportLabel, "reason", reason).counter().count();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
