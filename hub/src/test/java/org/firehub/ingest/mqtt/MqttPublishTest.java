package org.firehub.ingest.mqtt;

import org.firehub.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.Channel;
import org.firehub.ingest.ContentFormat;
import org.firehub.ingest.IngestResult;
import org.firehub.ingest.RejectReason;
import org.firehub.ingest.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MqttPublishTest {
    private static final String READING = "{\"ts\":1763800000123,\"seq\":1,\"readings\":{\"temperature_c\":24.5}}";
    private static final Duration NO_ACK_WINDOW = Duration.ofMillis(400);

    private static MqttTestHub hub;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        hub = new MqttTestHub("mqtt_publish");
        token = hub.registerDevice("smoke-1");
        hub.registerDevice("smoke-2");
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

    @Test
    void mqtt311ReadingsAtQos0AndQos1ReachTheIngestorWithDeviceVenueAndGrid() throws Exception {
        MqttAsyncClient client = PahoClients.v3(hub.url(), "smoke-1", token);
        client.publish("devices/smoke-1/telemetry", READING.getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
        client.publish("devices/smoke-1/events", "{\"events\":[\"alarm\"]}".getBytes(StandardCharsets.UTF_8), 0, false);
        Await.until("both messages ingested", Duration.ofSeconds(5), () -> hub.ingestor.calls().size() == 2);

        var telemetry = hub.ingestor.calls().get(0);
        assertThat(telemetry.device()).isEqualTo(new Device(new DeviceId("smoke-1"), "smoke", hub.venueId(), "grid-7"));
        assertThat(telemetry.transport()).isEqualTo(Transport.MQTT);
        assertThat(telemetry.channel()).isEqualTo(Channel.TELEMETRY);
        assertThat(telemetry.format()).isEqualTo(ContentFormat.JSON);
        assertThat(telemetry.text()).isEqualTo(READING);
        assertThat(hub.ingestor.calls().get(1).channel()).isEqualTo(Channel.EVENTS);
        disconnect(client);
    }

    @Test
    void cborBodyIsRecognisedWithoutContentTypeAndMqtt5ContentTypeWins() throws Exception {
        byte[] cbor = new ObjectMapper(new CBORFactory()).writeValueAsBytes(Map.of("readings", Map.of("battery_pct", 87)));
        MqttAsyncClient v3 = PahoClients.v3(hub.url(), "smoke-1", token);
        v3.publish("devices/smoke-1/telemetry", cbor, 1, false).waitForCompletion(10_000);
        disconnect(v3);

        var v5 = PahoClients.v5(hub.url(), "smoke-1", token);
        var sniffed = PahoClients.v5Message(READING, 1);
        v5.publish("devices/smoke-1/telemetry", sniffed).waitForCompletion(10_000);
        var declared = PahoClients.v5Message(READING, 1);
        MqttProperties properties = new MqttProperties();
        properties.setContentType("application/cbor");
        declared.setProperties(properties);
        v5.publish("devices/smoke-1/telemetry", declared).waitForCompletion(10_000);
        disconnect(v5);

        assertThat(hub.ingestor.calls()).extracting(RecordingIngestor.Call::format)
                .containsExactly(ContentFormat.CBOR, ContentFormat.JSON, ContentFormat.CBOR);
        assertThat(hub.ingestor.calls().get(0).body().getBytes()).isEqualTo(cbor);
    }

    @Test
    void mqtt311PubAckWaitsUntilTheIngestorHasStoredTheMessage() throws Exception {
        hub.ingestor.hold();
        MqttAsyncClient client = PahoClients.v3(hub.url(), "smoke-1", token);
        IMqttDeliveryToken delivery = client.publish("devices/smoke-1/telemetry", new MqttMessage(READING.getBytes(StandardCharsets.UTF_8)));
        Await.until("message handed to the ingestor", Duration.ofSeconds(5), () -> hub.ingestor.calls().size() == 1);

        Await.staysFalse("PUBACK before the ingestor's future completed", NO_ACK_WINDOW, delivery::isComplete);
        hub.ingestor.calls().get(0).store();
        Await.until("PUBACK after the message was stored", Duration.ofSeconds(5), delivery::isComplete);
        assertThat(delivery.getException()).isNull();
        disconnect(client);
    }

    @Test
    void mqtt5PubAckWaitsUntilTheIngestorHasStoredTheMessage() throws Exception {
        hub.ingestor.hold();
        var client = PahoClients.v5(hub.url(), "smoke-1", token);
        var delivery = client.publish("devices/smoke-1/events", PahoClients.v5Message("{\"events\":[\"alarm\"]}", 1));
        Await.until("message handed to the ingestor", Duration.ofSeconds(5), () -> hub.ingestor.calls().size() == 1);

        Await.staysFalse("PUBACK before the ingestor's future completed", NO_ACK_WINDOW, delivery::isComplete);
        hub.ingestor.calls().get(0).promise().complete(new IngestResult.Duplicate(1));
        assertThat(PahoClients.pubAckCode(delivery)).isZero();
        disconnect(client);
    }

    @Test
    void acknowledgementsGoOutInArrivalOrderEvenWhenStoredOutOfOrder() throws Exception {
        hub.ingestor.hold();
        MqttAsyncClient client = PahoClients.v3(hub.url(), "smoke-1", token);
        IMqttDeliveryToken first = client.publish("devices/smoke-1/telemetry", READING.getBytes(StandardCharsets.UTF_8), 1, false);
        IMqttDeliveryToken second = client.publish("devices/smoke-1/telemetry", READING.getBytes(StandardCharsets.UTF_8), 1, false);
        Await.until("both handed to the ingestor", Duration.ofSeconds(5), () -> hub.ingestor.calls().size() == 2);

        hub.ingestor.calls().get(1).store();
        Await.staysFalse("an ack overtook an earlier publish", NO_ACK_WINDOW, () -> first.isComplete() || second.isComplete());
        hub.ingestor.calls().get(0).store();
        Await.until("both acknowledged", Duration.ofSeconds(5), () -> first.isComplete() && second.isComplete());
        disconnect(client);
    }

    @Test
    void mqtt5RejectedBodyGetsPayloadFormatInvalidWithTheReason() throws Exception {
        hub.ingestor.answer(call -> Future.succeededFuture(new IngestResult.Rejected(RejectReason.MALFORMED, "not JSON at offset 0")));
        var client = PahoClients.v5(hub.url(), "smoke-1", token);
        var delivery = client.publish("devices/smoke-1/telemetry", PahoClients.v5Message("garbage", 1));
        assertThat(PahoClients.pubAckCode(delivery)).isEqualTo(0x99);
        assertThat(PahoClients.reasonString(delivery)).isEqualTo("malformed: not JSON at offset 0");
        assertThat(client.isConnected()).isTrue();
        disconnect(client);
    }

    @Test
    void qos2PublishIsReceivedOnlyOnceStoredAndCompletes() throws Exception {
        hub.ingestor.hold();
        MqttAsyncClient client = PahoClients.v3(hub.url(), "smoke-1", token);
        IMqttDeliveryToken delivery = client.publish("devices/smoke-1/events", "{\"events\":[\"alarm\"]}".getBytes(StandardCharsets.UTF_8), 2, false);
        Await.until("message handed to the ingestor", Duration.ofSeconds(5), () -> hub.ingestor.calls().size() == 1);
        Await.staysFalse("QoS 2 flow completed before the message was stored", NO_ACK_WINDOW, delivery::isComplete);
        hub.ingestor.calls().get(0).store();
        Await.until("PUBREC, PUBREL, PUBCOMP after storing", Duration.ofSeconds(5), delivery::isComplete);
        assertThat(delivery.getException()).isNull();
        disconnect(client);
    }

    @Test
    void mqtt311RejectedBodyIsAcknowledgedSoTheDeviceMovesOn() throws Exception {
        hub.ingestor.answer(call -> Future.succeededFuture(new IngestResult.Rejected(RejectReason.NOT_FINITE, "temperature_c")));
        MqttAsyncClient client = PahoClients.v3(hub.url(), "smoke-1", token);
        IMqttDeliveryToken delivery = client.publish("devices/smoke-1/telemetry", READING.getBytes(StandardCharsets.UTF_8), 1, false);
        delivery.waitForCompletion(10_000);
        assertThat(delivery.getException()).isNull();
        assertThat(client.isConnected()).isTrue();
        disconnect(client);
    }

    @Test
    void mqtt5PublishToAnotherDevicesTopicIsRefusedWithNotAuthorizedAndCounted() throws Exception {
        long before = hub.refused(RejectReason.FORBIDDEN);
        var client = PahoClients.v5(hub.url(), "smoke-1", token);
        var delivery = client.publish("devices/smoke-2/telemetry", PahoClients.v5Message(READING, 1));
        assertThat(PahoClients.pubAckCode(delivery)).isEqualTo(0x87);
        client.publish("devices/smoke-2/telemetry", PahoClients.v5Message(READING, 0));
        // a good publish after the refused ones proves the connection survived and kept order
        assertThat(PahoClients.pubAckCode(client.publish("devices/smoke-1/telemetry", PahoClients.v5Message(READING, 1)))).isZero();

        assertThat(hub.refused(RejectReason.FORBIDDEN) - before).isEqualTo(2);
        assertThat(hub.ingestor.calls()).extracting(c -> c.device().id().value()).containsExactly("smoke-1");
        disconnect(client);
    }

    @Test
    void mqtt311PublishToAnotherDevicesTopicClosesTheConnectionAndIsCounted() throws Exception {
        long before = hub.refused(RejectReason.FORBIDDEN);
        MqttAsyncClient client = PahoClients.v3(hub.url(), "smoke-1", token);
        client.publish("devices/smoke-2/telemetry", READING.getBytes(StandardCharsets.UTF_8), 1, false);
        Await.until("connection closed by the hub", Duration.ofSeconds(5), () -> !client.isConnected());
        assertThat(hub.refused(RejectReason.FORBIDDEN) - before).isEqualTo(1);
        assertThat(hub.ingestor.calls()).isEmpty();
        client.close(true);
    }

    @Test
    void unknownTopicIsRefusedAsInvalidTopicName() throws Exception {
        long before = hub.refused(RejectReason.BAD_TOPIC);
        var v5 = PahoClients.v5(hub.url(), "smoke-1", token);
        for (String topic : List.of("devices/smoke-1/status", "telemetry", "devices/smoke-1/telemetry/extra")) {
            assertThat(PahoClients.pubAckCode(v5.publish(topic, PahoClients.v5Message(READING, 1)))).as(topic).isEqualTo(0x90);
        }
        disconnect(v5);

        MqttAsyncClient v3 = PahoClients.v3(hub.url(), "smoke-1", token);
        v3.publish("firmware/upload", READING.getBytes(StandardCharsets.UTF_8), 1, false);
        Await.until("3.1.1 connection closed by the hub", Duration.ofSeconds(5), () -> !v3.isConnected());
        v3.close(true);

        assertThat(hub.refused(RejectReason.BAD_TOPIC) - before).isEqualTo(4);
        assertThat(hub.ingestor.calls()).isEmpty();
    }

    @Test
    void packetLargerThanTheLimitEndsTheConnection() throws Exception {
        MqttAsyncClient client = PahoClients.v3(hub.url(), "smoke-1", token);
        client.publish("devices/smoke-1/telemetry", new byte[10 * 1024], 1, false);
        Await.until("oversize packet ends the connection", Duration.ofSeconds(5), () -> !client.isConnected());
        assertThat(hub.ingestor.calls()).isEmpty();
        client.close(true);
    }

    private static void disconnect(MqttAsyncClient client) throws Exception {
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }

    private static void disconnect(org.eclipse.paho.mqttv5.client.MqttAsyncClient client) throws Exception {
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
