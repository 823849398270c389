package org.firehub.ingest.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.firehub.ingest.DefaultIngestor;
import org.firehub.ingest.DurableSink;
import org.firehub.ingest.Ingestor;
import org.firehub.spool.Spool;
import org.firehub.spool.SpoolConfig;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many messages at once through a real Mosquitto and the bridge: every one ends up durable in the
 * real spool, once. (The rate is a figure for {@code ./firehub bench bridge}, not for a test.)
 */
class BridgeBulkDeliveryTest {
    private static final int MESSAGES = 5_000;
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
    void everyBridgedMessageIsDurableInTheSpoolExactlyOnce() throws Exception {
        Path dir = Files.createTempDirectory("firehub-bridge-spool");
        try (BridgeHarness hub = new BridgeHarness();
             Spool spool = Spool.open(SpoolConfig.defaults(dir), batch -> { throw new AssertionError("not draining"); }, hub.registry)) {
            AtomicInteger durable = new AtomicInteger();
            DurableSink counting = message -> spool.append(message).thenRun(durable::incrementAndGet);
            Ingestor ingestor = DefaultIngestor.create(hub.vertx, BridgeHarness.catalogue(), counting, hub.ingestMetrics,
                    java.time.Clock.systemUTC());
            List<Map.Entry<String, byte[]>> messages = new ArrayList<>();
            for (int i = 1; i <= MESSAGES; i++) {
                String device = "bulk-" + (i % 50);
                if (i <= 50) hub.register(device);
                messages.add(new SimpleEntry<>("site/a/dev/" + device + "/telemetry",
                        ("{\"seq\":" + i + ",\"readings\":{\"battery_pct\":" + (i % 100) + ",\"temperature_c\":21.5}}")
                                .getBytes(StandardCharsets.UTF_8)));
            }
            MqttBridge bridge = hub.bridge(BridgeConfig.create("bulk", broker.url(), "firehub-bulk", List.of(
                    new TopicMapping(BridgeHarness.SITE_TELEMETRY, org.firehub.ingest.Channel.TELEMETRY))), ingestor);
            Await.until("connected", Duration.ofSeconds(20), () -> bridge.health().connected());
            MqttAsyncClient publisher = BridgeHarness.publisher(broker.url());
            try {
                BridgeHarness.publishAll(publisher, messages, 500);
                Await.until("all stored", Duration.ofSeconds(120), () -> hub.bridgeCount("bulk", "stored") == MESSAGES);
            } finally {
                BridgeHarness.closeQuietly(publisher);
            }
            assertThat(durable.get()).isEqualTo(MESSAGES);
            assertThat(spool.depth()).isEqualTo(MESSAGES);
        }
    }
}
