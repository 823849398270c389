package org.firehub.ingest.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker goes away (kill -9) and comes back on the same port: the bridge reconnects, resubscribes, carries on. */
class BridgeBrokerRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestMosquitto broker;

    @BeforeEach
    void startBroker() {
        Assumptions.assumeTrue(TestMosquitto.installed(), "mosquitto is not installed");
        broker = TestMosquitto.startNew();
    }

    @AfterEach
    void stopBroker() {
        if (broker != null) broker.close();
    }

    @Test
    void theBridgeReconnectsAfterABrokerRestartAndKeepsStoring() {
        try (BridgeHarness hub = new BridgeHarness()) {
            hub.register("smoke-9");
            MqttBridge bridge = hub.bridge("restart", broker.url(), "firehub-restart");
            Await.until("connected", WAIT, () -> bridge.health().connected());
            BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-9/telemetry", "{\"seq\":1,\"readings\":{\"battery_pct\":1}}");
            Await.until("seq 1 stored", WAIT, () -> hub.sink.stored().size() == 1);

            broker.kill();
            BridgeHealth down = Await.value("the bridge notices", WAIT, bridge::health, h -> !h.connected());
            assertThat(down.lastError()).hasValueSatisfying(error -> assertThat(error).contains("connection lost"));
            assertThat(hub.connectedGauge("restart")).isZero();

            broker.start();
            Await.until("reconnected and resubscribed", WAIT, () -> bridge.health().connected());
            assertThat(hub.connectedGauge("restart")).isEqualTo(1.0);
            BridgeHarness.mosquittoPub(broker.port(), "site/a/dev/smoke-9/telemetry", "{\"seq\":2,\"readings\":{\"battery_pct\":2}}");
            Await.until("seq 2 stored", WAIT, () -> hub.sink.stored().size() == 2);
            assertThat(hub.sink.stored()).extracting(m -> m.seq().getAsLong()).containsExactly(1L, 2L);
        }
    }
}
