package org.firehub.ingest.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.firehub.ingest.Channel;
import org.firehub.testing.Await;
import org.firehub.testing.FreePorts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The factory the hub wires: several bridges, their health, a config that cannot work. */
class BridgesTest {
    private static final List<TopicMapping> TOPICS = List.of(new TopicMapping(BridgeHarness.SITE_TELEMETRY, Channel.TELEMETRY));

    @Test
    void healthNamesTheBridgeThatIsDownAndItsError() throws Exception {
        Assumptions.assumeTrue(TestMosquitto.installed(), "mosquitto is not installed");
        try (TestMosquitto broker = TestMosquitto.startNew(); BridgeHarness hub = new BridgeHarness()) {
            BridgesConfig config = new BridgesConfig(List.of(
                    BridgeConfig.create("up", broker.url(), "firehub-up", TOPICS),
                    BridgeConfig.create("away", "tcp://127.0.0.1:" + FreePorts.next(), "firehub-away", TOPICS)));
            Bridges bridges = Bridges.start(hub.vertx, config, hub.ingestor, hub.directory, hub.ingestMetrics, hub.registry);
            try {
                Await.until("up connected, away failed once", Duration.ofSeconds(20), () -> bridges.health().get(0).connected()
                        && bridges.health().get(1).lastError().isPresent());
                assertThat(bridges.health()).extracting(BridgeHealth::name).containsExactly("up", "away");
                assertThat(bridges.allConnected()).isFalse();
                assertThatThrownBy(() -> bridges.check().await())
                        .hasMessageContaining("away (tcp://127.0.0.1:").hasMessageContaining("connect failed")
                        .hasMessageNotContaining("up (");
            } finally {
                BridgeHarness.awaitQuietly(bridges.close());
            }
            assertThat(hub.connectedGauge("up")).isZero();
        }
    }

    @Test
    void noBridgesIsHealthy() throws Exception {
        try (BridgeHarness hub = new BridgeHarness()) {
            Bridges bridges = Bridges.start(hub.vertx, BridgesConfig.none(), hub.ingestor, hub.directory, hub.ingestMetrics, hub.registry);
            assertThat(bridges.health()).isEmpty();
            bridges.check().await();
            bridges.close().await();
        }
    }

    @Test
    void aCaFileThatCannotBeReadStopsTheStartNamingTheBridge() {
        try (BridgeHarness hub = new BridgeHarness()) {
            BridgeConfig tls = new BridgeConfig("secure", "ssl://127.0.0.1:8883", "firehub-secure", Optional.empty(), Optional.empty(),
                    Optional.of(new TlsSettings(Optional.of(Path.of("/nonexistent/ca.pem")), Optional.empty(), Optional.empty(), true)),
                    TOPICS, BridgeConfig.DEFAULT_KEEP_ALIVE, BridgeConfig.DEFAULT_RECONNECT_MIN, BridgeConfig.DEFAULT_RECONNECT_MAX);
            assertThatThrownBy(() -> Bridges.start(hub.vertx, new BridgesConfig(List.of(tls)), hub.ingestor, hub.directory,
                    hub.ingestMetrics, hub.registry))
                    .isInstanceOf(BridgeConfigException.class).hasMessageContaining("bridge secure").hasMessageContaining("/nonexistent/ca.pem");
        }
    }
}
