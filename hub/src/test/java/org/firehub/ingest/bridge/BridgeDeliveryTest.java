package org.firehub.ingest.bridge;

import org.firehub.testing.TestSink;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.firehub.ingest.Channel;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.RejectReason;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages from a real Mosquitto, published by {@code mosquitto_pub}, through a bridge into the ingest path. */
class BridgeDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestMosquitto broker;

    private BridgeHarness hub;

    @BeforeAll
    static void startBroker() {
        Assumptions.assumeTrue(TestMosquitto.installed(), "mosquitto is not installed");
        broker = TestMosquitto.startNew();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @BeforeEach
    void startHub() {
        hub = new BridgeHarness();
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private MqttBridge connectedBridge(String name) {
        MqttBridge bridge = hub.bridge(name, broker.url(), "firehub-" + name + "-" + System.nanoTime());
        Await.until("bridge " + name + " connected", WAIT, () -> bridge.health().connected());
        return bridge;
    }

    @Test
    void telemetryAndEventsFromMosquittoPubReachTheIngestPath() {
        hub.register("smoke-1");
        MqttBridge bridge = connectedBridge("good");
        assertThat(hub.connectedGauge("good")).isEqualTo(1.0);

        BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-1/telemetry", "{\"seq\":1,\"readings\":{\"battery_pct\":87}}");
        BridgeHarness.mosquittoPub(broker.port(), "site/b/dev/smoke-1/events", "{\"seq\":2,\"events\":[\"alarm\"]}");

        Await.until("two messages stored", WAIT, () -> hub.sink.stored().size() == 2);
        DeviceMessage reading = hub.sink.stored().get(0);
        DeviceMessage alarm = hub.sink.stored().get(1);
        assertThat(reading.device().id().value()).isEqualTo("smoke-1");
        assertThat(reading.readings()).containsEntry("battery_pct", 87.0);
        assertThat(alarm.events()).containsExactly("alarm");
        Await.until("both counted as stored", WAIT, () -> hub.bridgeCount("good", "stored") == 2);
        assertThat(bridge.health().lastError()).isEmpty();
    }

    @Test
    void cborBodiesAreRecognisedWithoutAContentType() throws Exception {
        hub.register("smoke-cbor");
        connectedBridge("cbor");
        byte[] cbor = new com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper()
                .writeValueAsBytes(java.util.Map.of("seq", 5, "readings", java.util.Map.of("temperature_c", 24.5)));
        var publisher = BridgeHarness.publisher(broker.url());
        try {
            publisher.publish("site/x/dev/smoke-cbor/telemetry", cbor, 1, false).waitForCompletion(10_000);
        } finally {
            publisher.disconnect().waitForCompletion(5_000);
            publisher.close();
        }
        Await.until("CBOR message stored", WAIT, () -> hub.sink.stored().size() == 1);
        assertThat(hub.sink.stored().get(0).readings()).containsEntry("temperature_c", 24.5);
    }

    @Test
    void unknownDeviceIsCountedAndAcknowledgedSoLaterMessagesFlow() {
        hub.register("smoke-2");
        connectedBridge("unknown");

        BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/ghost-9/telemetry", "{\"readings\":{\"battery_pct\":1}}");
        BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-2/telemetry", "{\"readings\":{\"battery_pct\":2}}");

        Await.until("the registered device's message stored", WAIT, () -> hub.bridgeCount("unknown", "stored") == 1);
        assertThat(hub.storedDeviceIds()).containsExactly("smoke-2");
        assertThat(hub.bridgeCount("unknown", "unknown_device")).isEqualTo(1);
        assertThat(hub.rejected(RejectReason.UNAUTHORIZED)).isEqualTo(1);
    }

    @Test
    void badBodiesAreCountedAndAcknowledgedWithoutBlockingTheGoodOnes() {
        hub.register("smoke-3");
        connectedBridge("badbody");

        BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-3/telemetry", "{not json");
        BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-3/telemetry", "{\"readings\":{\"battery_pct\":\"lots\"}}");
        BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-3/events", "{\"events\":[\"dance\"]}");
        BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-3/telemetry", "{\"readings\":{\"battery_pct\":50}}");

        Await.until("the good message stored", WAIT, () -> hub.sink.stored().size() == 1);
        Await.until("three rejections counted", WAIT, () -> hub.bridgeCount("badbody", "rejected") == 3);
        assertThat(hub.rejected(RejectReason.MALFORMED)).isEqualTo(1);
        assertThat(hub.rejected(RejectReason.WRONG_TYPE)).isEqualTo(1);
        assertThat(hub.rejected(RejectReason.UNKNOWN_EVENT)).isEqualTo(1);
    }

    @Test
    void topicsThatNameNoValidDeviceAreCountedAsBadTopics() {
        connectedBridge("badtopic");
        String tooLong = "d".repeat(65);
        BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/" + tooLong + "/telemetry", "{\"readings\":{\"battery_pct\":1}}");
        BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/bad.id/events", "{\"events\":[\"alarm\"]}");
        Await.until("two bad topics counted", WAIT, () -> hub.bridgeCount("badtopic", "bad_topic") == 2);
        assertThat(hub.rejected(RejectReason.BAD_TOPIC)).isEqualTo(2);
        assertThat(hub.sink.stored()).isEmpty();
        assertThat(hub.lookups.get()).as("no directory lookup for an invalid id").isZero();
    }

    @Test
    void aFullSpoolHoldsMessagesUntilItHasRoomThenStoresThemAll() {
        hub.register("smoke-4");
        connectedBridge("full");
        hub.sink.mode(TestSink.Mode.FULL);

        for (int seq = 1; seq <= 3; seq++) {
            BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-4/telemetry",
                    "{\"seq\":" + seq + ",\"readings\":{\"battery_pct\":" + seq + "}}");
        }
        Await.until("the spool refused a few times and the bridge retried", WAIT, () -> hub.retries("full", "spool_full") >= 6);
        assertThat(hub.sink.fullRefusals()).isGreaterThanOrEqualTo(6);
        assertThat(hub.sink.stored()).isEmpty();

        hub.sink.mode(TestSink.Mode.STORE);
        Await.until("all three stored", WAIT, () -> hub.sink.stored().size() == 3);
        assertThat(hub.sink.stored()).extracting(m -> m.seq().getAsLong()).containsExactlyInAnyOrder(1L, 2L, 3L);
        Await.until("all three counted as stored", WAIT, () -> hub.bridgeCount("full", "stored") == 3);
    }

    @Test
    void whileTheDeviceDirectoryIsUnreachableMessagesWaitUnacknowledgedAndAreStoredAfterwards() {
        hub.register("smoke-6");
        connectedBridge("dirdown");
        hub.directoryDown = true;
        BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-6/telemetry", "{\"seq\":1,\"readings\":{\"battery_pct\":6}}");
        Await.until("lookups retried", WAIT, () -> hub.retries("dirdown", "error") >= 2);
        assertThat(hub.sink.stored()).isEmpty();
        assertThat(hub.bridgeCount("dirdown", "unknown_device")).as("an outage is not an unknown device").isZero();

        hub.directoryDown = false;
        Await.until("stored once the directory answers", WAIT, () -> hub.sink.stored().size() == 1);
        Await.until("counted as stored", WAIT, () -> hub.bridgeCount("dirdown", "stored") == 1);
    }

    @Test
    void aRegisteredDeviceIsLookedUpOnceForManyMessages() {
        hub.register("smoke-5");
        connectedBridge("cache");
        for (int seq = 1; seq <= 5; seq++) {
            BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-5/telemetry",
                    "{\"seq\":" + seq + ",\"readings\":{\"battery_pct\":" + seq + "}}");
        }
        Await.until("five stored", WAIT, () -> hub.sink.stored().size() == 5);
        assertThat(hub.lookups.get()).isEqualTo(1);
    }

    @Test
    void aBrokerThatIsDownIsReportedAndRetried() {
        int nowhere = org.firehub.testing.FreePorts.next();
        MqttBridge bridge = hub.bridge(BridgeConfig.create("down", "tcp://127.0.0.1:" + nowhere, "firehub-down",
                List.of(new TopicMapping(BridgeHarness.SITE_TELEMETRY, Channel.TELEMETRY))));
        BridgeHealth health = Await.value("an error reported", WAIT, bridge::health, h -> h.lastError().isPresent());
        assertThat(health.connected()).isFalse();
        assertThat(health.lastError().get()).contains("connect failed");
        assertThat(hub.connectedGauge("down")).isZero();
    }
}
