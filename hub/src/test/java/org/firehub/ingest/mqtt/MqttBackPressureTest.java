package org.firehub.ingest.mqtt;

import org.firehub.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.firehub.ingest.DurableSink.SinkFullException;
import org.firehub.ingest.RejectReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MqttBackPressureTest {
    private static final String READING = "{\"readings\":{\"temperature_c\":24.5}}";
    private static final int MAX_IN_FLIGHT = 4;

    private static MqttTestHub hub;
    private static String token;
    private final AtomicBoolean spoolFull = new AtomicBoolean(true);

    @BeforeAll
    static void start() throws Exception {
        hub = new MqttTestHub("mqtt_backpressure",
                s -> s.withLimits(s.maxMessageSize(), MAX_IN_FLIGHT).withTimeouts(s.connectTimeout(), Duration.ofSeconds(2)));
        token = hub.registerDevice("smoke-1");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @BeforeEach
    void reset() {
        hub.awaitNoConnections();
        hub.ingestor.reset();
    }

    private void fullSpoolUntilReleased() {
        hub.ingestor.answer(call -> spoolFull.get()
                ? Future.failedFuture(new SinkFullException("spool full", 20))
                : Future.succeededFuture(RecordingIngestor.stored(call.device())));
    }

    @Test
    void fullSpoolHoldsTheAckUntilThereIsRoomThenAcknowledges() throws Exception {
        fullSpoolUntilReleased();
        MqttAsyncClient v3 = PahoClients.v3(hub.url(), "smoke-1", token);
        IMqttDeliveryToken delivery = v3.publish("devices/smoke-1/telemetry", READING.getBytes(StandardCharsets.UTF_8), 1, false);
        Await.until("the hub retries against the full spool", Duration.ofSeconds(5), () -> hub.ingestor.calls().size() >= 3);
        assertThat(delivery.isComplete()).as("no PUBACK while the spool is full").isFalse();

        spoolFull.set(false);
        Await.until("PUBACK once the spool has room", Duration.ofSeconds(5), delivery::isComplete);
        assertThat(delivery.getException()).isNull();
        assertThat(v3.isConnected()).isTrue();
        v3.disconnect().waitForCompletion(10_000);
        v3.close();
    }

    @Test
    void mqtt5GetsQuotaExceededWhenTheSpoolStaysFullTooLong() throws Exception {
        long before = hub.refused(RejectReason.SPOOL_FULL);
        fullSpoolUntilReleased();
        var v5 = PahoClients.v5(hub.url(), "smoke-1", token);
        var delivery = v5.publish("devices/smoke-1/telemetry", PahoClients.v5Message(READING, 1));
        assertThat(PahoClients.pubAckCode(delivery)).isEqualTo(0x97);
        assertThat(hub.refused(RejectReason.SPOOL_FULL) - before).isEqualTo(1);
        v5.disconnect().waitForCompletion(10_000);
        v5.close();
    }

    @Test
    void mqtt311IsDisconnectedUnacknowledgedWhenTheSpoolStaysFullTooLong() throws Exception {
        fullSpoolUntilReleased();
        MqttAsyncClient v3 = PahoClients.v3(hub.url(), "smoke-1", token);
        IMqttDeliveryToken delivery = v3.publish("devices/smoke-1/telemetry", READING.getBytes(StandardCharsets.UTF_8), 1, false);
        Await.until("connection closed after the retry budget", Duration.ofSeconds(10), () -> !v3.isConnected());
        // Paho fails the pending delivery on its own callback thread, a moment after the close.
        Await.until("the publish failed, never acknowledged", Duration.ofSeconds(10), () -> delivery.getException() != null);
        v3.close(true);
    }

    @Test
    void mqtt5ConnackAdvertisesReceiveMaximumAndExceedingItDisconnects() throws Exception {
        hub.ingestor.hold();
        try (RawMqttClient raw = RawMqttClient.connect(hub.port, 5, "raw5", "smoke-1", token, 60)) {
            RawMqttClient.Packet connack = raw.read(Duration.ofSeconds(5));
            assertThat(connack.type()).isEqualTo(RawMqttClient.CONNACK);
            assertThat(connack.connectCode()).isZero();
            assertThat(connack.body()).as("Receive Maximum property (0x21) = 4")
                    .containsSequence((byte) 0x21, (byte) 0x00, (byte) MAX_IN_FLIGHT);
            for (int id = 1; id <= MAX_IN_FLIGHT + 1; id++) raw.publishQos1("devices/smoke-1/telemetry", id, READING);
            RawMqttClient.Packet last = raw.readUntilClosed(Duration.ofSeconds(5));
            assertThat(last).isNotNull();
            assertThat(last.type()).isEqualTo(RawMqttClient.DISCONNECT);
            assertThat(last.disconnectReason()).isEqualTo(0x93);
        }
        assertThat(hub.ingestor.calls()).hasSize(MAX_IN_FLIGHT);
    }

    @Test
    void mqtt311ClientExceedingTheInFlightWindowIsDisconnected() throws Exception {
        hub.ingestor.hold();
        try (RawMqttClient raw = RawMqttClient.connect(hub.port, 4, "raw3", "smoke-1", token, 60)) {
            assertThat(raw.read(Duration.ofSeconds(5)).connectCode()).isZero();
            for (int id = 1; id <= MAX_IN_FLIGHT; id++) raw.publishQos1("devices/smoke-1/telemetry", id, READING);
            Await.until("window filled", Duration.ofSeconds(5), () -> hub.ingestor.calls().size() == MAX_IN_FLIGHT);
            assertThat(hub.handler.registry().size()).as("still connected at the limit").isEqualTo(1);
            raw.publishQos1("devices/smoke-1/telemetry", MAX_IN_FLIGHT + 1, READING);
            assertThat(raw.readUntilClosed(Duration.ofSeconds(5))).as("no PUBACK, just the end").isNull();
        }
    }
}
