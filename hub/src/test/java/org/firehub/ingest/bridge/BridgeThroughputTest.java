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
import java.util.concurrent.CompletableFuture;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End to end rate: Paho publisher → Mosquitto → bridge → ingest path → the real spool (fsync'd
 * group commits) and → an in-memory sink. Prints messages/s; asserts only that everything
 * arrived, since a shared 2-core machine makes any rate threshold flaky.
 */
class BridgeThroughputTest {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeThroughputTest.class);
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
    void bridgedMessagesPerSecondIntoTheRealSpool() throws Exception {
        Path dir = Files.createTempDirectory("firehub-bridge-spool");
        try (BridgeHarness hub = new BridgeHarness();
             Spool spool = Spool.open(SpoolConfig.defaults(dir), batch -> { throw new AssertionError("not draining"); }, hub.registry)) {
            double rate = measure(hub, "tput-spool", spool);
            LOG.info("bridge throughput into the real spool (fsync): {} messages/s", Math.round(rate));
            System.out.printf("BRIDGE-THROUGHPUT spool %d msg/s%n", Math.round(rate));
            assertThat(spool.depth()).isEqualTo(MESSAGES);
        }
    }

    @Test
    void bridgedMessagesPerSecondIntoMemory() throws Exception {
        try (BridgeHarness hub = new BridgeHarness()) {
            double rate = measure(hub, "tput-memory", hub.sink);
            LOG.info("bridge throughput into memory: {} messages/s", Math.round(rate));
            System.out.printf("BRIDGE-THROUGHPUT memory %d msg/s%n", Math.round(rate));
        }
    }

    private static double measure(BridgeHarness hub, String name, DurableSink target) throws Exception {
        AtomicInteger durable = new AtomicInteger();
        DurableSink counting = message -> countOn(target.append(message), durable);
        Ingestor ingestor = DefaultIngestor.create(hub.vertx, BridgeHarness.catalogue(), counting, hub.ingestMetrics,
                java.time.Clock.systemUTC());
        List<Map.Entry<String, byte[]>> messages = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) {
            String device = "tput-" + (i % 50);
            if (i <= 50) hub.register(device);
            messages.add(new SimpleEntry<>("site/a/dev/" + device + "/telemetry",
                    ("{\"seq\":" + i + ",\"readings\":{\"battery_pct\":" + (i % 100) + ",\"temperature_c\":21.5}}")
                            .getBytes(StandardCharsets.UTF_8)));
        }
        MqttBridge bridge = hub.bridge(BridgeConfig.create(name, broker.url(), "firehub-" + name, List.of(
                new TopicMapping(BridgeHarness.SITE_TELEMETRY, org.firehub.ingest.Channel.TELEMETRY))), ingestor);
        Await.until("connected", Duration.ofSeconds(20), () -> bridge.health().connected());
        MqttAsyncClient publisher = BridgeHarness.publisher(broker.url());
        long start = System.nanoTime();
        try {
            BridgeHarness.publishAll(publisher, messages, 500);
            Await.until("all durable and settled", Duration.ofSeconds(120), () -> hub.bridgeCount(name, "stored") == MESSAGES);
        } finally {
            BridgeHarness.closeQuietly(publisher);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(durable.get()).isEqualTo(MESSAGES);
        return MESSAGES / seconds;
    }

    private static CompletableFuture<Void> countOn(CompletableFuture<Void> append, AtomicInteger durable) {
        return append.thenRun(durable::incrementAndGet);
    }
}
