package org.firehub.ingest.bridge;

import org.firehub.testing.TestSink;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge's promise: the broker gets the PUBACK only once the message is durable, so a hub
 * that dies with a message in flight gets it again from the broker's persistent session.
 */
class BridgeCrashTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestMosquitto broker;

    @BeforeAll
    static void startBroker() {
        Assumptions.assumeTrue(TestMosquitto.installed(), "mosquitto is not installed");
        broker = TestMosquitto.startNew();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @Test
    void aMessageNotYetDurableWhenTheHubDiesIsRedeliveredToTheNextHubAndStored() {
        String clientId = "firehub-crash-" + System.nanoTime();
        try (BridgeHarness first = new BridgeHarness()) {
            first.register("smoke-7");
            MqttBridge bridge = first.bridge("crash", broker.url(), clientId);
            Await.until("first bridge connected", WAIT, () -> bridge.health().connected());

            BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-7/telemetry", "{\"seq\":1,\"readings\":{\"battery_pct\":10}}");
            Await.until("seq 1 stored and acknowledged", WAIT, () -> first.bridgeCount("crash", "stored") == 1);

            first.sink.mode(TestSink.Mode.HOLD); // the next fsync never returns
            BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-7/telemetry", "{\"seq\":2,\"readings\":{\"battery_pct\":20}}");
            Await.until("seq 2 waiting in the sink", WAIT, () -> first.sink.heldCount() == 1);

            BridgeHarness.awaitQuietly(bridge.kill()); // the hub dies: no DISCONNECT, nothing more acknowledged
        }

        try (BridgeHarness second = new BridgeHarness()) {
            second.register("smoke-7");
            MqttBridge bridge = second.bridge("crash", broker.url(), clientId);
            Await.until("seq 2 redelivered and stored", WAIT, () -> !second.sink.stored().isEmpty());
            Await.staysFalse("more than the unacknowledged message redelivered", Duration.ofMillis(500),
                    () -> second.sink.stored().size() > 1);
            assertThat(second.sink.stored()).extracting(m -> m.seq().getAsLong()).containsExactly(2L);
            assertThat(bridge.health().connected()).isTrue();
        }
    }

    @Test
    void aMessageHeldByTheSinkIsStoredOnceTheSinkCompletes() {
        try (BridgeHarness hub = new BridgeHarness()) {
            hub.register("smoke-8");
            MqttBridge bridge = hub.bridge("hold", broker.url(), "firehub-hold-" + System.nanoTime());
            Await.until("bridge connected", WAIT, () -> bridge.health().connected());
            hub.sink.mode(TestSink.Mode.HOLD);
            BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-8/events", "{\"seq\":1,\"events\":[\"alarm\"]}");
            Await.until("held", WAIT, () -> hub.sink.heldCount() == 1);
            assertThat(hub.bridgeCount("hold", "stored")).isZero();
            hub.sink.releaseHeld();
            Await.until("stored", WAIT, () -> hub.bridgeCount("hold", "stored") == 1);
            assertThat(hub.sink.stored()).hasSize(1);
        }
    }
}
